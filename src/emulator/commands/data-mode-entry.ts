// Entering data mode for #XSEND/#XSENDTO mode 2 (notes §6): refused only when data mode is
// already active; the socket itself is not checked. OK comes first, then the host switches.

import type { EmulatedSocket } from '../sockets/emulated-socket.ts';
import type { CommandContext, Reply } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { resolveDestination } from './destination-parameters.ts';
import { ok } from './reply.ts';
import type { SendtoAddress } from './sendto-url-memory.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';
import { SocketDataModeSink } from './socket-data-mode-sink.ts';

/** @param sendtoAddress asked at each burst: where to sendto(), or undefined to send(). */
export function enterSocketDataMode(
  deps: SocketCommandDeps,
  socket: EmulatedSocket,
  ctx: CommandContext,
  sendtoAddress: () => SendtoAddress | undefined,
): Reply {
  if (ctx.inDataMode) refuse('data mode already active');
  ctx.enterDataMode(new SocketDataModeSink(
    socket, socket.sendFlags, deps.poll, sendtoAddress,
    ({ url, port }) => resolveDestination(deps, socket, url, port),
    () => deps.sendtoUrl.forgetUrl(),
  ));
  return ok();
}
