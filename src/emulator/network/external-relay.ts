// The only way anything the emulator does can leave this machine: a relay the user asked
// for, one per destination listed under "external" in the network map, and only with the
// explicit allowExternal option. The emulator itself still talks to loopback only (the
// relay listens on 127.0.0.1); the relay forwards to exactly one real address:port.

import dgram from 'node:dgram';
import net from 'node:net';
import { closeDatagramSocket } from '../../loopback/datagram-close.ts';
import type { LoopbackEndpoint } from '../types.ts';
import type { Transport } from './network-map-definition.ts';

export interface ExternalRelay {
  /** Where the emulator connects/sends to reach the external destination. */
  readonly endpoint: LoopbackEndpoint;
  close(): Promise<void>;
}

export interface ExternalDestination {
  address: string;
  port: number;
  transport: Transport;
}

export function startExternalRelay(destination: ExternalDestination): Promise<ExternalRelay> {
  return destination.transport === 'tcp' ? startTcpRelay(destination) : startUdpRelay(destination);
}

async function startTcpRelay(destination: ExternalDestination): Promise<ExternalRelay> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = net.createServer((inbound) => {
    const outbound = net.connect({ host: destination.address, port: destination.port });
    track(inbound);
    track(outbound);
    inbound.pipe(outbound).pipe(inbound);
    // Either side failing ends both, as a failed connection would for the device.
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  return {
    endpoint: { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function startUdpRelay(destination: ExternalDestination): Promise<ExternalRelay> {
  const local = dgram.createSocket('udp4');
  // One upstream socket per device-side source, so replies find their way back.
  const upstreams = new Map<string, dgram.Socket>();
  local.on('error', () => undefined);
  local.on('message', (datagram, from) => {
    const key = `${from.address}|${from.port}`;
    let upstream = upstreams.get(key);
    if (!upstream) {
      upstream = dgram.createSocket(net.isIPv6(destination.address) ? 'udp6' : 'udp4');
      upstream.on('error', () => undefined);
      upstream.on('message', (reply) => local.send(reply, from.port, from.address));
      upstreams.set(key, upstream);
    }
    upstream.send(datagram, destination.port, destination.address);
  });
  await new Promise<void>((resolve, reject) => {
    local.once('error', reject);
    local.bind({ address: '127.0.0.1', port: 0 }, () => resolve());
  });
  return {
    endpoint: { host: '127.0.0.1', port: local.address().port },
    close: async () => {
      await Promise.all([...upstreams.values(), local].map(closeDatagramSocket));
    },
  };
}
