// UDP peers: one socket per host; every datagram recorded with its source and, for the
// echo behaviour, sent back to that source unchanged.

import dgram from 'node:dgram';
import net from 'node:net';
import { closeDatagramSocket } from '../loopback/datagram-close.ts';
import { PeerRecord } from './peer-record.ts';
import { listenOnEveryHost, SourceNumbering, type Peer, type PeerOptions } from './peer.ts';

export async function startDatagramPeer(options: PeerOptions): Promise<Peer> {
  if (options.behaviour === 'close-after-echo') {
    throw new Error(`peer ${options.name}: UDP has no connection to close; use 'echo' or 'sink'`);
  }
  const record = new PeerRecord(options.name);
  const numbering = new SourceNumbering();
  const { handles: sockets, endpoints } = await listenOnEveryHost(options.hosts, (host, opened) =>
    openDatagramSocket(host, options.name, opened, (socket, datagram, from) => {
      record.add(datagram, from, numbering.numberOf(from.address, from.port));
      if (options.behaviour === 'echo') socket.send(datagram, from.port, from.address);
    }, options.port ?? 0), closeDatagramSocket);
  return {
    name: options.name,
    transport: 'udp',
    endpoints,
    record,
    close: async () => {
      await Promise.all(sockets.map(closeDatagramSocket));
    },
  };
}

/** Binds a UDP socket on `host` (`port`, default ephemeral) that hands every datagram to `onMessage`; resolves with the port. */
export function openDatagramSocket(host: string, name: string, opened: (socket: dgram.Socket) => void,
  onMessage: (socket: dgram.Socket, datagram: Buffer, from: dgram.RemoteInfo) => void, port = 0): Promise<number> {
  const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  opened(socket);
  socket.on('message', (datagram, from) => onMessage(socket, datagram, from));
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`peer ${name} cannot bind on ${host}${port ? ` port ${port}` : ''}: ${error.message}`));
    socket.once('error', fail);
    socket.bind({ address: host, port }, () => {
      socket.off('error', fail);
      socket.on('error', () => undefined); // ICMP unreachable after the device closed: not our failure
      resolve(socket.address().port);
    });
  });
}

