// A datagram socket (#XSOCKET type 2): #XBIND makes it a server on a loopback port (the
// device's own port when served as a board), #XCONNECT sets its default peer, #XSENDTO
// sends one datagram per call.

import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import type { LoopbackEndpoint } from '../types.ts';
import { backlogOf, EmulatedSocket, PartialSendError, type ReceiveBacklog, type SocketIdentity } from './emulated-socket.ts';
import { EPHEMERAL_DEVICE_PORTS, type DevicePorts } from './device-ports.ts';
import { assertLoopback, loopbackHostFor } from './loopback-guard.ts';
import { POLLIN, POLLOUT } from './poll-events.ts';
import { ReceiveQueue, type ReceiveOutcome } from './receive-queue.ts';
import { SocketError } from './socket-error.ts';
import { routedLoopback, type Destination } from './destination.ts';

type LoopbackHost = LoopbackEndpoint['host'];
type DgramType = 'udp4' | 'udp6';

export class UdpSocket extends EmulatedSocket {
  readonly transport = 'udp' as const;
  private readonly queue = new ReceiveQueue('datagram', () => this.pollChanged());
  /**
   * The real sockets behind this one modem socket, one per loopback family; the first one
   * asked for is the socket's own (bound to the device's port, when it has one). The
   * device's address family decides nothing here (the network map has already judged it):
   * a route may lead an IPv4 socket to a peer on ::1, as `emulate --peers ::1` puts the peer
   * host on the other loopback from the device's own servers. A companion on an ephemeral
   * port of that family then carries the traffic both ways, as a NAT would.
   */
  private readonly sockets = new Map<DgramType, Promise<DgramSocket>>();
  private readonly ready = new Map<DgramType, DgramSocket>();
  /** The family of the socket's own real socket (the first one asked for). */
  private ownType: DgramType | undefined;
  private peer: LoopbackEndpoint | undefined;
  private boundPort: number | undefined;
  private closed = false;

  constructor(handle: number, identity: SocketIdentity, private readonly devicePorts: DevicePorts = EPHEMERAL_DEVICE_PORTS) {
    super(handle, identity);
  }

  override pollEvents(): number {
    return (this.queue.hasData ? POLLIN : 0) | POLLOUT;
  }

  override async bind(devicePort: number): Promise<void> {
    if (this.sockets.size > 0 || this.boundPort !== undefined) throw new SocketError('EINVAL', 'already bound');
    this.boundPort = devicePort;
    await this.open(this.devicePorts.host ?? loopbackHostFor(this.identity.family), this.devicePorts.bindOwnNumbers ? devicePort : 0);
  }

  override async connect(to: LoopbackEndpoint): Promise<void> {
    assertLoopback(to);
    const socket = await this.open(to.host);
    if (this.peer) (await this.open(this.peer.host)).disconnect();
    await new Promise<void>((resolve, reject) => {
      socket.connect(to.port, to.host, (error?: Error) => (error ? reject(new SocketError('ECONNREFUSED', error.message)) : resolve()));
    });
    this.peer = to;
  }

  override async send(bytes: Buffer): Promise<number> {
    if (!this.peer) throw new PartialSendError(0, new SocketError('EDESTADDRREQ'));
    return this.transmit(await this.open(this.peer.host), bytes, undefined);
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

  /** The socket's own real socket (the first opened), where a client reaches its port. */
  override localEndpoint(): LoopbackEndpoint | undefined {
    const own = this.ownType && this.ready.get(this.ownType);
    if (!own) return undefined;
    const address = own.address();
    return { host: address.family === 'IPv6' ? '::1' : '127.0.0.1', port: address.port };
  }

  override get devicePort(): number | undefined {
    return this.boundPort;
  }

  override async close(): Promise<void> {
    this.closed = true;
    this.queue.cancel();
    const sockets = await Promise.all([...this.sockets.values()].map((opening) => opening.catch(() => undefined)));
    this.sockets.clear();
    this.ready.clear();
    await Promise.all(sockets.map((socket) => socket && new Promise<void>((resolve) => socket.close(() => resolve()))));
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

  private bindDgram(type: DgramType, host: string, port: number): Promise<DgramSocket> {
    return new Promise<DgramSocket>((resolve, reject) => {
      const socket = createSocket({ type });
      socket.on('message', (message, from) => {
        const source: LoopbackEndpoint = { host: from.address === '::1' ? '::1' : '127.0.0.1', port: from.port };
        // A connected modem socket hears its peer only; the kernel filters the real socket
        // that is connected, and a companion of the other family must not let others in.
        if (this.peer && (this.peer.host !== source.host || this.peer.port !== source.port)) return;
        this.queue.push(message, source);
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

  /** The real socket of `host`'s family, created on first use (on `preferredPort` if it is the first and that is free). */
  private open(host: LoopbackHost, preferredPort = 0): Promise<DgramSocket> {
    // A late data-mode burst after a reset must not bring a closed socket back.
    if (this.closed) return Promise.reject(new PartialSendError(0, new SocketError('EBADF', 'socket closed')));
    const type: DgramType = host === '::1' ? 'udp6' : 'udp4';
    let opening = this.sockets.get(type);
    if (!opening) {
      this.ownType ??= type;
      // The device's own port when asked for and free; otherwise an ephemeral one.
      opening = this.bindDgram(type, host, preferredPort)
        .catch(async (error: unknown) => {
          if (preferredPort === 0) throw error;
          const instead = await this.bindDgram(type, host, 0);
          this.devicePorts.onTaken?.({ transport: 'udp', host, port: preferredPort, instead: instead.address().port });
          return instead;
        })
        .then((socket) => {
          this.ready.set(type, socket);
          return socket;
        });
      this.sockets.set(type, opening);
    }
    return opening;
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
