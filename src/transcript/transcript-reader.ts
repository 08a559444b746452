// Reads a transcript (format in transcript-format.ts) as it streams in: push chunks, get
// records through a callback, in constant memory. Records are decoded straight from the
// bytes of each line, without building a string per line, because a validator reads
// gigabytes of them.

import { EscapeError, unescapeBytes } from '../at/byte-escape.ts';
import { LineSplitter, type LineEnd } from './line-splitter.ts';
import { TRANSCRIPT_MAGIC, TRANSCRIPT_VERSION, type TranscriptRecord } from './transcript-format.ts';

/** The input is not a readable transcript; the message names the line. */
export class TranscriptSyntaxError extends Error {
  constructor(readonly lineNumber: number, reason: string) {
    super(`line ${lineNumber}: ${reason}`);
  }
}

const SPACE = 0x20;
const HASH = 0x23;
const DOT = 0x2e;
const AT_SIGN = 0x40;
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const SCRATCH_BYTES = 64 * 1024;

const KIND_BY_NAME: Record<string, 'tx' | 'rx' | 'note' | 'reset'> = { tx: 'tx', rx: 'rx', note: 'note', reset: 'reset' };
const LOWER_T = 0x74;
const LOWER_X = 0x78;
const LOWER_R = 0x72;

/** The record kind in `bytes[start, end)`; tx and rx, nearly every record, without making a string. */
function kindAt(bytes: Buffer, start: number, end: number): 'tx' | 'rx' | 'note' | 'reset' | undefined {
  if (end - start === 2 && bytes[start + 1] === LOWER_X) {
    if (bytes[start] === LOWER_T) return 'tx';
    if (bytes[start] === LOWER_R) return 'rx';
  }
  return KIND_BY_NAME[bytes.toString('latin1', start, end)];
}

export class TranscriptReader {
  private readonly splitter: LineSplitter;
  private sawHeader = false;

  /** Reused for decoding when the caller uses each record's bytes only during the callback. */
  private readonly scratch: Buffer | undefined;

  /**
   * `onLine`, if given, sees each raw line first (e.g. to keep context for findings).
   * `transientBytes`: the bytes of a record are valid only during onRecord (saves a copy
   * per record; for consumers that copy what they keep, like the validator).
   */
  constructor(
    private readonly onRecord: (record: TranscriptRecord) => void,
    onLine?: (bytes: Buffer, start: number, end: number, line: number) => void,
    options: { transientBytes?: boolean } = {},
  ) {
    this.scratch = options.transientBytes ? Buffer.allocUnsafe(SCRATCH_BYTES) : undefined;
    this.splitter = new LineSplitter({ ends: 'lf', maxLineBytes: MAX_LINE_BYTES }, (bytes, start, end, _lineEnd: LineEnd, line) => {
      onLine?.(bytes, start, end, line);
      this.readLine(bytes, start, end, line);
    });
  }

  get lines(): number {
    return this.splitter.lines;
  }

  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    if (!this.sawHeader) throw new TranscriptSyntaxError(1, `empty input, expected '${TRANSCRIPT_MAGIC} ${TRANSCRIPT_VERSION}'`);
  }

  private readLine(bytes: Buffer, start: number, end: number, line: number): void {
    if (!this.sawHeader) return this.readHeader(bytes.toString('utf8', start, end), line);
    if (start === end) return;
    if (bytes[start] === HASH) {
      if (bytes[start + 1] === AT_SIGN) this.readMeta(bytes, start + 2, end, line);
      return;
    }
    const firstSpace = indexWithin(bytes, SPACE, start, end);
    if (firstSpace === end) throw new TranscriptSyntaxError(line, 'expected "<time> <kind> <data>"');
    const atUs = parseTime(bytes, start, firstSpace);
    if (atUs < 0) throw new TranscriptSyntaxError(line, `bad time '${bytes.toString('latin1', start, firstSpace)}' (seconds with six decimals)`);
    const secondSpace = indexWithin(bytes, SPACE, firstSpace + 1, end);
    const kind = kindAt(bytes, firstSpace + 1, secondSpace);
    if (!kind) throw new TranscriptSyntaxError(line, `unknown record kind '${bytes.toString('latin1', firstSpace + 1, secondSpace)}'`);
    const dataStart = Math.min(secondSpace + 1, end);
    if (kind === 'tx' || kind === 'rx') this.onRecord({ kind, atUs, bytes: this.decode(bytes, dataStart, end, line, this.scratch), line });
    else this.onRecord({ kind, atUs, text: this.decode(bytes, dataStart, end, line).toString('utf8'), line });
  }

  private readHeader(text: string, line: number): void {
    const withoutBom = text.replace(/^\uFEFF/, '');
    const match = /^#sm-conformance-transcript (\d+)\s*$/.exec(withoutBom);
    if (!match) throw new TranscriptSyntaxError(line, `not an sm-conformance transcript (first line must be '${TRANSCRIPT_MAGIC} ${TRANSCRIPT_VERSION}')`);
    if (Number(match[1]) !== TRANSCRIPT_VERSION) {
      throw new TranscriptSyntaxError(line, `transcript version ${match[1]} is not supported (this build reads version ${TRANSCRIPT_VERSION})`);
    }
    this.sawHeader = true;
  }

  private readMeta(bytes: Buffer, start: number, end: number, line: number): void {
    const text = this.decode(bytes, start, end, line).toString('utf8').trim();
    const equals = text.indexOf('=');
    if (equals <= 0) throw new TranscriptSyntaxError(line, "metadata must read '#@ key=value'");
    this.onRecord({ kind: 'meta', key: text.slice(0, equals), value: text.slice(equals + 1), line });
  }

  private decode(bytes: Buffer, start: number, end: number, line: number, scratch?: Buffer): Buffer {
    try {
      return unescapeBytes(bytes, start, end, scratch);
    } catch (error) {
      if (error instanceof EscapeError) throw new TranscriptSyntaxError(line, error.message);
      throw error;
    }
  }
}

/**
 * Where `byte` first occurs in `bytes[start, end)`, or `end`. A plain loop: the fields
 * searched are a few bytes long, and Buffer#indexOf costs a call into C++ per field and
 * would search on past the line to the end of the chunk.
 */
function indexWithin(bytes: Buffer, byte: number, start: number, end: number): number {
  let index = start;
  while (index < end && bytes[index] !== byte) index++;
  return index;
}

/** `<seconds>.<six digits>` as integer microseconds; -1 when malformed. */
function parseTime(bytes: Buffer, start: number, end: number): number {
  let seconds = 0;
  let i = start;
  for (; i < end && bytes[i] !== DOT; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    seconds = seconds * 10 + digit;
  }
  if (i === start || end - i !== 7) return -1;
  let micros = 0;
  for (i++; i < end; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    micros = micros * 10 + digit;
  }
  return seconds * 1_000_000 + micros;
}
