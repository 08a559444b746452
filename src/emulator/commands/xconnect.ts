// #XCONNECT: connect a client socket through the network map (notes §4 #XCONNECT).
// Status 0 is never printed (E7): a failure is ERROR.

import { routedLoopback } from '../sockets/destination.ts';
import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { readHostname, resolveDestination } from './destination-parameters.ts';
import { ok } from './reply.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';

export function xconnectCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XCONNECT', async (args) => {
    const socket = requireSocket(deps, args);
    if (socket.identity.role !== 0) refuse('not a client socket');
    const url = readHostname(deps, args, 2);
    const port = args.uint16(3);
    if (socket.transport === 'none') refuse('raw sockets cannot connect');
    const destination = resolveDestination(deps, socket, url, port) ?? refuse(`cannot resolve ${url}`);
    await socket.connect(routedLoopback(destination));
    return ok([`#XCONNECT: ${socket.handle},1`]);
  });
}
