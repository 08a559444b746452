// The DTLS 1.2 echo peer: one UDP socket per host; each remote address:port gets its own
// DTLS association (werift-dtls server) with the test server certificate. Application data
// is recorded and echoed; handshake records are not recorded.

import dgram from 'node:dgram';
import {
  abandonHandshake, datagramTransport, DtlsServer, ECDSA_SHA256, type DatagramTransport,
} from '../loopback/dtls-datagram-transport.ts';
import { closeDatagramSocket } from '../loopback/datagram-close.ts';
import { openDatagramSocket } from './datagram-peer.ts';
import { PeerRecord } from './peer-record.ts';
import { listenOnEveryHost, SourceNumbering, type Peer, type PeerOptions } from './peer.ts';

export interface DtlsPeerCredentials {
  certificate: string;
  key: string;
}

interface Association {
  transport: DatagramTransport;
  server: InstanceType<typeof DtlsServer>;
}

export async function startDtlsPeer(options: PeerOptions, credentials: DtlsPeerCredentials): Promise<Peer> {
  if (options.behaviour === 'close-after-echo') {
    throw new Error(`peer ${options.name}: a DTLS peer can only 'echo' or 'sink'`);
  }
  const record = new PeerRecord(options.name);
  const numbering = new SourceNumbering();
  const associations = new Map<string, Association>();

  const associationFor = (socket: dgram.Socket, from: dgram.RemoteInfo): Association => {
    const key = `${socket.address().port}|${from.address}|${from.port}`;
    const existing = associations.get(key);
    if (existing) return existing;
    const source = { address: from.address, port: from.port };
    const transport = datagramTransport(socket, source);
    const server = new DtlsServer({
      transport,
      cert: credentials.certificate,
      key: credentials.key,
      signatureHash: ECDSA_SHA256,
    });
    const connection = numbering.numberOf(from.address, from.port);
    server.onData.subscribe((data: Buffer) => {
      record.add(data, source, connection);
      if (options.behaviour === 'echo') void server.send(data).catch(() => undefined);
    });
    // A failed or abandoned handshake ends this association only; the next hello starts anew.
    const forget = () => {
      transport.closed = true;
      abandonHandshake(server);
      associations.delete(key);
    };
    server.onError.subscribe(forget);
    server.onClose.subscribe(forget);
    const association = { transport, server };
    associations.set(key, association);
    return association;
  };

  const { handles: sockets, endpoints } = await listenOnEveryHost(options.hosts, (host, opened) =>
    openDatagramSocket(host, options.name, opened,
      (socket, datagram, from) => associationFor(socket, from).transport.deliver(datagram), options.port ?? 0), closeDatagramSocket);

  return {
    name: options.name,
    transport: 'udp',
    endpoints,
    record,
    close: async () => {
      for (const association of associations.values()) {
        association.transport.closed = true;
        abandonHandshake(association.server);
      }
      associations.clear();
      await Promise.all(sockets.map(closeDatagramSocket));
    },
  };
}
