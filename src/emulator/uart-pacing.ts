// Paces bytes like a UART at N baud, 8N1 (10 bits per byte), for benchmarks that want the
// emulator to be as slow as a real serial line. Bytes are delivered in small slices at the
// time the last bit of each slice would have arrived.

const BITS_PER_BYTE = 10;
const SLICE_BYTES = 64;

export class UartPacer {
  private lineFreeAt = 0;
  private closed = false;
  private readonly waiting = new Map<NodeJS.Timeout, () => void>();

  constructor(private baud: number, private readonly deliver: (bytes: Buffer) => void) {
    checkBaud(baud);
  }

  /** The line's speed from now on (a serial program set another rate); bytes already timed keep theirs. */
  setBaud(baud: number): void {
    checkBaud(baud);
    this.baud = baud;
  }

  /** Resolves when the last byte has been delivered. */
  push(bytes: Buffer): Promise<void> {
    const slices: Promise<void>[] = [];
    for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
      const slice = bytes.subarray(offset, offset + SLICE_BYTES);
      const now = performance.now();
      this.lineFreeAt = Math.max(now, this.lineFreeAt) + (slice.length * BITS_PER_BYTE * 1000) / this.baud;
      slices.push(this.deliverAt(slice, this.lineFreeAt - now));
    }
    return Promise.all(slices).then(() => undefined);
  }

  close(): void {
    this.closed = true;
    for (const [timer, resolve] of this.waiting) {
      clearTimeout(timer);
      resolve();
    }
    this.waiting.clear();
  }

  private deliverAt(slice: Buffer, delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        if (!this.closed) this.deliver(slice);
        resolve();
      }, delayMs);
      this.waiting.set(timer, resolve);
    });
  }
}

function checkBaud(baud: number): void {
  if (!(baud > 0)) throw new RangeError(`baud rate must be positive, not ${baud}`);
}
