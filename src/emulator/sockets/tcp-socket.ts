// A stream socket (#XSOCKET type 1 or #XSSOCKET TLS): a client after #XCONNECT, or a
// server after #XBIND/#XLISTEN whose #XSEND/#XRECV go to the connection #XACCEPT took.

import { createServer, type Server, type Socket } from 'node:net';
import type { LoopbackEndpoint } from '../types.ts';
import { ConditionWaiter } from './condition-waiter.ts';
import type { DescriptorPool } from './descriptor-pool.ts';
import { EmulatedSocket, PartialSendError, type AcceptedConnection, type SocketIdentity } from './emulated-socket.ts';
import { EPHEMERAL_DEVICE_PORTS, type DevicePorts } from './device-ports.ts';
import { assertLoopback, loopbackHostFor } from './loopback-guard.ts';
import { POLLIN } from './poll-events.ts';
import { MSG_DONTWAIT, type ReceiveOutcome } from './receive-queue.ts';
import { SocketError } from './socket-error.ts';
import { StreamConnection } from './stream-connection.ts';
import { ianaCipherSuite } from './cipher-suites.ts';
import type { Destination } from './destination.ts';

/** Opens the byte stream to a loopback peer: plain TCP, or TLS through the SecureConnector. */
export type StreamOpener = (to: LoopbackEndpoint) => Promise<Socket>;

interface ListeningState {
  server: Server;
  pending: Socket[];
  arrivals: ConditionWaiter;
}

interface AcceptedState {
  connection: StreamConnection;
  descriptor: number;
}

export class TcpSocket extends EmulatedSocket {
  readonly transport = 'tcp' as const;
  private client: StreamConnection | undefined;
  private connecting = false;
  private boundPort: number | undefined;
  private listening: ListeningState | undefined;
  private accepted: AcceptedState | undefined;
  /** Connections a later #XACCEPT replaced: the firmware neither closes nor serves them. */
  private readonly replaced: AcceptedState[] = [];
  private closed = false;

  constructor(
    handle: number,
    identity: SocketIdentity,
    private readonly openStream: StreamOpener,
    private readonly descriptors: DescriptorPool,
    private readonly devicePorts: DevicePorts = EPHEMERAL_DEVICE_PORTS,
  ) {
    super(handle, identity);
  }

  override pollEvents(): number {
    if (this.client) return this.client.pollEvents();
    if (this.listening && this.listening.pending.length > 0) return POLLIN;
    return 0;
  }

  override async bind(devicePort: number): Promise<void> {
    if (this.client || this.listening || this.boundPort !== undefined) throw new SocketError('EINVAL', 'already bound');
    this.boundPort = devicePort;
  }

  override async connect(to: LoopbackEndpoint): Promise<void> {
    if (this.closed) throw new SocketError('EBADF', 'socket closed');
    if (this.client || this.connecting) throw new SocketError('EISCONN');
    if (this.listening) throw new SocketError('EINVAL', 'listening socket');
    assertLoopback(to);
    this.connecting = true;
    try {
      const stream = await this.openStream(to);
      if (this.closed) {
        stream.destroy();
        throw new SocketError('EBADF', 'closed while connecting');
      }
      this.client = new StreamConnection(stream, to, () => this.pollChanged());
    } finally {
      this.connecting = false;
    }
    this.pollChanged();
  }

