// #XSENDTO: send a datagram to a named host and port (notes §4 #XSENDTO): URL and port are
// read (and remembered, see sendto-url-memory.ts) before the mode; a name that does not
// resolve is ERROR without a line.

import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { readHostname, resolveDestination } from './destination-parameters.ts';
import { readPayload } from './payload-parameter.ts';
import { reportSend } from './send-report.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';
import { enterSocketDataMode } from './data-mode-entry.ts';

export function xsendtoCommand(deps: SocketCommandDeps): CommandModule {
  const memory = deps.sendtoUrl;
  return setOnlyCommand('#XSENDTO', async (args, ctx) => {
    const socket = requireSocket(deps, args);
    const mode = args.uint16(2);
    socket.sendFlags = args.int32(3);
    const flags = socket.sendFlags;
    const url = readHostname(deps, args, 4);
    memory.rememberUrl(url);
    const port = args.uint16(5);
    memory.rememberPort(port);
    if (mode === 2) {
      return enterSocketDataMode(deps, socket, ctx, deps.decisions.staleSendtoUrl ? () => memory.current : () => ({ url, port }));
    }
    if (mode !== 0 && mode !== 1) refuse(`mode ${mode}`);
    const data = readPayload(deps, args, 6, mode);
    try {
      const destination = resolveDestination(deps, socket, url, port) ?? refuse(`cannot resolve ${url}`);
      return await reportSend(deps, '#XSENDTO', socket, () => socket.sendTo(data, destination, flags));
    } finally {
      memory.forgetUrl();
    }
  });
}
