// What #XSOCKET and #XSSOCKET share: the <op> family, the table-full check, the <cid>
// limit, and taking a slot (notes §3, §4).

import type { EmulatedSocket, SocketIdentity } from '../sockets/emulated-socket.ts';
import { createEmulatedSocket } from '../sockets/socket-factory.ts';
import { SO_BINDTOPDN } from '../sockets/socket-options.ts';
import type { AtArgs } from '../types.ts';
import { refuse, requireOneOf } from './command-refusal.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';

const MAX_CID = 10;

/** <op>: 1 IPv4, 2 IPv6; then the table must have a free slot (checked before <type>). */
export function readFamily(deps: SocketCommandDeps, args: AtArgs): 1 | 2 {
  const op = requireOneOf(args.uint16(1), [1, 2] as const, 'op');
  if (deps.table.isFull) refuse('max socket count reached');
  return op;
}

/** Optional <cid> at `index`: 0 (no PDN binding) unless given; above 10 → ERROR. */
export function readCid(args: AtArgs, index: number): number {
  const cid = args.count > index ? args.uint16(index) : 0;
  if (cid > MAX_CID) refuse(`cid ${cid}`);
  return cid;
}

export function openSocket(deps: SocketCommandDeps, identity: SocketIdentity): EmulatedSocket {
  const socket = deps.table.open((handle) => createEmulatedSocket(handle, identity, deps.factory))
    ?? refuse('no socket slot or modem descriptor left');
  // The firmware binds a socket with cid > 0 to that PDN right after creating it; with no
  // such PDN up the modem refuses, and SM closes the socket and answers ERROR (notes §3).
  if (identity.cid > 0) {
    if (!deps.modem.pdnActive(identity.cid)) {
      void deps.table.close(socket);
      refuse(`no active PDN for cid ${identity.cid}`);
    }
    socket.options.set(SO_BINDTOPDN, identity.cid);
  }
  return socket;
}