  override async listen(): Promise<void> {
    if (this.closed) throw new SocketError('EBADF', 'socket closed');
    if (this.client) throw new SocketError('EISCONN');
    if (this.listening) return;
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: false });
    const state: ListeningState = { server, pending: [], arrivals: new ConditionWaiter() };
    server.on('connection', (socket) => {
      if (this.closed) {
        socket.destroy();
        return;
      }
      // Queue early bytes until #XACCEPT wraps the socket; pausing keeps them in the kernel.
      socket.pause();
      socket.on('error', () => undefined);
      state.pending.push(socket);
      state.arrivals.notify();
      this.pollChanged();
    });
    const host = this.devicePorts.host ?? loopbackHostFor(this.identity.family);
    const devicePort = this.devicePorts.bindOwnNumbers ? this.boundPort : undefined;
    // The device's own port when it is free; otherwise an ephemeral one: the device still
    // listens, but a client sent to the device's port (run --device-host) will not reach it.
    if (devicePort === undefined || devicePort === 0 || !(await listenOn(server, host, devicePort).then(() => true, () => false))) {
      await listenOn(server, host, 0);
      const address = server.address();
      if (devicePort) this.devicePorts.onTaken?.({ transport: 'tcp', host, port: devicePort, instead: typeof address === 'object' && address ? address.port : 0 });
    }
    server.on('error', () => undefined);
    this.listening = state;
  }

  override async accept(timeoutMs: number, timeoutFailsAccept: boolean): Promise<AcceptedConnection> {
    const state = this.listening;
    if (!state) throw new SocketError('EINVAL', 'not listening');
    const arrived = await state.arrivals.wait(() => state.pending.length > 0, timeoutMs);
    if (this.closed) throw new SocketError('EBADF', 'closed');
    if (!arrived) {
      if (timeoutFailsAccept) this.forgetServed();
      throw new SocketError('EAGAIN', 'accept timeout');
    }
    const descriptor = this.descriptors.allocate();
    if (descriptor === undefined) {
      this.forgetServed();
      throw new SocketError('ENFILE', 'no modem socket left');
    }
    const socket = state.pending.shift()!;
    const remote = remoteEndpointOf(socket);
    this.forgetServed();
    // Data on the accepted connection is not polled (notes §7), so it reports to nobody.
    const connection = new StreamConnection(socket, remote, () => undefined);
    socket.resume();
    this.accepted = { connection, descriptor };
    this.pollChanged();
    return { descriptor, remote };
  }

  /** The served connection stays open but is no longer used (the firmware drops fd_peer). */
  private forgetServed(): void {
    if (this.accepted) this.replaced.push(this.accepted);
    this.accepted = undefined;
  }

  /** The connection #XSEND/#XRECV use: the client's, or the server's accepted one. */
  private dataConnection(): StreamConnection {
    const connection = this.client ?? this.accepted?.connection;
    if (!connection) throw new SocketError('ENOTCONN');
    return connection;
  }

  /** Whether a server socket has a connection to send on (else #XSEND prints no line). */
  get hasAcceptedConnection(): boolean {
    return this.accepted !== undefined;
  }

  /** Every send waits for the stream to take the bytes, bounded by SO_SNDTIMEO (flags 512 included). */
  override async send(bytes: Buffer, flags = 0): Promise<number> {
    return this.write(this.dataConnection(), bytes, flags);
  }

  /**
   * sendto() runs on the socket's own descriptor: a connected client ignores the address
   * (POSIX); a server's accepted connection is not used (only #XSEND redirects).
   */
  override async sendTo(bytes: Buffer, _to: Destination, flags: number): Promise<number> {
    if (!this.client) throw new PartialSendError(0, new SocketError('ENOTCONN'));
    return this.write(this.client, bytes, flags);
  }

  private async write(connection: StreamConnection, bytes: Buffer, flags: number): Promise<number> {
    try {
      return await connection.write(bytes, this.options.sendTimeoutMs, (flags & MSG_DONTWAIT) !== 0);
    } catch (error) {
      throw new PartialSendError(0, error instanceof SocketError ? error : new SocketError('EIO'));
    }
  }

  override receive(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    return this.dataConnection().receive(maxBytes, flags, timeoutMs);
  }

  override receiveFrom(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    if (!this.client) return Promise.reject(new SocketError('ENOTCONN'));
    return this.client.receive(maxBytes, flags, timeoutMs);
  }

  override localEndpoint(): LoopbackEndpoint | undefined {
    const address = this.listening?.server.address();
    if (address && typeof address === 'object') {
      return { host: address.family === 'IPv6' ? '::1' : '127.0.0.1', port: address.port };
    }
    return undefined;
  }

  override get devicePort(): number | undefined {
    return this.boundPort;
  }

  override cipherSuite(): number | undefined {
    const socket = this.client?.socket as (Socket & { getCipher?: () => { name: string } }) | undefined;
    const name = socket?.getCipher?.()?.name;
    return name === undefined ? undefined : ianaCipherSuite(name);
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client?.close();
    for (const state of [this.accepted, ...this.replaced]) {
      if (!state) continue;
      state.connection.close();
      this.descriptors.release(state.descriptor);
    }
    this.accepted = undefined;
    this.replaced.length = 0;
    const listening = this.listening;
    if (listening) {
      for (const socket of listening.pending) socket.destroy();
      listening.arrivals.cancel();
      await new Promise<void>((resolve) => listening.server.close(() => resolve()));
    }
  }
}

function remoteEndpointOf(socket: Socket): LoopbackEndpoint {
  const host = socket.remoteAddress === '::1' ? '::1' : '127.0.0.1';
  return { host, port: socket.remotePort ?? 0 };
}

function listenOn(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => reject(new SocketError(error.code ?? 'EADDRINUSE', error.message));
    server.once('error', fail);
    server.listen({ host, port, backlog: 1 }, () => {
      server.removeListener('error', fail);
      resolve();
    });
  });
}
