// werift-dtls runs one DTLS association over an abstract "transport". This adapter makes a
// transport for one remote address:port on a dgram socket that we own, so one socket can
// carry several associations (the echo peer) and closing an association never closes a
// socket that others share. It is also the single place that imports werift-dtls.

import type dgram from 'node:dgram';
import { createRequire } from 'node:module';
import type { Transport } from 'werift-dtls/lib/common/src/transport.js';
import type * as WeriftDtls from 'werift-dtls/lib/dtls/src/index.js';

// The package's "main" names a file it does not ship, so its entry is loaded by path.
const weriftDtls = createRequire(import.meta.url)('werift-dtls/lib/dtls/src/index.js') as typeof WeriftDtls;

export const { DtlsClient, DtlsServer } = weriftDtls;
export type DtlsAssociation = InstanceType<typeof DtlsClient> | InstanceType<typeof DtlsServer>;

/** The signature algorithm of our EC P-256 test certificates (ECDSA with SHA-256), in werift's numbers. */
export const ECDSA_SHA256 = { hash: 4, signature: 3 } as const;

export interface DatagramTransport extends Transport {
  /** Hands a datagram that arrived from the remote to the association. */
  deliver(datagram: Buffer): void;
}

export function datagramTransport(socket: dgram.Socket, remote: { address: string; port: number }): DatagramTransport {
  const transport: DatagramTransport = {
    type: 'udp',
    closed: false,
    get address() {
      return socket.address();
    },
    onData: () => undefined,
    async send(datagram: Buffer) {
      // werift keeps retransmitting a handshake flight for a while after we gave up on it.
      if (transport.closed) return;
      socket.send(datagram, remote.port, remote.address);
    },
    async close() {
      transport.closed = true;
    },
    deliver(datagram: Buffer) {
      if (!transport.closed) transport.onData(datagram, [remote.address, remote.port]);
    },
  };
  return transport;
}

/**
 * Stops werift from retransmitting a handshake flight we gave up on. Its retransmission
 * loop (up to 10 tries over about 30 s, on timers that keep the process alive) ends as soon
 * as it sees the association past the flight it waits for, so we say it is.
 */
export function abandonHandshake(association: DtlsAssociation): void {
  association.dtls.flight = Number.MAX_SAFE_INTEGER;
}
