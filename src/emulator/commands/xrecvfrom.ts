// #XRECVFROM: receive with the sender's device-visible address (notes §4 #XRECVFROM, §5).
// recvfrom runs on the socket itself: no TCP server redirect.

import type { CommandModule } from '../types.ts';
import { readReceiveRequest, receiveAndReport } from './receive-report.ts';
import { setOnlyCommand } from './set-only-command.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';

export function xrecvfromCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XRECVFROM', async (args) => {
    const socket = requireSocket(deps, args);
    const request = readReceiveRequest(socket, args);
    const transport = socket.transport === 'tcp' ? 'tcp' : 'udp';
    const family = socket.identity.family === 3 ? undefined : socket.identity.family;
    return receiveAndReport(
      deps,
      request,
      (timeoutMs) => socket.receiveFrom(request.dataLength, request.flags, timeoutMs),
      (received) => {
        const peer = received.from ? deps.network.deviceViewOf(received.from, transport, family) : { address: '', port: 0 };
        return `#XRECVFROM: ${socket.handle},${request.mode},${received.bytes.length},"${peer.address}",${peer.port}`;
      },
    );
  });
}
