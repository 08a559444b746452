// Unsolicited lines wait here until the host is between commands (firmware-notes §1.7):
// a ring buffer of CONFIG_SM_URC_BUFFER_SIZE bytes; a URC that does not fit is dropped.

const FRAMING_BYTES = 4; // the CRLF before and after each line

export class UrcQueue {
  private readonly lines: string[] = [];
  private usedBytes = 0;
  private droppedCount = 0;

  constructor(private readonly capacityBytes = 4096) {}

  /** Queues a line; returns false (and drops it) when it does not fit. */
  push(line: string): boolean {
    const size = Buffer.byteLength(line, 'latin1') + FRAMING_BYTES;
    if (this.usedBytes + size > this.capacityBytes) {
      this.droppedCount++;
      return false;
    }
    this.lines.push(line);
    this.usedBytes += size;
    return true;
  }

  /** Takes every queued line, oldest first. */
  drain(): string[] {
    const lines = this.lines.splice(0);
    this.usedBytes = 0;
    return lines;
  }

  get length(): number {
    return this.lines.length;
  }

  /** How many URCs were dropped because the buffer was full. */
  get dropped(): number {
    return this.droppedCount;
  }
}
