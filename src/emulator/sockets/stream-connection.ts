// One established TCP or TLS connection (client side, or a connection #XACCEPT took):
// everything the peer sends is queued at once, writes are bounded by the send timeout.

import type { Socket } from 'node:net';
import type { LoopbackEndpoint } from '../types.ts';
import { LONGEST_TIMER_MS } from './condition-waiter.ts';
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from './poll-events.ts';
import { ReceiveQueue, type ReceiveOutcome } from './receive-queue.ts';
import { SocketError } from './socket-error.ts';

export class StreamConnection {
  private readonly queue: ReceiveQueue;
  private closed = false;

  constructor(
    private readonly stream: Socket,
    readonly remote: LoopbackEndpoint,
    private readonly onChange: () => void,
  ) {
    this.queue = new ReceiveQueue('stream', onChange, {
      pause: () => stream.pause(),
      resume: () => stream.resume(),
    });
    stream.on('data', (chunk: Buffer) => this.queue.push(chunk, remote));
    stream.on('end', () => this.queue.end());
    stream.on('error', (error: NodeJS.ErrnoException) => this.queue.fail(new SocketError(error.code ?? 'EIO', error.message)));
    stream.on('close', () => {
      this.queue.end();
      onChange();
    });
    stream.on('drain', onChange);
  }

  get socket(): Socket {
    return this.stream;
  }

  pollEvents(): number {
    let events = 0;
    if (this.queue.hasData) events |= POLLIN;
    if (this.queue.error) events |= POLLERR;
    if (this.queue.hasEnded) events |= POLLHUP;
    else if (!this.stream.destroyed && this.stream.writable && !this.stream.writableNeedDrain) events |= POLLOUT;
    return events;
  }

  receive(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    return this.queue.receive(maxBytes, flags, timeoutMs);
  }

  /**
   * Writes all bytes; rejects when the stream fails or the send timeout (0: none) elapses.
   * Non-blocking (MSG_DONTWAIT) fails at once with EAGAIN when the send buffer is full.
   */
  write(bytes: Buffer, timeoutMs: number, nonBlocking = false): Promise<number> {
    if (this.closed || this.stream.destroyed || !this.stream.writable) {
      return Promise.reject(new SocketError('EPIPE', 'connection closed'));
    }
    if (nonBlocking && this.stream.writableNeedDrain) return Promise.reject(new SocketError('EAGAIN', 'send buffer full'));
    if (bytes.length === 0) return Promise.resolve(0);
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = timeoutMs > 0 && timeoutMs <= LONGEST_TIMER_MS
        ? setTimeout(() => finish(new SocketError('EAGAIN', 'send timeout')), timeoutMs)
        : undefined;
      const finish = (error?: SocketError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(bytes.length);
      };
      this.stream.write(bytes, (error) => finish(error ? new SocketError('EPIPE', error.message) : undefined));
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.cancel();
    this.stream.destroy();
  }
}
