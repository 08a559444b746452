// #XACCEPT: take the next connection of a listening socket (notes §4 #XACCEPT, E8).
// Refused while #XAPOLL runs; #XSEND/#XRECV on the listening handle then use it.

import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { ok } from './reply.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';

export function xacceptCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XACCEPT', async (args) => {
    if (deps.poll.isRunning) refuse('#XAPOLL is running (EBUSY)');
    const socket = requireSocket(deps, args);
    if (socket.identity.role !== 1) refuse('not a server socket');
    const timeout = args.int32(2);
    if (socket.identity.family === 3) refuse('not an IP socket');
    // A positive timeout polls first (a poll timeout leaves the served connection alone);
    // otherwise accept() itself blocks as SO_RCVTIMEO says (0: forever), and its failure
    // makes the firmware forget the connection it served.
    const polled = timeout > 0;
    const accepted = await socket.accept(polled ? timeout * 1000 : socket.options.receiveTimeoutMs, !polled);
    const peer = deps.network.deviceViewOf(accepted.remote, 'tcp', socket.identity.family);
    const handle = deps.decisions.acceptPrintsListeningHandle ? socket.handle : accepted.descriptor;
    return ok([`#XACCEPT: ${handle},"${peer.address}"`]);
  });
}
