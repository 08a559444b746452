// The last few input lines, kept by reference so that showing context with a finding
// costs nothing per line until a finding actually asks for it.

export interface ContextLine {
  line: number;
  text: string;
}

export class ContextRing {
  private readonly buffers: (Buffer | undefined)[];
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly numbers: number[];
  private next = 0;

  constructor(private readonly size = 8) {
    this.buffers = new Array<Buffer | undefined>(size);
    this.starts = new Array<number>(size).fill(0);
    this.ends = new Array<number>(size).fill(0);
    this.numbers = new Array<number>(size).fill(0);
  }

  /** Remembers line `line` as `bytes[start, end)`; the bytes must not change afterwards. */
  remember(line: number, bytes: Buffer, start: number, end: number): void {
    const slot = this.next;
    this.buffers[slot] = bytes;
    this.starts[slot] = start;
    this.ends[slot] = end;
    this.numbers[slot] = line;
    this.next = (slot + 1) % this.size;
  }

  /** The remembered lines from `from` to `to` (inclusive), oldest first. */
  lines(from: number, to: number): ContextLine[] {
    const found: ContextLine[] = [];
    for (let offset = 0; offset < this.size; offset++) {
      const slot = (this.next + offset) % this.size;
      const bytes = this.buffers[slot];
      const line = this.numbers[slot]!;
      if (bytes && line >= from && line <= to) found.push({ line, text: bytes.toString('utf8', this.starts[slot], this.ends[slot]) });
    }
    return found;
  }
}
