// A datagram socket (#XSOCKET type 2): #XBIND makes it a server on an ephemeral loopback
// port, #XCONNECT sets its default peer, #XSENDTO sends one datagram per call.

import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import type { LoopbackEndpoint } from '../types.ts';
import { backlogOf, EmulatedSocket, PartialSendError, type ReceiveBacklog, type SocketIdentity } from './emulated-socket.ts';
import { assertLoopback, loopbackHostFor } from './loopback-guard.ts';
import { POLLIN, POLLOUT } from './poll-events.ts';
import { ReceiveQueue, type ReceiveOutcome } from './receive-queue.ts';
import { SocketError } from './socket-error.ts';
import { routedLoopback, type Destination } from './destination.ts';

export class UdpSocket extends EmulatedSocket {
  readonly transport = 'udp' as const;
  private readonly queue = new ReceiveQueue('datagram', () => this.pollChanged());
  private socket: DgramSocket | undefined;
  private opening: Promise<DgramSocket> | undefined;
  private peer: LoopbackEndpoint | undefined;
  private boundPort: number | undefined;
  private socketType: 'udp4' | 'udp6' | undefined;
  private closed = false;

  constructor(handle: number, identity: SocketIdentity, private readonly bindDevicePorts = false) {
    super(handle, identity);
  }

  override pollEvents(): number {
    return (this.queue.hasData ? POLLIN : 0) | POLLOUT;
  }

  override async bind(devicePort: number): Promise<void> {
    if (this.socket || this.boundPort !== undefined) throw new SocketError('EINVAL', 'already bound');
    this.boundPort = devicePort;
    await this.open(loopbackHostFor(this.identity.family), this.bindDevicePorts ? devicePort : 0);
  }

  override async connect(to: LoopbackEndpoint): Promise<void> {
    assertLoopback(to);
    const socket = await this.open(to.host);
    if (this.peer) socket.disconnect();
    await new Promise<void>((resolve, reject) => {
      socket.connect(to.port, to.host, (error?: Error) => (error ? reject(new SocketError('ECONNREFUSED', error.message)) : resolve()));
    });
    this.peer = to;
  }

  override async send(bytes: Buffer): Promise<number> {
    if (!this.peer || !this.socket) throw new PartialSendError(0, new SocketError('EDESTADDRREQ'));
    return this.transmit(this.socket, bytes, undefined);
  }

  override async sendTo(bytes: Buffer, destination: Destination): Promise<number> {
    const to = assertLoopback(routedLoopbackForSend(destination));
    if (this.peer) return this.send(bytes);
    return this.transmit(await this.open(to.host), bytes, to);
  }

  override receiveBacklog(): ReceiveBacklog {
    return backlogOf(this.queue);
  }

  override receive(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    return this.queue.receive(maxBytes, flags, timeoutMs);
  }

  override localEndpoint(): LoopbackEndpoint | undefined {
    if (!this.socket) return undefined;
    const address = this.socket.address();
    return { host: address.family === 'IPv6' ? '::1' : '127.0.0.1', port: address.port };
  }

  override get devicePort(): number | undefined {
    return this.boundPort;
  }

  override async close(): Promise<void> {
    this.closed = true;
    this.queue.cancel();
    const socket = this.socket ?? (await this.opening?.catch(() => undefined));
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private transmit(socket: DgramSocket, bytes: Buffer, to: LoopbackEndpoint | undefined): Promise<number> {
    return new Promise((resolve, reject) => {
      const done = (error: Error | null): void => {
        if (error) reject(new PartialSendError(0, new SocketError('EMSGSIZE', error.message)));
        else resolve(bytes.length);
      };
      if (to) socket.send(bytes, to.port, to.host, done);
      else socket.send(bytes, done);
    });
  }

  private bindDgram(type: 'udp4' | 'udp6', host: string, port: number): Promise<DgramSocket> {
    return new Promise<DgramSocket>((resolve, reject) => {
      const socket = createSocket({ type });
      socket.on('message', (message, from) => {
        this.queue.push(message, { host: from.address === '::1' ? '::1' : '127.0.0.1', port: from.port });
      });
      socket.once('error', (error) => {
        socket.close();
        reject(new SocketError('EADDRINUSE', error.message));
      });
      socket.bind({ address: host, port, exclusive: true }, () => {
        socket.on('error', () => undefined);
        resolve(socket);
      });
    });
  }

  /** The real socket, created on first use with the loopback family of its first destination. */
  private open(host: '127.0.0.1' | '::1', preferredPort = 0): Promise<DgramSocket> {
    // A late data-mode burst after a reset must not bring a closed socket back.
    if (this.closed) return Promise.reject(new PartialSendError(0, new SocketError('EBADF', 'socket closed')));
    const wanted = host === '::1' ? 'udp6' : 'udp4';
    this.socketType ??= wanted;
    // The device's own port when asked for and free; otherwise an ephemeral one.
    this.opening ??= this.bindDgram(wanted, host, preferredPort)
      .catch((error: unknown) => (preferredPort === 0 ? Promise.reject(error) : this.bindDgram(wanted, host, 0)))
      .then((socket) => {
        this.socket = socket;
        return socket;
      });
    return this.opening.then((socket) => {
      if (this.socketType !== wanted) throw new SocketError('EAFNOSUPPORT', `${wanted} destination on a ${this.socketType} socket`);
      return socket;
    });
  }
}

/** A refused route fails the sendto (the line still prints, E12). */
function routedLoopbackForSend(destination: Destination): LoopbackEndpoint {
  try {
    return routedLoopback(destination);
  } catch (error) {
    throw new PartialSendError(0, error as SocketError);
  }
}
