// What #XRECV and #XRECVFROM share (notes §4, §5): the parameters, RCVTIMEO overwritten by
// every call, one recv of at most <data_len> bytes, and the reply: header line, the raw
// payload (uppercase hex in mode 1), OK. Timeout → ERROR; 0 bytes or peer closed → OK only.

import type { EmulatedSocket } from '../sockets/emulated-socket.ts';
import { POLLIN } from '../sockets/poll-events.ts';
import type { ReceiveOutcome, Received } from '../sockets/receive-queue.ts';
import { SO_RCVTIMEO } from '../sockets/socket-options.ts';
import type { AtArgs, Reply } from '../types.ts';
import { refuse, requireOneOf } from './command-refusal.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';

const DEFAULT_DATA_LEN = 2048;

export interface ReceiveRequest {
  socket: EmulatedSocket;
  mode: 0 | 1;
  flags: number;
  /** Seconds; 0 blocks forever. */
  timeout: number;
  dataLength: number;
}

export function readReceiveRequest(socket: EmulatedSocket, args: AtArgs): ReceiveRequest {
  const mode = requireOneOf(args.uint16(2), [0, 1] as const, 'mode');
  const flags = args.int32(3);
  const timeout = args.int32(4);
  const dataLength = args.count > 5 ? args.int32(5) : DEFAULT_DATA_LEN;
  // The firmware compares unsigned, so negative lengths are "above 2048" too (-ENOBUFS).
  if (dataLength >>> 0 > DEFAULT_DATA_LEN) refuse(`data_len ${dataLength}`);
  return { socket, mode, flags, timeout, dataLength };
}

/**
 * Sets SO_RCVTIMEO (a negative value is refused by setsockopt) and runs the receive;
 * `timeoutMs` overrides the read's own bound (the TCP server bug).
 */
export async function receiveAndReport(
  deps: SocketCommandDeps,
  request: ReceiveRequest,
  receive: (timeoutMs: number) => Promise<ReceiveOutcome>,
  header: (received: Received) => string,
): Promise<Reply> {
  const { socket, mode, timeout } = request;
  socket.options.set(SO_RCVTIMEO, timeout);
  const outcome = await receive(socket.options.receiveTimeoutMs);
  // recv() returning 0 (peer closed, data_len 0, an empty datagram) prints no header.
  if (outcome.kind === 'nothing' || outcome.received.bytes.length === 0) return { parts: [], final: 'OK' };
  const { bytes } = outcome.received;
  deps.poll.rearm(socket, POLLIN);
  const payload = mode === 1 ? Buffer.from(bytes.toString('hex').toUpperCase(), 'latin1') : bytes;
  return { parts: [{ line: header(outcome.received) }, { raw: payload }], final: 'OK' };
}
