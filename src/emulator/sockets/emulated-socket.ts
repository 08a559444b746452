// One entry of the socket table as the socket commands see it: what #XSOCKET/#XSSOCKET
// created (family, type, role, cid, security) plus the BSD operations the commands call.
// Each kind (TCP, UDP, DTLS, raw) implements only what its modem socket supports; the rest
// fails as the modem would, which the command turns into ERROR.

import type { LoopbackEndpoint } from '../types.ts';
import { SocketError } from './socket-error.ts';
import { SocketOptions } from './socket-options.ts';
import type { HandshakeFacts, SecureOptions } from './secure-options.ts';
import type { ReceiveOutcome, ReceiveQueue } from './receive-queue.ts';
import type { Destination } from './destination.ts';

/** #XSOCKET numbering: 1 IPv4, 2 IPv6, 3 packet (raw). */
export type SocketFamily = 1 | 2 | 3;
/** 1 stream, 2 datagram, 3 raw. */
export type SocketType = 1 | 2 | 3;

export interface SocketIdentity {
  family: SocketFamily;
  type: SocketType;
  /** Stored unvalidated in the firmware (E24): any uint16. */
  role: number;
  cid: number;
  /** Present for #XSSOCKET sockets only. */
  secure?: SecureOptions;
}

/** A connection #XACCEPT took: the printed descriptor and the device view of the peer. */
export interface AcceptedConnection {
  descriptor: number;
  remote: LoopbackEndpoint;
}

export interface ReceiveBacklog {
  queuedBytes: number;
  droppedDatagrams: number;
}

/** The backlog of a socket's receive queue. */
export function backlogOf(queue: ReceiveQueue): ReceiveBacklog {
  return { queuedBytes: queue.queuedByteCount, droppedDatagrams: queue.droppedDatagramCount };
}

export abstract class EmulatedSocket implements HandshakeFacts {
  readonly options = new SocketOptions();
  /** #XSEND/#XSENDTO store their flags here before the mode is validated (notes §4). */
  sendFlags = 0;
  private pollListener: (() => void) | undefined;

  constructor(readonly handle: number, readonly identity: SocketIdentity) {}

  /** 'tcp' or 'udp': how the network map routes this socket's destinations. */
  abstract readonly transport: 'tcp' | 'udp' | 'none';

  /** Current poll() condition as modem event bits (POLLIN, POLLOUT, POLLERR, POLLHUP). */
  abstract pollEvents(): number;

  /** Registers the single listener #XAPOLL uses to hear about readiness changes. */
  setPollListener(listener: (() => void) | undefined): void {
    this.pollListener = listener;
  }

  protected pollChanged(): void {
    this.pollListener?.();
  }

  /** Binds to the device's own address and `devicePort` (emulated on an ephemeral loopback port). */
  bind(devicePort: number): Promise<void> {
    return refuse('EOPNOTSUPP', `bind ${devicePort}`);
  }

  connect(to: LoopbackEndpoint): Promise<void> {
    return refuse('EOPNOTSUPP', `connect ${to.host}`);
  }

  listen(): Promise<void> {
    return refuse('EOPNOTSUPP', 'listen');
  }

  /**
   * Waits for a connection (timeoutMs 0: forever). A failed accept() makes the firmware
   * forget the connection it served so far; `timeoutFailsAccept` says whether a timeout is
   * accept()'s own (SO_RCVTIMEO) rather than that of the poll before it.
   */
  accept(timeoutMs: number, timeoutFailsAccept: boolean): Promise<AcceptedConnection> {
    return refuse('EOPNOTSUPP', `accept ${timeoutMs} ${timeoutFailsAccept}`);
  }

  /** Sends everything or throws; `sent` on the error says how much went out first. */
  send(bytes: Buffer, flags: number): Promise<number> {
    return refuse('EOPNOTSUPP', `send ${bytes.length} ${flags}`);
  }

  sendTo(bytes: Buffer, to: Destination, flags: number): Promise<number> {
    return refuse('EOPNOTSUPP', `sendto ${bytes.length} ${to.address} ${flags}`);
  }

  /** recv() on the socket, or for a TCP server on its accepted connection (notes §4 #XRECV). */
  receive(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    return refuse('EOPNOTSUPP', `recv ${maxBytes} ${flags} ${timeoutMs}`);
  }

  /** recvfrom() on the socket's own descriptor (no TCP server redirect). */
  receiveFrom(maxBytes: number, flags: number, timeoutMs: number): Promise<ReceiveOutcome> {
    return this.receive(maxBytes, flags, timeoutMs);
  }

  /** The device port #XBIND gave it (the real loopback port differs), when bound. */
  get devicePort(): number | undefined {
    return undefined;
  }

  /** The loopback address the emulated socket is really bound to, when it is. */
  localEndpoint(): LoopbackEndpoint | undefined {
    return undefined;
  }

  cipherSuite(): number | undefined {
    return undefined;
  }

  dtlsCidStatus(): number | undefined {
    return undefined;
  }

  /** Releases everything the socket holds; blocked receives and accepts fail. */
  /** What the socket holds for the host to read, and what it had to drop (bounded memory). */
  receiveBacklog(): ReceiveBacklog {
    return { queuedBytes: 0, droppedDatagrams: 0 };
  }

  abstract close(): Promise<void>;
}

async function refuse<T>(errno: string, detail: string): Promise<T> {
  throw new SocketError(errno, detail);
}

/** A failed send that got some bytes out first (the #XSEND line prints this count). */
export class PartialSendError extends SocketError {
  constructor(readonly sent: number, cause: SocketError) {
    super(cause.errno, cause.message);
  }
}
