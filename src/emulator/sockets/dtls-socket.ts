// A DTLS 1.2 client (#XSSOCKET type 2): #XCONNECT runs the handshake through the
// SecureConnector; afterwards each send is one datagram on the association.

import type { DtlsChannel, LoopbackEndpoint, SecureConnector } from '../types.ts';
import { backlogOf, EmulatedSocket, PartialSendError, type ReceiveBacklog, type SocketIdentity } from './emulated-socket.ts';
import { assertLoopback } from './loopback-guard.ts';
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from './poll-events.ts';
import { ReceiveQueue, type ReceiveOutcome } from './receive-queue.ts';
import type { SecureOptions } from './secure-options.ts';
import { SocketError } from './socket-error.ts';

/** nrf DTLS CID status "disabled": the emulated association never negotiates a connection id. */
const DTLS_CID_STATUS_DISABLED = 0;

export class DtlsSocket extends EmulatedSocket {
  readonly transport = 'udp' as const;
  private readonly queue = new ReceiveQueue('datagram', () => this.pollChanged());
  private channel: DtlsChannel | undefined;
  private peer: LoopbackEndpoint | undefined;
  private connecting = false;
  private closed = false;

  constructor(
    handle: number,
    identity: SocketIdentity & { secure: SecureOptions },
    private readonly connector: SecureConnector,
  ) {
    super(handle, identity);
  }

  override pollEvents(): number {
    if (!this.channel) return 0;
    let events = this.queue.hasData ? POLLIN : 0;
    if (this.queue.error) events |= POLLERR;
    if (this.queue.hasEnded) events |= POLLHUP;
    else events |= POLLOUT;
    return events;
  }

  override async bind(): Promise<void> {
    // The association's local port is chosen by the connector; the device port is only noted.
  }

  override async connect(to: LoopbackEndpoint): Promise<void> {
    if (this.channel || this.connecting) throw new SocketError('EISCONN');
    assertLoopback(to);
    this.connecting = true;
    try {
      const channel = await this.connector.connectDtls(to, this.identity.secure!.settings());
      if (this.closed) {
        await channel.close();
        throw new SocketError('EBADF', 'closed while connecting');
      }
      channel.onMessage((datagram) => this.queue.push(datagram, to));
      channel.onClose((error) => {
        if (error) this.queue.fail(new SocketError('ECONNRESET', error.message));
        this.queue.end();
      });
      this.channel = channel;
      this.peer = to;
    } catch (error) {
      throw error instanceof SocketError ? error : new SocketError('ECONNREFUSED', String(error));
    } finally {
      this.connecting = false;
    }
    this.pollChanged();
  }

  override async send(bytes: Buffer): Promise<number> {
    if (!this.channel) throw new PartialSendError(0, new SocketError('ENOTCONN'));
    try {
      await this.channel.send(bytes);
      return bytes.length;
    } catch (error) {
      throw new PartialSendError(0, new SocketError('EIO', String(error)));
    }
  }

  /** A DTLS socket only talks to the peer it shook hands with; the address is ignored. */
  override sendTo(bytes: Buffer): Promise<number> {
    return this.send(bytes);
  }

  override receiveBacklog(): ReceiveBacklog {
    return backlogOf(this.queue);
  }

  override receive(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    if (!this.channel) return Promise.reject(new SocketError('ENOTCONN'));
    return this.queue.receive(maxBytes, flags, timeoutMs);
  }

  override dtlsCidStatus(): number | undefined {
    return this.channel ? DTLS_CID_STATUS_DISABLED : undefined;
  }

  get remote(): LoopbackEndpoint | undefined {
    return this.peer;
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.cancel();
    await this.channel?.close().catch(() => undefined);
  }
}
