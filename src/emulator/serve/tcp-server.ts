// Serves the emulator on a loopback TCP port, one client at a time. Each connection gets
// a fresh emulator (as if the device had just booted: it starts with `Ready`). A new
// connection takes over from the one before, which is closed: a client that vanished
// without closing (killed, unplugged) can never lock the port.

import { createServer, type AddressInfo, type Socket } from 'node:net';
import { createEmulator, type EmulatorOptions } from '../emulator.ts';
import { reserveServingEndpoint } from '../sockets/serving-endpoints.ts';
import { connectHost, type HostFlow } from './host-flow.ts';

export interface TcpServer {
  host: '127.0.0.1';
  port: number;
  /** The flow to the connected host (bytes queued each way), while one is connected. */
  readonly flow: HostFlow | undefined;
  close(): Promise<void>;
}

export async function serveTcp(port: number, options: EmulatorOptions = {}): Promise<TcpServer> {
  let active: { socket: Socket; flow: HostFlow; close: () => Promise<void> } | undefined;
  const server = createServer((socket) => {
    void active?.close();
    socket.setNoDelay(true);
    const emulator = createEmulator(options);
    const session = {
      socket,
      flow: connectHost(emulator, socket, socket),
      close: async () => {
        await emulator.close();
        socket.destroy();
      },
    };
    active = session;
    socket.on('error', () => undefined); // the client vanished; 'close' follows
    socket.on('close', () => {
      if (active === session) active = undefined;
      void emulator.close();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code === 'EADDRINUSE'
      ? `cannot serve on 127.0.0.1:${port}: the port is taken by another program`
      : `cannot serve on 127.0.0.1:${port}: ${error.message}`)));
    server.listen(port, '127.0.0.1', () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const servingPort = (server.address() as AddressInfo).port;
  const release = reserveServingEndpoint({ host: '127.0.0.1', port: servingPort });
  return {
    host: '127.0.0.1',
    port: servingPort,
    get flow() {
      return active?.flow;
    },
    async close() {
      await active?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      release();
    },
  };
}
