// Last line of defence of the sandbox: every real connect/send/bind in src/emulator/sockets
// goes through this check, so that a faulty or permissive network map still cannot make
// the emulator send a packet off this machine, nor reach the port it is served on.

import type { LoopbackEndpoint } from '../types.ts';
import { isServingEndpoint } from './serving-endpoints.ts';
import { SocketError } from './socket-error.ts';

export function assertLoopback(endpoint: LoopbackEndpoint): LoopbackEndpoint {
  if (endpoint.host !== '127.0.0.1' && endpoint.host !== '::1') {
    throw new SocketError('ENETUNREACH', `refusing non-loopback destination ${String(endpoint.host)}`);
  }
  if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65535) {
    throw new SocketError('EINVAL', `bad loopback port ${endpoint.port}`);
  }
  if (isServingEndpoint(endpoint)) {
    throw new SocketError('ECONNREFUSED', `${endpoint.host}:${endpoint.port} is the port the emulator is served on`);
  }
  return endpoint;
}

/** The loopback address a socket of this #XSOCKET family binds to. */
export function loopbackHostFor(family: number): '127.0.0.1' | '::1' {
  return family === 2 ? '::1' : '127.0.0.1';
}
