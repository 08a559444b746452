// How #XSEND and #XSENDTO report a send (notes §4, E12): `<verb>: <h>,<sent>`, printed
// even when the send failed in the firmware profile, then OK only if everything went out.
// Any send re-arms POLLOUT, since the firmware re-arms right after printing the line.

import { PartialSendError, type EmulatedSocket } from '../sockets/emulated-socket.ts';
import { POLLOUT } from '../sockets/poll-events.ts';
import type { Reply } from '../types.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';

export async function reportSend(
  deps: SocketCommandDeps,
  verb: '#XSEND' | '#XSENDTO',
  socket: EmulatedSocket,
  attempt: () => Promise<number>,
): Promise<Reply> {
  let sent = 0;
  let failed = false;
  try {
    sent = await attempt();
  } catch (error) {
    failed = true;
    if (error instanceof PartialSendError) sent = error.sent;
  }
  const printLine = !failed || deps.decisions.sendLineOnFailure;
  deps.poll.rearm(socket, POLLOUT);
  return { parts: printLine ? [{ line: `${verb}: ${socket.handle},${sent}` }] : [], final: failed ? 'ERROR' : 'OK' };
}
