// Key material never reaches a report or a log. The only command of a run that carries
// secrets on the wire is the modem's credential write, `AT%CMNG=0,<sec_tag>,<type>,
// "<content>"[,"<passwd>"]` (PEM keys, hex PSKs, PSK identities), so its content and
// password are replaced by a marker that keeps their length. #XSSOCKETOPT carries only
// tags and names, and %CMNG's list/read answers carry fingerprints and public
// certificates: both stay as they are.
//
// Two entries: `redactSecrets` for text already rendered (messages, escaped wire text),
// and `SecretRedactor` for raw bytes as they stream, where a PEM content may span many
// chunks and lines (its line ends are inside the quotes).

/** What a redacted content becomes (its byte count kept: a wrong length is still visible). */
export function redactionMarker(byteCount: number): string {
  return `[REDACTED ${byteCount} bytes]`;
}

const WRITE_PREFIX = 'AT%CMNG=0,';
const WRITE_PREFIX_BYTES = Buffer.from(WRITE_PREFIX, 'latin1');
// In rendered text the quoted fields may hold escapes (`\n` in a PEM); a quote inside the
// content cannot occur (at_parser has no escape for it), so `"[^"]*"` is the field.
// The optional head keeps sec_tag and type visible; everything quoted after it is secret.
const WRITE_IN_TEXT = /(AT%CMNG=0,[^,"\r\n\\]*,[^,"\r\n\\]*,)("[^"]*"?)((?:,"[^"]*"?)*)/gi;

/** Whether `text` holds a credential write whose content is not a redaction marker yet. */
export function holdsUnredactedSecret(text: string): boolean {
  return /%CMNG=0,[^,\n]*,[^,\n]*,"(?!\[REDACTED \d+ bytes\]")/i.test(text);
}

/** Replaces the content and password of every credential write in `text`. */
export function redactSecrets(text: string): string {
  if (!/%CMNG=0,/i.test(text)) return text;
  return text.replace(WRITE_IN_TEXT, (_whole, head: string, content: string, rest: string) => {
    const fields = [content, ...(rest.match(/"[^"]*"?/g) ?? [])];
    return head + fields.map((field) => `"${redactionMarker(Buffer.byteLength(field.replace(/^"|"$/g, ''), 'utf8'))}"`).join(',');
  });
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
/** A credential write longer than this is cut short (the AT host's own limit is 4 KiB). */
const MAX_HELD_BYTES = 64 * 1024;

type State =
  /** At a line start or inside the first bytes of a line that may still be a credential write. */
  | { kind: 'candidate'; held: number[] }
  /** In a line that is not a credential write: bytes pass until its end. */
  | { kind: 'plain' }
  /** In a credential write: held until its unquoted line end. */
  | { kind: 'secret'; held: number[]; quoted: boolean };

/**
 * Redacts credential writes from one direction of a byte stream. Bytes of ordinary lines
 * pass at once; the first bytes of a line are held only while they could still begin
 * `AT%CMNG=0,` (any case), and a credential write is held to its end and then given back
 * redacted. Ordinary traffic therefore comes out byte for byte and in time.
 */
export class SecretRedactor {
  private state: State = { kind: 'candidate', held: [] };

  /** The bytes to log for `bytes` (possibly empty while a line is held). */
  push(bytes: Uint8Array): Buffer {
    const out: number[] = [];
    for (const byte of bytes) this.step(byte, out);
    return Buffer.from(out);
  }

  /** What is still held (an unfinished line), redacted if it is a credential write. */
  flush(): Buffer {
    const state = this.state;
    this.state = { kind: 'candidate', held: [] };
    if (state.kind === 'candidate') return Buffer.from(state.held);
    if (state.kind === 'secret') return Buffer.from(redactSecrets(Buffer.from(state.held).toString('latin1')), 'latin1');
    return Buffer.alloc(0);
  }

  private step(byte: number, out: number[]): void {
    const state = this.state;
    if (state.kind === 'plain') {
      out.push(byte);
      if (byte === CR || byte === LF) this.state = { kind: 'candidate', held: [] };
      return;
    }
    if (state.kind === 'candidate') {
      if (byte === CR || byte === LF) {
        out.push(...state.held, byte);
        state.held = [];
        return;
      }
      const expected = WRITE_PREFIX_BYTES[state.held.length]!;
      if (upper(byte) !== expected) {
        out.push(...state.held, byte);
        this.state = { kind: 'plain' };
        return;
      }
      state.held.push(byte);
      if (state.held.length === WRITE_PREFIX_BYTES.length) this.state = { kind: 'secret', held: state.held, quoted: false };
      return;
    }
    if (byte === QUOTE) state.quoted = !state.quoted;
    if (!state.quoted && (byte === CR || byte === LF)) {
      out.push(...Buffer.from(redactSecrets(Buffer.from(state.held).toString('latin1')), 'latin1'), byte);
      this.state = { kind: 'candidate', held: [] };
      return;
    }
    if (state.held.length < MAX_HELD_BYTES) state.held.push(byte);
  }
}

function upper(byte: number): number {
  return byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte;
}
