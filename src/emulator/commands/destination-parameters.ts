// The <url>,<port> pair of #XCONNECT and #XSENDTO: the hostname limit (E11) and the
// lookup through the network map with the socket's family.

import type { Destination } from '../sockets/destination.ts';
import type { EmulatedSocket } from '../sockets/emulated-socket.ts';
import type { AtArgs } from '../types.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';

export function readHostname(deps: SocketCommandDeps, args: AtArgs, index: number): string {
  return args.string(index, deps.decisions.hostnameMaxChars + 1);
}

/**
 * The first address the name resolves to for the socket's family, and where the map
 * routes it; undefined when the name does not resolve (→ ERROR, no send line). A raw
 * socket's packet family is no address family getaddrinfo knows, so nothing resolves for it.
 */
export function resolveDestination(deps: SocketCommandDeps, socket: EmulatedSocket, url: string, port: number): Destination | undefined {
  const family = socket.identity.family;
  if (family === 3 || socket.transport === 'none') return undefined;
  const address = deps.network.resolve(url, family)[0];
  if (address === undefined) return undefined;
  return { address, port, loopback: deps.network.route(address, port, socket.transport) };
}
