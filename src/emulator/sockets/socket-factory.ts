// Builds the emulated socket for what #XSOCKET/#XSSOCKET asked: TCP (plain or TLS), UDP,
// DTLS or raw. Plain TCP connects are made here; TLS and DTLS go through the SecureConnector.

import { connect as connectTcp, type Socket } from 'node:net';
import type { LoopbackEndpoint, SecureConnector } from '../types.ts';
import type { DescriptorPool } from './descriptor-pool.ts';
import type { DevicePorts } from './device-ports.ts';
import { DtlsSocket } from './dtls-socket.ts';
import type { EmulatedSocket, SocketIdentity } from './emulated-socket.ts';
import { RawSocket, type RawFrame } from './raw-socket.ts';
import { SocketError } from './socket-error.ts';
import { TcpSocket, type StreamOpener } from './tcp-socket.ts';
import { UdpSocket } from './udp-socket.ts';

export interface SocketFactoryDeps {
  secure: SecureConnector;
  descriptors: DescriptorPool;
  rawCapture: RawFrame[];
  /** Where the device's own ports are (default: ephemeral ports, by the socket's family). */
  devicePorts?: DevicePorts;
}

export function createEmulatedSocket(handle: number, identity: SocketIdentity, deps: SocketFactoryDeps): EmulatedSocket {
  const secure = identity.secure;
  if (identity.type === 3) return new RawSocket(handle, identity, deps.rawCapture);
  if (identity.type === 2) {
    return secure ? new DtlsSocket(handle, { ...identity, secure }, deps.secure) : new UdpSocket(handle, identity, deps.devicePorts);
  }
  const opener: StreamOpener = secure
    ? (to) => connectTls(deps.secure, to, () => secure.settings())
    : connectPlain;
  return new TcpSocket(handle, identity, opener, deps.descriptors, deps.devicePorts);
}

function connectPlain(to: LoopbackEndpoint): Promise<Socket> {
  return new Promise((resolve, reject) => {
    // Half-open like the modem: a peer's FIN does not end our sending side.
    const socket = connectTcp({ host: to.host, port: to.port, allowHalfOpen: true });
    const fail = (error: NodeJS.ErrnoException): void => reject(new SocketError(error.code ?? 'ECONNREFUSED', error.message));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.removeListener('error', fail);
      resolve(socket);
    });
  });
}

async function connectTls(
  connector: SecureConnector,
  to: LoopbackEndpoint,
  settings: () => ReturnType<NonNullable<SocketIdentity['secure']>['settings']>,
): Promise<Socket> {
  try {
    return await connector.connectTls(to, settings());
  } catch (error) {
    throw error instanceof SocketError ? error : new SocketError('ECONNABORTED', `TLS handshake: ${String(error)}`);
  }
}
