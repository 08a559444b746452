// How wire bytes are written as text in transcripts and wire slices: exact for every byte
// value, yet readable where the wire is text. Printable ASCII stays as it is; `\` becomes
// `\\`; CR, LF and TAB become `\r`, `\n`, `\t`; every other byte becomes `\xHH` (two
// lowercase hex digits). A space at the very end is written `\x20`, because editors and
// terminals silently drop trailing spaces.

const BACKSLASH = 0x5c;
const ESCAPE_OF: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  if (byte === BACKSLASH) return '\\\\';
  if (byte === 0x0d) return '\\r';
  if (byte === 0x0a) return '\\n';
  if (byte === 0x09) return '\\t';
  if (byte >= 0x20 && byte <= 0x7e) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, '0')}`;
});

export function escapeBytes(bytes: Uint8Array): string {
  let text = '';
  const last = bytes.length - 1;
  for (let i = 0; i <= last; i++) {
    const byte = bytes[i]!;
    text += byte === 0x20 && i === last ? '\\x20' : ESCAPE_OF[byte];
  }
  return text;
}

export class EscapeError extends Error {}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Decodes escaped text held in `source[start, end)` (as written by escapeBytes) back to
 * the bytes. Works on the undecoded line so a transcript is read without building strings.
 * Text without escapes comes back as a view of `source` (no copy): callers must not
 * change `source` afterwards. With `scratch`, the result may be a view of it, valid until
 * the next call that uses the same scratch.
 */
export function unescapeBytes(source: Buffer, start = 0, end = source.length, scratch?: Buffer): Buffer {
  // A bounded scan: indexOf would run on to the end of the whole chunk when the line has no escape.
  let firstEscape = start;
  while (firstEscape < end && source[firstEscape] !== BACKSLASH) firstEscape++;
  if (firstEscape === end) return source.subarray(start, end);
  // Decoded bytes are never longer than the text; `scratch`, when big enough, saves an allocation.
  const out = scratch && scratch.length >= end - start ? scratch : Buffer.allocUnsafe(end - start);
  // Copied byte by byte: the text before the first escape is short, and Buffer#copy's call costs more.
  let length = 0;
  for (let i = start; i < firstEscape; i++) out[length++] = source[i]!;
  for (let i = firstEscape; i < end; i++) {
    const byte = source[i]!;
    if (byte !== BACKSLASH) {
      out[length++] = byte;
      continue;
    }
    const code = source[++i];
    if (code === BACKSLASH) out[length++] = BACKSLASH;
    else if (code === 0x72) out[length++] = 0x0d; // r
    else if (code === 0x6e) out[length++] = 0x0a; // n
    else if (code === 0x74) out[length++] = 0x09; // t
    else if (code === 0x78 && i + 2 < end) {
      const high = hexValue(source[i + 1]!);
      const low = hexValue(source[i + 2]!);
      if (high < 0 || low < 0) throw new EscapeError(`bad escape \\x${source.toString('latin1', i + 1, i + 3)}`);
      out[length++] = high * 16 + low;
      i += 2;
    } else {
      const shown = i < end ? source.toString('latin1', i - 1, Math.min(i + 1, end)) : '\\';
      throw new EscapeError(`bad escape '${shown}' (use \\\\, \\r, \\n, \\t or \\xHH)`);
    }
  }
  return out.subarray(0, length);
}

const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f]/g;

/** Text safe to print on a terminal: control characters (ESC, CR, the C1 controls such as CSI, ...) shown as escapes. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => ESCAPE_OF[character.charCodeAt(0)]!);
}
