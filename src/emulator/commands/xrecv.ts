// #XRECV: receive on a socket, a TCP server's on its accepted connection (notes §4 #XRECV, §5).

import { TcpSocket } from '../sockets/tcp-socket.ts';
import type { AtArgs, CommandModule, Reply } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { readReceiveRequest, receiveAndReport, type ReceiveRequest } from './receive-report.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';
import type { EmulatedSocket } from '../sockets/emulated-socket.ts';

export function xrecvCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XRECV', async (args) => {
    const socket = requireSocket(deps, args);
    if (deps.decisions.exampleSendReceiveSyntax && args.count === 3) return receiveExampleSyntax(deps, socket, args);
    const request = readReceiveRequest(socket, args);
    const servesAccepted = socket instanceof TcpSocket && socket.identity.role === 1;
    // Checked before SO_RCVTIMEO is touched, as the firmware does.
    if (servesAccepted && !socket.hasAcceptedConnection) refuse('no accepted connection');
    return receiveAndReport(
      deps,
      request,
      // Firmware bug: the timeout went to the listening socket; the accepted one keeps 0 (forever).
      (timeoutMs) => socket.receive(request.dataLength, request.flags,
        servesAccepted && deps.decisions.serverReceiveIgnoresTimeout ? 0 : timeoutMs),
      (received) => `#XRECV: ${socket.handle},${request.mode},${received.bytes.length}`,
    );
  });
}

/** `AT#XRECV=<handle>,<timeout>` with header `#XRECV: <handle>,<size>`: the #XAPOLL example's older syntax (doc, E16/E17). */
function receiveExampleSyntax(deps: SocketCommandDeps, socket: EmulatedSocket, args: AtArgs): Promise<Reply> {
  const request: ReceiveRequest = { socket, mode: 0, flags: 0, timeout: args.int32(2), dataLength: 2048 };
  return receiveAndReport(
    deps,
    request,
    (timeoutMs) => socket.receive(request.dataLength, 0, timeoutMs),
    (received) => `#XRECV: ${socket.handle},${received.bytes.length}`,
  );
}
