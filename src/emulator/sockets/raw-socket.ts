// A raw packet socket (#XSOCKET type 3). A normal process cannot send raw IP, so what the
// host sends goes to a capture that tests and users read; nothing ever arrives on it.

import { EmulatedSocket, type SocketIdentity } from './emulated-socket.ts';
import { POLLOUT } from './poll-events.ts';
import { ReceiveQueue, type ReceiveOutcome } from './receive-queue.ts';

export interface RawFrame {
  handle: number;
  bytes: Buffer;
}

export class RawSocket extends EmulatedSocket {
  readonly transport = 'none' as const;
  private readonly queue = new ReceiveQueue('datagram', () => this.pollChanged());

  constructor(handle: number, identity: SocketIdentity, private readonly capture: RawFrame[]) {
    super(handle, identity);
  }

  override pollEvents(): number {
    return POLLOUT;
  }

  override async send(bytes: Buffer): Promise<number> {
    this.capture.push({ handle: this.handle, bytes: Buffer.from(bytes) });
    return bytes.length;
  }

  override receive(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    return this.queue.receive(maxBytes, flags, timeoutMs);
  }

  override async close(): Promise<void> {
    this.queue.cancel();
  }
}
