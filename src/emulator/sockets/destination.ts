// Where #XSENDTO sends: the address the device named, and the loopback peer the network
// map routes it to (undefined: refused, the sandbox lets nothing out).

import type { LoopbackEndpoint } from '../types.ts';
import { SocketError } from './socket-error.ts';

export interface Destination {
  address: string;
  port: number;
  loopback: LoopbackEndpoint | undefined;
}

export function routedLoopback(destination: Destination): LoopbackEndpoint {
  if (!destination.loopback) {
    throw new SocketError('ENETUNREACH', `no route to ${destination.address}:${destination.port} in the network map`);
  }
  return destination.loopback;
}
