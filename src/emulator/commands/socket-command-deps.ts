// What every socket command module is built with: the shared table and poll state, the
// sandbox, and the profile's decisions.

import type { AsyncPoll } from '../apoll/async-poll.ts';
import type { EmulatedSocket } from '../sockets/emulated-socket.ts';
import type { SocketFactoryDeps } from '../sockets/socket-factory.ts';
import type { SocketTable } from '../sockets/socket-table.ts';
import type { NetworkAccess } from '../modem/network-access.ts';
import type { AtArgs, NetworkMap } from '../types.ts';
import { refuse } from './command-refusal.ts';
import type { ProfileDecisions } from './profile-decisions.ts';
import type { SendtoUrlMemory } from './sendto-url-memory.ts';

export interface SocketCommandDeps {
  table: SocketTable;
  poll: AsyncPoll;
  /** The sandbox as the modem lets the device reach it (nothing while offline). */
  network: NetworkMap;
  modem: NetworkAccess;
  decisions: ProfileDecisions;
  factory: SocketFactoryDeps;
  /** #XSENDTO's remembered address (firmware globals udp_url/udp_port). */
  sendtoUrl: SendtoUrlMemory;
}

/** The socket named by the handle parameter at `index`; unknown handles answer ERROR. */
export function requireSocket(deps: SocketCommandDeps, args: AtArgs, index = 1): EmulatedSocket {
  const handle = args.int32(index);
  return deps.table.find(handle) ?? refuse(`unknown handle ${handle}`);
}
