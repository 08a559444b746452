// Finds the data-mode terminator in a byte stream that arrives in arbitrary chunks.
// Bytes that might begin the terminator are held back until they either complete it or
// turn out to be data; the held bytes are always a prefix of the terminator.

export interface ScanResult {
  /** Payload confirmed by this scan, in order (held bytes from earlier chunks first). */
  data: Buffer[];
  /** Bytes of the chunk consumed (up to and including the terminator if found). */
  consumed: number;
  found: boolean;
}

export class TerminatorScanner {
  private held = 0;

  constructor(private readonly terminator: Buffer) {}

  scan(bytes: Buffer, start = 0): ScanResult {
    const data: Buffer[] = [];
    let runStart = start; // start of a stretch of plain payload inside `bytes`
    for (let i = start; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === this.terminator[this.held]) {
        if (this.held === 0) {
          if (i > runStart) data.push(bytes.subarray(runStart, i));
        }
        this.held++;
        if (this.held === this.terminator.length) {
          this.held = 0;
          return { data, consumed: i + 1 - start, found: true };
        }
        runStart = i + 1;
        continue;
      }
      if (this.held === 0) continue;
      // Mismatch after a partial match: keep the longest tail that still starts the
      // terminator, release the rest as data.
      const candidate = Buffer.concat([this.terminator.subarray(0, this.held), Buffer.of(byte)]);
      const keep = this.longestTerminatorPrefixEndingAt(candidate);
      data.push(candidate.subarray(0, candidate.length - keep));
      this.held = keep;
      runStart = i + 1;
    }
    if (this.held === 0 && runStart < bytes.length) data.push(bytes.subarray(runStart));
    return { data, consumed: bytes.length - start, found: false };
  }

  /** Gives up the held partial match as data (the quiet time elapsed). */
  takePartial(): Buffer {
    const partial = Buffer.from(this.terminator.subarray(0, this.held));
    this.held = 0;
    return partial;
  }

  private longestTerminatorPrefixEndingAt(candidate: Buffer): number {
    for (let keep = Math.min(candidate.length - 1, this.terminator.length - 1); keep > 0; keep--) {
      if (candidate.subarray(candidate.length - keep).equals(this.terminator.subarray(0, keep))) return keep;
    }
    return 0;
  }
}
