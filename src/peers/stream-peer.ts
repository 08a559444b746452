// TCP and TLS peers: one server per host, every connection recorded and answered according
// to the peer's behaviour. TLS differs only in how the server is made (see tls-peer.ts).

import net from 'node:net';
import { PeerRecord } from './peer-record.ts';
import { listenOnEveryHost, type Peer, type PeerOptions } from './peer.ts';

/** Makes a listening server that calls `onConnection` for every (TLS: handshaken) connection. */
export type StreamServerFactory = (onConnection: (socket: net.Socket) => void) => net.Server;

export const plainTcpServer: StreamServerFactory = (onConnection) => net.createServer(onConnection);

export async function startStreamPeer(options: PeerOptions, createServer: StreamServerFactory = plainTcpServer): Promise<Peer> {
  const record = new PeerRecord(options.name);
  const sockets = new Set<net.Socket>();

  const serve = (socket: net.Socket) => {
    const connection = record.openConnection();
    const source = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy()); // a reset by the device is normal, not a peer failure
    socket.on('data', (bytes: Buffer) => {
      record.add(bytes, source, connection);
      if (options.behaviour === 'sink') return;
      socket.write(bytes);
      if (options.behaviour === 'close-after-echo') socket.end();
    });
  };

  const { handles: servers, endpoints } = await listenOnEveryHost(options.hosts, (host, opened) => {
    const server = createServer(serve);
    opened(server);
    return listen(server, host, options.name, options.port ?? 0);
  }, closeServer);

  return {
    name: options.name,
    transport: 'tcp',
    endpoints,
    record,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map(closeServer));
    },
  };
}

function listen(server: net.Server, host: string, name: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`peer ${name} cannot listen on ${host}${port ? ` port ${port}` : ''}: ${error.message}`)));
    server.listen({ host, port }, () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}
