// Cuts a byte stream into lines as chunks arrive, in bounded memory: only the unfinished
// line is carried between chunks, and a line longer than the limit is an error rather
// than a reason to buffer the whole input.

/** How a line ended in the input; '' for the last line of an input without a final line end. */
export type LineEnd = '\r\n' | '\n' | '\r' | '';

/**
 * Receives each line without its line end: `bytes[start, end)`. The buffer may be reused
 * after the call returns, so copy what must be kept.
 */
export type LineListener = (bytes: Buffer, start: number, end: number, lineEnd: LineEnd, lineNumber: number) => void;

export class LineTooLongError extends Error {
  constructor(readonly lineNumber: number, readonly limit: number) {
    super(`line ${lineNumber} is longer than ${limit} bytes`);
  }
}

const CR = 0x0d;
const LF = 0x0a;

export interface LineSplitterOptions {
  /** 'lf': only LF ends a line (a CR before it is dropped); 'any': CR, LF and CRLF all do. */
  ends: 'lf' | 'any';
  maxLineBytes: number;
}

export class LineSplitter {
  private carry: Buffer | undefined;
  private lineNumber = 0;

  constructor(private readonly options: LineSplitterOptions, private readonly onLine: LineListener) {}

  /** Lines completed so far. */
  get lines(): number {
    return this.lineNumber;
  }

  push(chunk: Buffer): void {
    let bytes = chunk;
    if (this.carry) {
      bytes = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    const consumed = this.options.ends === 'lf' ? this.splitAtLf(bytes) : this.splitAtAnyEnd(bytes);
    if (consumed < bytes.length) {
      if (bytes.length - consumed > this.options.maxLineBytes) {
        throw new LineTooLongError(this.lineNumber + 1, this.options.maxLineBytes);
      }
      this.carry = Buffer.from(bytes.subarray(consumed));
    }
  }

  /** Ends the input: a last line without a line end is delivered too. */
  end(): void {
    const rest = this.carry;
    this.carry = undefined;
    if (!rest || rest.length === 0) return;
    if (this.options.ends === 'any' && rest[rest.length - 1] === CR) {
      this.onLine(rest, 0, rest.length - 1, '\r', ++this.lineNumber);
    } else {
      const end = this.options.ends === 'lf' && rest[rest.length - 1] === CR ? rest.length - 1 : rest.length;
      this.onLine(rest, 0, end, '', ++this.lineNumber);
    }
  }

  private splitAtLf(bytes: Buffer): number {
    let start = 0;
    for (let lf = bytes.indexOf(LF, start); lf >= 0; lf = bytes.indexOf(LF, start)) {
      const end = lf > start && bytes[lf - 1] === CR ? lf - 1 : lf;
      this.checkLength(end - start);
      this.onLine(bytes, start, end, '\n', ++this.lineNumber);
      start = lf + 1;
    }
    return start;
  }

  private splitAtAnyEnd(bytes: Buffer): number {
    let start = 0;
    let cr = bytes.indexOf(CR, start);
    let lf = bytes.indexOf(LF, start);
    while (cr >= 0 || lf >= 0) {
      if (lf >= 0 && (cr < 0 || lf < cr)) {
        this.checkLength(lf - start);
        this.onLine(bytes, start, lf, '\n', ++this.lineNumber);
        start = lf + 1;
        lf = bytes.indexOf(LF, start);
        continue;
      }
      // A CR: whether it is CR or CRLF is known only once the next byte is there.
      if (cr + 1 >= bytes.length) break;
      this.checkLength(cr - start);
      if (lf === cr + 1) {
        this.onLine(bytes, start, cr, '\r\n', ++this.lineNumber);
        start = cr + 2;
        lf = bytes.indexOf(LF, start);
      } else {
        this.onLine(bytes, start, cr, '\r', ++this.lineNumber);
        start = cr + 1;
      }
      cr = bytes.indexOf(CR, start);
    }
    return start;
  }

  private checkLength(length: number): void {
    if (length > this.options.maxLineBytes) throw new LineTooLongError(this.lineNumber + 1, this.options.maxLineBytes);
  }
}
