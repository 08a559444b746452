// What a socket has received but the host has not yet read with #XRECV/#XRECVFROM.
// Bytes are taken off the real socket as soon as they arrive, so that #XAPOLL can see
// POLLIN and a later #XRECV finds them. Memory stays bounded as in a modem: a stream queue
// pauses its source when it holds too much (TCP's own flow control then holds the sender);
// a datagram queue, whose sender nothing can hold, drops what arrives while it is full,
// and counts it, as a full socket receive buffer does.

import type { LoopbackEndpoint } from '../types.ts';
import { ConditionWaiter } from './condition-waiter.ts';
import { SocketError } from './socket-error.ts';

export const MSG_PEEK = 2;
export const MSG_DONTWAIT = 64;
export const MSG_WAITALL = 256;

/** Above this many queued stream bytes the source is paused until the host reads. */
export const STREAM_HIGH_WATER = 256 * 1024;

/** A datagram that would take the queue above this many bytes is dropped (and counted). */
export const DATAGRAM_QUEUE_LIMIT = 64 * 1024;

export interface Received {
  bytes: Buffer;
  /** Where a datagram (or the stream) came from, on loopback. */
  from?: LoopbackEndpoint;
}

/** What one receive call gives: data, or end of stream / empty datagram (recv() returned 0). */
export type ReceiveOutcome = { kind: 'data'; received: Received } | { kind: 'nothing' };

export class ReceiveQueue {
  private readonly entries: Received[] = [];
  private queuedBytes = 0;
  private droppedDatagrams = 0;
  private ended = false;
  private failure: SocketError | undefined;
  private cancelled = false;
  private readonly waiter = new ConditionWaiter();

  /**
   * @param kind 'stream' joins entries into one byte stream; 'datagram' keeps boundaries.
   * @param onChange called whenever readability changes (for #XAPOLL).
   * @param flow pause/resume of the source (stream sources only).
   */
  constructor(
    readonly kind: 'stream' | 'datagram',
    private readonly onChange: () => void,
    private readonly flow?: { pause(): void; resume(): void },
  ) {}

  get hasData(): boolean {
    return this.entries.length > 0;
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  get error(): SocketError | undefined {
    return this.failure;
  }

  /** Bytes received and not yet read by the host. */
  get queuedByteCount(): number {
    return this.queuedBytes;
  }

  /** Datagrams dropped because the queue was full. */
  get droppedDatagramCount(): number {
    return this.droppedDatagrams;
  }

  push(bytes: Buffer, from?: LoopbackEndpoint): void {
    if (this.cancelled) return;
    if (this.kind === 'stream' && bytes.length === 0) return;
    if (this.kind === 'datagram' && this.queuedBytes + bytes.length > DATAGRAM_QUEUE_LIMIT) {
      this.droppedDatagrams += 1;
      return;
    }
    this.entries.push({ bytes, from });
    this.queuedBytes += bytes.length;
    if (this.kind === 'stream' && this.queuedBytes > STREAM_HIGH_WATER) this.flow?.pause();
    this.changed();
  }

  /** The peer closed its sending side (TCP FIN, DTLS close). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.changed();
  }

  fail(error: SocketError): void {
    if (this.failure) return;
    this.failure = error;
    this.changed();
  }

  /** The socket is being closed: wake every blocked reader with an error, keep nothing. */
  cancel(): void {
    this.cancelled = true;
    this.entries.length = 0;
    this.queuedBytes = 0;
    this.failure ??= new SocketError('EBADF', 'socket closed');
    this.waiter.cancel();
  }

  /**
   * One recv(): at most maxBytes, honouring MSG_PEEK, MSG_DONTWAIT and (streams) MSG_WAITALL.
   * timeoutMs 0 blocks until something happens. Rejects with EAGAIN on timeout or when
   * non-blocking finds nothing.
   */
  async receive(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    if (this.cancelled) throw this.failure ?? new SocketError('EBADF');
    if (maxBytes === 0) return { kind: 'nothing' };
    const waitAll = this.kind === 'stream' && (flags & MSG_WAITALL) !== 0 && (flags & MSG_PEEK) === 0;
    const ready = (): boolean =>
      this.cancelled || this.failure !== undefined || this.ended ||
      (waitAll ? this.queuedBytes >= maxBytes : this.hasData);
    if (!ready()) {
      if ((flags & MSG_DONTWAIT) !== 0) throw new SocketError('EAGAIN');
      const woken = await this.waiter.wait(ready, timeoutMs);
      if (this.cancelled) throw this.failure ?? new SocketError('EBADF');
      if (!woken && !(waitAll && this.hasData)) throw new SocketError('EAGAIN', 'receive timeout');
    }
    if (this.hasData) return { kind: 'data', received: this.take(maxBytes, (flags & MSG_PEEK) !== 0) };
    if (this.failure) throw this.failure;
    return { kind: 'nothing' };
  }

  private take(maxBytes: number, peek: boolean): Received {
    if (this.kind === 'datagram') {
      const first = this.entries[0]!;
      if (!peek) this.consume(1, first.bytes.length);
      // A datagram longer than the buffer is cut, the rest discarded (recv() semantics).
      return { bytes: first.bytes.subarray(0, maxBytes), from: first.from };
    }
    const parts: Buffer[] = [];
    let length = 0;
    let used = 0;
    for (const entry of this.entries) {
      if (length >= maxBytes) break;
      const part = entry.bytes.subarray(0, maxBytes - length);
      parts.push(part);
      length += part.length;
      used += 1;
    }
    const from = this.entries[0]!.from;
    if (!peek) {
      const last = this.entries[used - 1]!;
      const lastTaken = parts[parts.length - 1]!.length;
      if (lastTaken < last.bytes.length) {
        this.entries[used - 1] = { bytes: last.bytes.subarray(lastTaken), from: last.from };
        this.consume(used - 1, length);
      } else {
        this.consume(used, length);
      }
    }
    return { bytes: Buffer.concat(parts, length), from };
  }

  private consume(entries: number, bytes: number): void {
    this.entries.splice(0, entries);
    this.queuedBytes -= bytes;
    if (this.kind === 'stream' && this.queuedBytes <= STREAM_HIGH_WATER) this.flow?.resume();
    this.onChange();
  }

  private changed(): void {
    this.waiter.notify();
    this.onChange();
  }
}
