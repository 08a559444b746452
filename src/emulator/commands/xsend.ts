// #XSEND: send on a connected socket (a TCP server: on its accepted connection), in string,
// hex or data mode (notes §4 #XSEND, §6, E12, E15).

import { TcpSocket } from '../sockets/tcp-socket.ts';
import type { AtArgs, CommandContext, CommandModule, Reply } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { enterSocketDataMode } from './data-mode-entry.ts';
import { readPayload } from './payload-parameter.ts';
import { reportSend } from './send-report.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';
import type { EmulatedSocket } from '../sockets/emulated-socket.ts';

export function xsendCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XSEND', async (args, ctx) => {
    const socket = requireSocket(deps, args);
    if (deps.decisions.exampleSendReceiveSyntax && args.has(2) && !args.isInteger(2)) {
      return sendExampleSyntax(deps, socket, args);
    }
    const mode = args.uint16(2);
    // Stored before the mode is checked, as the firmware does.
    socket.sendFlags = args.int32(3);
    if (mode === 2) return enterDataMode(deps, socket, ctx);
    if (mode !== 0 && mode !== 1) refuse(`mode ${mode}`);
    const data = readPayload(deps, args, 4, mode);
    return send(deps, socket, data, socket.sendFlags);
  });
}

function send(deps: SocketCommandDeps, socket: EmulatedSocket, data: Buffer, flags: number): Promise<Reply> {
  // A server without an accepted connection fails before the send: no #XSEND line.
  if (socket instanceof TcpSocket && socket.identity.role === 1 && !socket.hasAcceptedConnection) {
    refuse('no accepted connection');
  }
  return reportSend(deps, '#XSEND', socket, () => socket.send(data, flags));
}

function enterDataMode(deps: SocketCommandDeps, socket: EmulatedSocket, ctx: CommandContext): Reply {
  // Anything after <flags> is ignored at this firmware commit.
  const memory = deps.sendtoUrl;
  return enterSocketDataMode(deps, socket, ctx, deps.decisions.staleSendtoUrl ? () => memory.current : () => undefined);
}

/** `AT#XSEND=<handle>,"<data>"[,<flags>]`: the older syntax the #XAPOLL example uses (doc profile, E15). */
function sendExampleSyntax(deps: SocketCommandDeps, socket: EmulatedSocket, args: AtArgs): Promise<Reply> {
  const data = Buffer.from(args.string(2), 'latin1');
  const flags = args.count > 3 ? args.int32(3) : 0;
  return send(deps, socket, data, flags);
}
