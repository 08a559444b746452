// A small TCP proxy between `run --dut tcp:` and a served emulator, for the tests of what
// the harness does when the lab misbehaves: it counts the command lines the host sends and
// lets a test drop the link (and refuse new connections until it reopens), speak to the
// host as if the device had said something (a `Ready` it never sent), or leave out bytes.

import { createServer, Socket, type Server } from 'node:net';

export interface LinkFaultProxy {
  /** The --dut value that reaches the device through the proxy. */
  dut: string;
  /** From now on, calls `listener` with each command line the host sends and its number (from 1). */
  watchHostLines(listener: (line: string, count: number) => void): void;
  /** Closes the host's connection and stops listening: the port is gone until reopen(). */
  dropLink(): Promise<void>;
  /** Listens on the same port again. */
  reopen(): Promise<void>;
  /** Bytes to the host as if the device had sent them. */
  toHost(bytes: string): void;
  close(): Promise<void>;
}

export async function startLinkFaultProxy(target: { host: string; port: number }): Promise<LinkFaultProxy> {
  const pairs = new Set<{ host: Socket; device: Socket }>();
  let hostLines = 0;
  let line = '';
  let listening: Server | undefined;
  let onHostLine: (line: string, count: number) => void = () => undefined;
  // Below Linux's ephemeral range, so no outgoing connection holds the port while it is dropped.
  let port = 20_000 + Math.floor(Math.random() * 12_000);

  const accept = (host: Socket): void => {
    const device = new Socket();
    const pair = { host, device };
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      host.destroy();
      device.destroy();
    };
    host.on('error', end);
    device.on('error', end);
    host.on('close', end);
    device.on('close', end);
    device.connect(target.port, target.host);
    device.on('data', (bytes: Buffer) => { if (!host.destroyed) host.write(bytes); });
    host.on('data', (bytes: Buffer) => {
      if (!pairs.has(pair)) return;
      for (const char of bytes.toString('latin1')) {
        if (char !== '\r') { line += char; continue; }
        hostLines += 1;
        onHostLine(line.replace(/^\n/, ''), hostLines);
        line = '';
      }
      if (pairs.has(pair)) device.write(bytes);
    });
  };

  const listenOnce = (): Promise<void> => new Promise((resolve, reject) => {
    const server = createServer(accept);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      listening = server;
      resolve();
    });
  });
  const listen = async (): Promise<void> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await listenOnce();
        return;
      } catch (error) {
        // only the first listen may move to another port: later ones must keep the device's address
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 20 || listening !== undefined || proxyStarted) throw error;
        port = 20_000 + Math.floor(Math.random() * 12_000);
      }
    }
  };
  let proxyStarted = false;
  const stopListening = async (): Promise<void> => {
    const server = listening;
    listening = undefined;
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      pair.host.destroy();
      pair.device.destroy();
    }
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  await listen();
  proxyStarted = true;
  const proxy: LinkFaultProxy = {
    dut: `tcp:127.0.0.1:${port}`,
    watchHostLines(listener) {
      hostLines = 0;
      onHostLine = listener;
    },
    dropLink: stopListening,
    reopen: listen,
    toHost(bytes) {
      for (const pair of pairs) pair.host.write(bytes);
    },
    close: stopListening,
  };
  return proxy;
}
