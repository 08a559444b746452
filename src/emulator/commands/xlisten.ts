// #XLISTEN: put a TCP server socket into listening mode (notes §4 #XLISTEN).

import { TcpSocket } from '../sockets/tcp-socket.ts';
import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { ok } from './reply.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';

export function xlistenCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XLISTEN', async (args) => {
    const socket = requireSocket(deps, args);
    if (socket.identity.role !== 1) refuse('not a server socket');
    // What the modem does with a TLS server is unknown (E4); the emulator offers none.
    if (!(socket instanceof TcpSocket) || socket.identity.secure) refuse('only plain TCP sockets listen');
    await socket.listen();
    return ok();
  });
}
