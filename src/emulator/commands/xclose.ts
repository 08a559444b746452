// #XCLOSE: close one socket or, with no handle, all of them in slot order (notes §4 #XCLOSE).
// Closing never reports through #XAPOLL (E18).

import type { CommandModule } from '../types.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { ok } from './reply.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';

export function xcloseCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XCLOSE', async (args, ctx) => {
    const sockets = args.count <= 1 ? deps.table.sockets() : [requireSocket(deps, args)];
    const lines: string[] = [];
    for (const socket of sockets) {
      await deps.table.close(socket);
      // close() on the emulated socket cannot fail, so the result is always 0.
      lines.push(`#XCLOSE: ${socket.handle},0`);
    }
    return ctx.profile.fault === 'close-without-ok' ? { ...ok(lines), final: 'none' } : ok(lines);
  });
}
