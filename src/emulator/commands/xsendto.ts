// #XSENDTO: send a datagram to a named host and port (notes §4 #XSENDTO): URL and port are
// read before the mode; a name that does not resolve is ERROR without a line.

import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { readHostname, resolveDestination } from './destination-parameters.ts';
import { readPayload } from './payload-parameter.ts';
import { ok } from './reply.ts';
import { reportSend } from './send-report.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';
import { SocketDataModeSink } from './socket-data-mode-sink.ts';

export function xsendtoCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XSENDTO', async (args, ctx) => {
    const socket = requireSocket(deps, args);
    const mode = args.uint16(2);
    socket.sendFlags = args.int32(3);
    const flags = socket.sendFlags;
    const url = readHostname(deps, args, 4);
    const port = args.uint16(5);
    if (mode === 2) {
      if (ctx.inDataMode) refuse('data mode already active');
      ctx.enterDataMode(new SocketDataModeSink(socket, flags, deps.poll, () => resolveDestination(deps, socket, url, port)));
      return ok();
    }
    if (mode !== 0 && mode !== 1) refuse(`mode ${mode}`);
    const data = readPayload(deps, args, 6, mode);
    const destination = resolveDestination(deps, socket, url, port) ?? refuse(`cannot resolve ${url}`);
    return reportSend(deps, '#XSENDTO', socket, () => socket.sendTo(data, destination, flags));
  });
}
