// The streaming reader of everything a device sends: it cuts the byte stream into lines,
// classifies each one (echo, information line, final result code, URC), and after a line
// that announces a raw payload (decided by the injected PayloadRule, never by command
// names) counts exactly that many bytes, whatever they contain (firmware-notes §1.3, §5).
// Memory is bounded by maxLineBytes + maxPayloadBytes, however much input arrives.

import type { AtEvent, PayloadRule } from './events.ts';
import { DEFAULT_URC_PREFIXES, commandNameOf, finalResultOf, isUnsolicited } from './line-classification.ts';
import { monotonicMicroseconds, type MicrosecondClock } from './monotonic-clock.ts';

export interface AtReaderOptions {
  payloadRule: PayloadRule;
  /** Receives every event in wire order, synchronously from feed(). */
  onEvent: (event: AtEvent) => void;
  /** Longest line accepted, without its line end (default 4096, the firmware's command buffer). */
  maxLineBytes?: number;
  /** Largest announced payload accepted, in wire bytes (default 65536; #XRECV sends at most 4096). */
  maxPayloadBytes?: number;
  clock?: MicrosecondClock;
  /** Lines that are URCs even inside a command's response (default: #XAPOLL:, #XDATAMODE:, Ready). */
  urcPrefixes?: readonly string[];
  /**
   * false: a line event's raw bytes are valid only during onEvent (saves a copy per line,
   * for a consumer that keeps no raw bytes, like the offline validator). Default true.
   */
  stableRaw?: boolean;
}

const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

/** The framing-error reason for a device line ended by LF alone; checks (e.g. for the lf-only fault) compare with it. */
export const LF_ONLY_REASON = 'line ended with LF only (expected CRLF)';
/** The framing-error reason when a payload is not followed by the final code's CRLF (e.g. fewer bytes than announced). */
export const PAYLOAD_END_REASON = 'payload not followed by CRLF (its length may differ from the count in its header)';

interface PendingCommand {
  /** The command line as written, without terminator, for matching its echo. */
  bytes: Buffer;
  name: string | undefined;
  /** The echo can only be the first line of the response. */
  echoPossible: boolean;
}

type State = 'line' | 'discard' | 'payload';

/** Commands whose bytes and name are kept for reuse. */
const KNOWN_COMMANDS = 64;

export class AtReader {
  private readonly payloadRule: PayloadRule;
  private readonly onEvent: (event: AtEvent) => void;
  private readonly maxLineBytes: number;
  private readonly maxPayloadBytes: number;
  private readonly clock: MicrosecondClock;
  private readonly urcPrefixes: readonly string[];
  private readonly stableRaw: boolean;

  private readonly lastCommands = new Map<string, { bytes: Buffer; name: string | undefined }>();
  private state: State = 'line';
  private lineParts: Buffer[] = [];
  private lineLength = 0;
  private payload: Buffer | undefined;
  private payloadFilled = 0;
  private payloadHeader = '';
  private payloadMode: 0 | 1 = 0;
  private pending: PendingCommand | undefined;
  private streamOffset = 0;
  /** The firmware follows a payload with `\r\nOK\r\n`, so the next line must be empty and CRLF-ended. */
  private payloadJustEnded = false;
  /** An echo was reported at its CR; an empty line next is the rest of the echoed terminator or the response's leading CRLF. */
  private echoTerminatorOpen = false;

  constructor(options: AtReaderOptions) {
    this.payloadRule = options.payloadRule;
    this.onEvent = options.onEvent;
    this.maxLineBytes = options.maxLineBytes ?? 4096;
    this.maxPayloadBytes = options.maxPayloadBytes ?? 65536;
    this.clock = options.clock ?? monotonicMicroseconds;
    this.urcPrefixes = options.urcPrefixes ?? DEFAULT_URC_PREFIXES;
    this.stableRaw = options.stableRaw ?? true;
    if (!(this.maxLineBytes > 0) || !(this.maxPayloadBytes >= 0)) throw new RangeError('AtReader limits must be positive');
  }

  /** Bytes held for an unfinished line or payload; bounded by the two limits. */
  get bufferedBytes(): number {
    return this.lineLength + (this.payload ? this.payload.length : 0);
  }

  /**
   * Count of input bytes consumed so far. Read from inside onEvent, it is the stream
   * offset just after the event's last byte, so a caller can cut the raw input at events.
   */
  get position(): number {
    return this.streamOffset;
  }

