// One stay in data mode (firmware-notes §6): every byte is payload, collected in a ring
// buffer and handed to the sink when the quiet time elapses, when the buffer fills, or
// when the terminator arrives. The terminator is found anywhere in the stream (no guard
// time); bytes after it belong to command mode again. If the sink fails a send, the
// session drops input until the terminator, as the firmware's "null mode" does.

import type { DataModeSink } from '../types.ts';
import { TerminatorScanner } from './terminator-scanner.ts';

export type SendTrigger = 'quiet' | 'full' | 'terminator';

export class DataModeSession {
  private readonly buffer: Buffer;
  private filled = 0;
  private readonly scanner: TerminatorScanner;
  private failed = false;
  private failedMatch = 0;

  constructor(private readonly sink: DataModeSink, bufferSize: number, private readonly terminator = '+++') {
    this.buffer = Buffer.alloc(bufferSize);
    this.scanner = new TerminatorScanner(Buffer.from(terminator, 'latin1'));
  }

  /**
   * Takes bytes from `start`; stops right after the terminator. Returns how many bytes
   * were consumed and whether the terminator was among them.
   */
  async feed(bytes: Buffer, start = 0): Promise<{ consumed: number; terminated: boolean }> {
    if (this.failed) return this.dropUntilTerminator(bytes, start);
    const scan = this.scanner.scan(bytes, start);
    for (const piece of scan.data) await this.append(piece);
    return { consumed: scan.consumed, terminated: scan.found };
  }

  /** The inactivity timer fired: a pending partial terminator is data after all, then send. */
  async quietTimeElapsed(): Promise<void> {
    // The firmware's timer only acts when the buffer holds data; a lone partial
    // terminator then stays pending.
    if (this.failed || this.filled === 0) return;
    await this.append(this.scanner.takePartial());
    await this.sendBuffered('quiet');
  }

  /** Data mode ends: the rest is sent, then the sink reports the exit status. */
  async finish(): Promise<number> {
    if (!this.failed) await this.sendBuffered('terminator');
    return this.sink.end();
  }

  private async append(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length && !this.failed) {
      if (this.filled === this.buffer.length) {
        await this.sendBuffered('full');
        continue;
      }
      const copied = data.copy(this.buffer, this.filled, offset);
      this.filled += copied;
      offset += copied;
    }
  }

  private async sendBuffered(trigger: SendTrigger): Promise<void> {
    if (this.filled === 0) return;
    const burst = Buffer.from(this.buffer.subarray(0, this.filled));
    this.filled = 0;
    try {
      await this.sink.send(burst, trigger);
    } catch {
      this.failed = true;
    }
  }

  private dropUntilTerminator(bytes: Buffer, start: number): { consumed: number; terminated: boolean } {
    for (let i = start; i < bytes.length; i++) {
      this.failedMatch = bytes[i] === this.terminator.charCodeAt(this.failedMatch) ? this.failedMatch + 1 : 0;
      if (this.failedMatch === this.terminator.length) return { consumed: i + 1 - start, terminated: true };
    }
    return { consumed: bytes.length - start, terminated: false };
  }
}
