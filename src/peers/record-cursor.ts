// Reads what a peer received in the order it arrived, each check taking up where the last
// one ended: "the TCP peer received `Test TCP`" after two sends checks the second send's
// bytes, not everything since the scenario began. Streams (TCP, TLS) compare the next bytes;
// datagram peers (UDP, DTLS) compare the next datagram as a whole, since a datagram's
// boundaries are part of what was sent.

import { describeBytes } from '../at/wire-text.ts';
import type { PeerRecord } from './peer-record.ts';

export type RecordUnit = 'stream' | 'datagram';

/** What the device delivered differs from what a scenario expected; the message shows both. */
export class UnexpectedDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedDeliveryError';
  }
}

export class RecordCursor {
  #bytesRead: number;
  #datagramsRead: number;

  /** Reads from the record's beginning, or with `from: 'now'` from what arrives after this moment. */
  constructor(readonly record: PeerRecord, readonly unit: RecordUnit, from: 'beginning' | 'now' = 'beginning') {
    this.#bytesRead = from === 'now' ? record.byteCount : 0;
    this.#datagramsRead = from === 'now' ? record.chunks.length : 0;
  }

  /**
   * Waits for the next `expected.length` bytes (a stream) or the next datagram and checks
   * that they are exactly `expected`. Rejects when they differ, or when nothing (enough)
   * arrived within `timeoutMs` (the record's own error names what it has).
   */
  async expectNext(expected: Buffer, timeoutMs: number): Promise<void> {
    const observed = this.unit === 'stream' ? await this.#nextBytes(expected, timeoutMs) : await this.#nextDatagram(expected, timeoutMs);
    if (!observed.equals(expected)) {
      const what = this.unit === 'stream' ? `the next ${expected.length} bytes` : 'the next datagram';
      throw new UnexpectedDeliveryError(`peer ${this.record.peerName} received ${describeBytes(observed)} as ${what}, expected ${describeBytes(expected)}`);
    }
  }

  async #nextBytes(expected: Buffer, timeoutMs: number): Promise<Buffer> {
    const start = this.#bytesRead;
    const count = expected.length;
    try {
      await this.record.waitForBytes(start + count, { timeoutMs });
    } catch {
      const partial = this.record.bytes().subarray(start);
      throw new UnexpectedDeliveryError(`peer ${this.record.peerName} received ${partial.length === 0 ? 'nothing' : `only ${describeBytes(partial)}`} `
        + `within ${timeoutMs} ms, expected ${describeBytes(expected)}`);
    }
    this.#bytesRead = start + count;
    return this.record.bytes().subarray(start, start + count);
  }

  async #nextDatagram(expected: Buffer, timeoutMs: number): Promise<Buffer> {
    const index = this.#datagramsRead;
    const chunks = await this.record.waitForChunks(index + 1, { timeoutMs }).catch(() => {
      throw new UnexpectedDeliveryError(`peer ${this.record.peerName} received no further datagram within ${timeoutMs} ms, expected ${describeBytes(expected)}`);
    });
    this.#datagramsRead = index + 1;
    return chunks[index]!.bytes;
  }
}
