// Reads what a peer received in the order it arrived, each check taking up where the last
// one ended: "the TCP peer received `Test TCP`" after two sends checks the second send's
// bytes, not everything since the scenario began. Streams (TCP, TLS) compare the next bytes
// of a connection; datagram peers (UDP, DTLS) compare the next datagram as a whole, since a
// datagram's boundaries are part of what was sent.
//
// A stream is read per connection, and only the connections opened after the cursor began:
// bytes a previous scenario's connection delivers late (its socket closed by the reset while
// the kernel still held its data) belong to that scenario, and two connections of one
// scenario are two streams, not one. So a scenario's verdict does not depend on which
// scenarios ran before it.

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
  /** Stream connections numbered up to this one were opened before the cursor began. */
  readonly #connectionsBefore: number;
  /** Bytes already checked, per stream connection. */
  readonly #bytesRead = new Map<number, number>();
  #datagramsRead: number;

  /** Reads from the record's beginning, or with `from: 'now'` from what arrives after this moment. */
  constructor(readonly record: PeerRecord, readonly unit: RecordUnit, from: 'beginning' | 'now' = 'beginning') {
    this.#connectionsBefore = from === 'now' ? record.connectionsOpened : 0;
    this.#datagramsRead = from === 'now' ? record.chunks.length : 0;
  }

  /**
   * Waits for the next `expected.length` bytes (a stream) or the next datagram and checks
   * that they are exactly `expected`. Rejects when they differ, or when nothing (enough)
   * arrived within `timeoutMs` (the message names what did).
   */
  async expectNext(expected: Buffer, timeoutMs: number): Promise<void> {
    if (this.unit === 'stream') return this.#expectNextBytes(expected, timeoutMs);
    const observed = await this.#nextDatagram(expected, timeoutMs);
    if (!observed.equals(expected)) {
      throw new UnexpectedDeliveryError(`peer ${this.record.peerName} received ${describeBytes(observed)} as the next datagram, expected ${describeBytes(expected)}`);
    }
  }

  /**
   * Passes as soon as one of the cursor's connections has `expected` as its next bytes;
   * fails as soon as one has as many unread bytes and they differ while no other is still
   * on its way to them (its unread bytes a beginning of `expected`).
   */
  async #expectNextBytes(expected: Buffer, timeoutMs: number): Promise<void> {
    const settled = (): boolean => {
      const unread = this.#unreadByConnection();
      return unread.some(({ bytes }) => bytes.length >= expected.length)
        && !unread.some(({ bytes }) => bytes.length > 0 && bytes.length < expected.length && expected.subarray(0, bytes.length).equals(bytes));
    };
    try {
      await this.record.waitUntil(() => this.#matching(expected) !== undefined || settled(), `${expected.length} bytes`, { timeoutMs });
    } catch {
      const partial = this.#unreadByConnection().find(({ bytes }) => bytes.length > 0)?.bytes;
      throw new UnexpectedDeliveryError(`peer ${this.record.peerName} received ${partial === undefined ? 'nothing' : `only ${describeBytes(partial)}`} `
        + `within ${timeoutMs} ms, expected ${describeBytes(expected)}`);
    }
    const match = this.#matching(expected);
    if (match !== undefined) {
      this.#bytesRead.set(match, (this.#bytesRead.get(match) ?? 0) + expected.length);
      return;
    }
    const observed = this.#unreadByConnection().find(({ bytes }) => bytes.length >= expected.length)!.bytes.subarray(0, expected.length);
    throw new UnexpectedDeliveryError(`peer ${this.record.peerName} received ${describeBytes(observed)} as the next ${expected.length} bytes, expected ${describeBytes(expected)}`);
  }

  /** The connection whose next bytes are `expected`, if one has them. */
  #matching(expected: Buffer): number | undefined {
    return this.#unreadByConnection().find(({ bytes }) => bytes.length >= expected.length && bytes.subarray(0, expected.length).equals(expected))?.connection;
  }

  /** The unread bytes of every connection opened since the cursor began, oldest connection first. */
  #unreadByConnection(): { connection: number; bytes: Buffer }[] {
    const connections = [...new Set(this.record.chunks.map((chunk) => chunk.connection))]
      .filter((connection) => connection > this.#connectionsBefore)
      .sort((a, b) => a - b);
    return connections.map((connection) => ({ connection, bytes: this.record.bytes(connection).subarray(this.#bytesRead.get(connection) ?? 0) }));
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
