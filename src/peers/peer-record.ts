// What a peer received, chunk by chunk, with where each chunk came from, so that a test can
// check the far side of the wire. Waiting is event-driven: a waiter is woken by the chunk
// that satisfies it (or by its own timeout), never by a sleep-and-look loop.

import { monotonicMicroseconds } from '../at/monotonic-clock.ts';

export interface PeerSource {
  address: string;
  port: number;
}

export interface ReceivedChunk {
  /** The bytes of one read (TCP/TLS) or one datagram (UDP/DTLS), copied. */
  bytes: Buffer;
  source: PeerSource;
  /** 1, 2, 3… per accepted connection (TCP/TLS) or per remote address:port (UDP/DTLS). */
  connection: number;
  /** When it arrived, in µs of the session clock the wire log uses (the reports' sequence chart). */
  atUs: number;
}

export interface WaitOptions {
  /** Default 5000 ms. Keep it small in tests. */
  timeoutMs?: number;
  /** Only count chunks of this connection. */
  connection?: number;
}

interface Waiter {
  satisfied(): boolean;
  resolve(): void;
}

const DEFAULT_WAIT_MS = 5000;

export class PeerRecord {
  readonly #chunks: ReceivedChunk[] = [];
  readonly #waiters = new Set<Waiter>();
  #connectionsOpened = 0;

  constructor(readonly peerName: string) {}

  /**
   * A stream peer accepted a connection: its number (1, 2, 3…). Counted at the accept, not
   * at the first byte, so that a reader can tell a connection opened before it began from
   * one opened after, even when the older one has sent nothing yet.
   */
  openConnection(): number {
    this.#connectionsOpened += 1;
    this.#wake();
    return this.#connectionsOpened;
  }

  /** How many connections openConnection() has numbered so far. */
  get connectionsOpened(): number {
    return this.#connectionsOpened;
  }

  /** Called by the peer for every read or datagram. */
  add(bytes: Buffer, source: PeerSource, connection: number): void {
    this.#chunks.push({ bytes: Buffer.from(bytes), source: { address: source.address, port: source.port }, connection, atUs: monotonicMicroseconds() });
    this.#wake();
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.satisfied()) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /**
   * Resolves once `satisfied()` holds (checked now and after every chunk or connection);
   * rejects after the timeout with a message naming `what` was awaited and what the record
   * holds.
   */
  waitUntil(satisfied: () => boolean, what: string, options: WaitOptions = {}): Promise<void> {
    return this.#wait(satisfied, what, options);
  }

  get chunks(): readonly ReceivedChunk[] {
    return this.#chunks;
  }

  /** Everything received (optionally on one connection), in arrival order. */
  bytes(connection?: number): Buffer {
    return Buffer.concat(this.#select(connection).map((chunk) => chunk.bytes));
  }

  get byteCount(): number {
    return this.#chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0);
  }

  /** Forget what was received (between scenarios). */
  clear(): void {
    this.#chunks.length = 0;
  }

  /** Resolves with the received bytes once at least `count` bytes have arrived. */
  async waitForBytes(count: number, options: WaitOptions = {}): Promise<Buffer> {
    await this.#wait(() => this.bytes(options.connection).length >= count,
      `${count} bytes`, options);
    return this.bytes(options.connection);
  }

  /** Resolves once `payload` appears in the received byte stream. */
  async waitForPayload(payload: Buffer | string, options: WaitOptions = {}): Promise<void> {
    const wanted = typeof payload === 'string' ? Buffer.from(payload) : payload;
    await this.#wait(() => this.bytes(options.connection).includes(wanted),
      `the payload ${JSON.stringify(wanted.toString('latin1').slice(0, 40))}`, options);
  }

  /** Resolves with the chunks once at least `count` chunks (datagrams, reads) arrived. */
  async waitForChunks(count: number, options: WaitOptions = {}): Promise<readonly ReceivedChunk[]> {
    await this.#wait(() => this.#select(options.connection).length >= count, `${count} chunks`, options);
    return this.#select(options.connection);
  }

  #select(connection: number | undefined): ReceivedChunk[] {
    return connection === undefined ? this.#chunks : this.#chunks.filter((chunk) => chunk.connection === connection);
  }

  #wait(satisfied: () => boolean, what: string, options: WaitOptions): Promise<void> {
    if (satisfied()) return Promise.resolve();
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        satisfied,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`peer ${this.peerName} did not receive ${what} within ${timeoutMs} ms `
          + `(it has ${this.byteCount} bytes in ${this.#chunks.length} chunks)`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
