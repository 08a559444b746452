// #XBIND: bind to the device's own address and a port (notes §4 #XBIND). The emulated
// socket really listens on an ephemeral loopback port (SocketTable.localEndpointOf).

import type { EmulatedSocket } from '../sockets/emulated-socket.ts';
import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { ok } from './reply.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';

export function xbindCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XBIND', async (args) => {
    const socket = requireSocket(deps, args);
    const port = args.uint16(2);
    if (socket.identity.family === 3) refuse('raw sockets cannot bind');
    if (!deps.modem.useNetwork()) refuse('the default PDN has no address (ENETDOWN)');
    if (port !== 0 && portTaken(deps, socket, port)) refuse(`port ${port} in use (EADDRINUSE)`);
    await socket.bind(port);
    return ok();
  });
}

/** Another socket of the same transport and family holds the device port, and SO_REUSEADDR does not allow sharing. */
function portTaken(deps: SocketCommandDeps, socket: EmulatedSocket, port: number): boolean {
  return deps.table.sockets().some((other) =>
    other !== socket && other.devicePort === port && other.transport === socket.transport &&
    other.identity.family === socket.identity.family && !(other.options.reuseAddress && socket.options.reuseAddress));
}