  /** Whether a command is waiting for its final result code. */
  get commandPending(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Tells the reader that a command line (without terminator) is about to be written:
   * a line equal to it is its echo, lines are its response until the final result code.
   */
  expectResponse(commandLine: string): void {
    let known = this.lastCommands.get(commandLine);
    if (!known) {
      // Sessions repeat their commands: their bytes and names are made once (a few kept).
      if (this.lastCommands.size >= KNOWN_COMMANDS) this.lastCommands.clear();
      known = { bytes: Buffer.from(commandLine, 'utf8'), name: commandNameOf(commandLine) };
      this.lastCommands.set(commandLine, known);
    }
    this.pending = { bytes: known.bytes, name: known.name, echoPossible: true };
  }

  /** The pending command was given up (timeout): what follows is unsolicited again. */
  abandonResponse(): void {
    this.pending = undefined;
  }

  feed(chunk: Buffer): void {
    const atUs = this.clock();
    const base = this.streamOffset;
    const length = chunk.length;
    let position = 0;
    while (position < length) {
      if (this.state === 'payload') {
        position = this.fillPayload(chunk, position, base, atUs);
        continue;
      }
      const lf = chunk.indexOf(LF, position);
      if (this.state === 'discard') {
        if (lf < 0) break;
        position = lf + 1;
        this.state = 'line';
        continue;
      }
      if (lf < 0) {
        this.streamOffset = base + length;
        this.holdUnfinishedLine(chunk, position, atUs);
        if (this.state === 'line') this.reportEchoAtTerminator(atUs);
        break;
      }
      const lineStart = position;
      position = lf + 1;
      this.streamOffset = base + position;
      this.completeLine(chunk, lineStart, lf, atUs);
    }
    this.streamOffset = base + length;
  }

  /**
   * One whole line the device printed, read exactly as feed() reads it framed the way the
   * firmware frames lines (CRLF, the line, CRLF). `content` is the line's bytes, with no CR
   * or LF in them; `text` is the same bytes as latin1 text. For logs that show device lines
   * as text already (terminal logs): the line is classified from `text`, not decoded again.
   */
  feedLine(content: Buffer, text: string): void {
    if (this.state !== 'line' || this.lineParts.length > 0 || content.length > this.maxLineBytes) {
      // Mid-line, mid-payload or overlong: the general reader decides.
      this.feed(Buffer.concat([CRLF, content, CRLF]));
      return;
    }
    const atUs = this.clock();
    this.streamOffset += content.length + 2 * CRLF.length;
    // The CRLF before the line is an empty line, the framing around every response line.
    this.echoTerminatorOpen = false;
    this.payloadJustEnded = false;
    if (content.length === 0) return;
    if (this.isEcho(content, 0, content.length)) {
      this.reportEcho(atUs);
      return;
    }
    this.classifyLine(this.stableRaw ? Buffer.from(content) : content, atUs, text);
  }

  private fillPayload(chunk: Buffer, position: number, base: number, atUs: number): number {
    const payload = this.payload!;
    const take = Math.min(payload.length - this.payloadFilled, chunk.length - position);
    chunk.copy(payload, this.payloadFilled, position, position + take);
    this.payloadFilled += take;
    this.streamOffset = base + position + take;
    if (this.payloadFilled === payload.length) this.finishPayload(atUs);
    return position + take;
  }

  private finishPayload(atUs: number): void {
    const bytes = this.payload!;
    this.payload = undefined;
    this.payloadFilled = 0;
    this.state = 'line';
    this.payloadJustEnded = true;
    this.onEvent({ kind: 'payload', header: this.payloadHeader, bytes, mode: this.payloadMode, raw: bytes, atUs });
  }

  private holdUnfinishedLine(chunk: Buffer, position: number, atUs: number): void {
    const rest = chunk.length - position;
    // One byte of slack: the CR of a CRLF may arrive before its LF.
    if (this.lineLength + rest > this.maxLineBytes + 1) {
      this.reportOverlongLine(chunk, position, chunk.length, atUs);
      this.state = 'discard';
      return;
    }
    this.lineParts.push(Buffer.from(chunk.subarray(position)));
    this.lineLength += rest;
  }

  private reportOverlongLine(chunk: Buffer, start: number, end: number, atUs: number): void {
    const kept = Buffer.concat([...this.lineParts, chunk.subarray(start, end)]).subarray(0, this.maxLineBytes);
    this.lineParts = [];
    this.lineLength = 0;
    this.payloadJustEnded = false;
    this.onEvent({ kind: 'framing-error', reason: `line longer than ${this.maxLineBytes} bytes (discarded up to its line end)`, raw: Buffer.from(kept), atUs });
  }

  private completeLine(chunk: Buffer, start: number, lf: number, atUs: number): void {
    const lengthWithCr = this.lineLength + (lf - start);
    if (lengthWithCr > this.maxLineBytes + 1) {
      this.reportOverlongLine(chunk, start, lf, atUs);
      return;
    }
    if (this.lineParts.length === 0 && lf - start === 1 && chunk[start] === CR) {
      // An empty CRLF line, the framing around every response line: nothing to classify.
      this.echoTerminatorOpen = false;
      this.payloadJustEnded = false;
      return;
    }
    // The line is bytes[lineStart, lineEnd) of the chunk, or of the parts joined when it
    // came in pieces; indices rather than a view per line, since most lines are classified
    // from one view of their content.
    let bytes = chunk;
    let lineStart = start;
    let lineEnd = lf;
    if (this.lineParts.length > 0) {
      this.lineParts.push(chunk.subarray(start, lf));
      bytes = Buffer.concat(this.lineParts, lengthWithCr);
      this.lineParts = [];
      this.lineLength = 0;
      lineStart = 0;
      lineEnd = bytes.length;
    }
    const endedWithCrLf = lineEnd > lineStart && bytes[lineEnd - 1] === CR;
    const contentEnd = endedWithCrLf ? lineEnd - 1 : lineEnd;
    const contentLength = contentEnd - lineStart;
    if (this.echoTerminatorOpen) {
      this.echoTerminatorOpen = false;
      if (contentLength === 0) return;
    }
    if (this.payloadJustEnded) {
      this.payloadJustEnded = false;
      if (contentLength > 0 || !endedWithCrLf) {
        this.onEvent({ kind: 'framing-error', reason: PAYLOAD_END_REASON, raw: Buffer.from(bytes.subarray(lineStart, lineEnd)), atUs });
      }
    }
    if (contentLength > this.maxLineBytes) {
      this.reportOverlongLine(bytes, lineStart, contentEnd, atUs);
      return;
    }
    if (this.isEcho(bytes, lineStart, contentEnd)) {
      // The echo repeats the host's own terminator, so its line end says nothing about the device's framing.
      this.reportEcho(atUs);
      return;
    }
    if (contentLength > 0) {
      const content = bytes.subarray(lineStart, contentEnd);
      this.classifyLine(this.stableRaw ? Buffer.from(content) : content, atUs);
    }
    if (!endedWithCrLf) {
      this.onEvent({ kind: 'framing-error', reason: LF_ONLY_REASON, raw: Buffer.from(bytes.subarray(lineStart, lineEnd)), atUs });
    }
  }

  private reportEcho(atUs: number): void {
    const pending = this.pending!;
    pending.echoPossible = false;
    this.onEvent({ kind: 'echo', text: pending.bytes.toString('utf8'), raw: Buffer.from(pending.bytes), atUs });
  }

  /**
   * With the firmware's CR terminator the echo ends in a CR, and its LF comes only with the
   * response, which a blocking command may delay for long: report the echo at its CR.
   */
  private reportEchoAtTerminator(atUs: number): void {
    const pending = this.pending;
    if (!pending?.echoPossible || this.lineLength !== pending.bytes.length + 1) return;
    const held = this.lineParts.length === 1 ? this.lineParts[0]! : Buffer.concat(this.lineParts, this.lineLength);
    const commandLength = pending.bytes.length;
    if (held[commandLength] !== CR || held.compare(pending.bytes, 0, commandLength, 0, commandLength) !== 0) return;
    this.lineParts = [];
    this.lineLength = 0;
    this.echoTerminatorOpen = true;
    this.reportEcho(atUs);
  }

  /** Whether `bytes[start, end)` is the first line of a pending command equal to the command, up to the terminator's CRs. */
  private isEcho(bytes: Buffer, start: number, end: number): boolean {
    const pending = this.pending;
    if (!pending || !pending.echoPossible || end === start) return false;
    const command = pending.bytes;
    // A line that is not the echo ends the chance of one in classifyLine, unless it is a URC.
    if (end - start < command.length || bytes.compare(command, 0, command.length, start, start + command.length) !== 0) return false;
    for (let index = start + command.length; index < end; index++) if (bytes[index] !== CR) return false;
    return true;
  }

  private classifyLine(raw: Buffer, atUs: number, text = raw.toString('latin1')): void {
    const pending = this.pending;
    const final = finalResultOf(text);
    if (final) {
      this.pending = undefined;
      // Built without a spread of the optional field: one of these is made for every response.
      const event: AtEvent = { kind: 'final', code: final.code, text, raw, atUs };
      if (final.errorNumber !== undefined) event.errorNumber = final.errorNumber;
      this.onEvent(event);
      return;
    }
    const unsolicited = isUnsolicited(text, pending?.name, pending !== undefined, this.urcPrefixes);
    // A URC the device flushed as the command went out may come before the echo (UART, pty).
    if (pending && !unsolicited) pending.echoPossible = false;
    this.onEvent({ kind: unsolicited ? 'urc' : 'line', text, raw, atUs });
    const announced = this.payloadRule(text);
    if (!announced) return;
    if (announced.wireBytes > this.maxPayloadBytes) {
      this.onEvent({ kind: 'framing-error', reason: `announced payload of ${announced.wireBytes} bytes exceeds the limit of ${this.maxPayloadBytes}; not read as payload`, raw, atUs });
      return;
    }
    this.payloadHeader = text;
    this.payloadMode = announced.mode;
    this.payload = Buffer.allocUnsafe(announced.wireBytes);
    this.payloadFilled = 0;
    this.state = 'payload';
    if (announced.wireBytes === 0) this.finishPayload(atUs);
  }
}
