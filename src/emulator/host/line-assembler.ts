// Collects command-mode bytes into command lines as the firmware's cmd_rx_handler does
// (firmware-notes §1.1, §1.2): a terminator outside double quotes ends the line, the quote
// state toggles on every `"`, backspace/DEL remove the previous byte, and a line longer than
// the buffer is still read to its terminator but only its length is counted (bounded memory).
//
// How hosts that end lines differently are served, as on the firmware:
// - 'cr' (the firmware default): CR ends a line. A host sending CRLF works too: its LF is
//   stored as the first byte of the next line, and the next line's leading garbage (all
//   before the first "AT") is discarded. The same LF becomes the first payload byte when
//   the command enters data mode (the `doc` profile drops it). A host sending LF alone gets
//   no answer until a CR comes, then ERROR (the line "AT\n" fails the grammar check).
// - 'lf': LF ends a line; a CR is stored (so CRLF hosts get ERROR).
// - 'crlf': LF ends a line only right after a CR, which is trimmed; lone CR or LF are stored.

/** The build-time terminator choice (Kconfig SM_CR_TERMINATION / SM_LF_TERMINATION / SM_CR_LF_TERMINATION). */
export type LineTermination = 'cr' | 'lf' | 'crlf';

export interface AssembledLine {
  /** The stored bytes (at most the buffer size), without the terminator. */
  bytes: Buffer;
  /** The line was longer than the buffer: the firmware answers ERROR. */
  overflowed: boolean;
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const BACKSPACE = 0x08;
const DEL = 0x7f;

export class LineAssembler {
  private readonly stored: Buffer;
  private length = 0;
  private insideQuotes = false;
  private previous = 0;

  constructor(private readonly termination: LineTermination = 'cr', maxLength = 4096) {
    this.stored = Buffer.alloc(maxLength);
  }

  /** Bytes of the line in progress (0 when between lines). */
  get pendingLength(): number {
    return this.length;
  }

  /**
   * Consumes bytes from `start` up to and including the first terminator. Returns how
   * many were consumed and, if a terminator was among them, the finished line.
   */
  push(bytes: Buffer, start = 0): { consumed: number; line?: AssembledLine } {
    for (let i = start; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === BACKSPACE || byte === DEL) {
        this.erase();
        continue;
      }
      if (!this.insideQuotes && this.terminates(byte)) {
        return { consumed: i + 1 - start, line: this.finish() };
      }
      if (this.length < this.stored.length) this.stored[this.length] = byte;
      this.length++;
      if (byte === QUOTE) this.insideQuotes = !this.insideQuotes;
      this.previous = byte;
    }
    return { consumed: bytes.length - start };
  }

  /**
   * When nothing is pending and `bytes[start, end)` is exactly one line and its terminator,
   * with nothing in it that push() would treat specially (backspace, DEL, a terminator
   * inside quotes or before the end), returns where the line ends (before the terminator):
   * the caller may take `bytes[start, that)` as the line push() would give, without the
   * copy push() makes. Otherwise -1, and push() must be used. 'cr' and 'lf' only.
   */
  wholeLineEnd(bytes: Buffer, start: number, end: number): number {
    if (this.length > 0 || this.termination === 'crlf' || end - start - 1 > this.stored.length) return -1;
    const terminator = this.termination === 'cr' ? CR : LF;
    const last = end - 1;
    if (last < start || bytes[last] !== terminator) return -1;
    let insideQuotes = false;
    for (let i = start; i < last; i++) {
      const byte = bytes[i]!;
      if (byte === terminator || byte === BACKSPACE || byte === DEL) return -1;
      if (byte === QUOTE) insideQuotes = !insideQuotes;
    }
    return insideQuotes ? -1 : last;
  }

  /** Forgets the line in progress (the chip restarted under it). */
  reset(): void {
    this.finish();
  }

  private terminates(byte: number): boolean {
    switch (this.termination) {
      case 'cr':
        return byte === CR;
      case 'lf':
        return byte === LF;
      case 'crlf':
        if (byte !== LF || this.length === 0 || this.previous !== CR) return false;
        this.length--; // the CR belongs to the terminator
        return true;
    }
  }

  private erase(): void {
    if (this.length === 0) return;
    this.length--;
    if (this.previous === QUOTE) this.insideQuotes = !this.insideQuotes;
    this.previous = this.length > 0 && this.length <= this.stored.length ? this.stored[this.length - 1]! : 0;
  }

  private finish(): AssembledLine {
    const overflowed = this.length > this.stored.length;
    const line = { bytes: Buffer.from(this.stored.subarray(0, Math.min(this.length, this.stored.length))), overflowed };
    this.length = 0;
    this.insideQuotes = false;
    this.previous = 0;
    return line;
  }
}
