// A tiny stand-in for a device behind a TCP exporter, for adapter and suite-plumbing tests
// only: answers `AT` with OK, the commands it is given with their answers, anything else
// with ERROR; optionally says `Ready` first, starts in data mode, or stays silent; a test
// can make it speak unasked.

import { createServer, type Server, type Socket } from 'node:net';

export interface FakeDeviceOptions {
  sayReady?: boolean;
  silent?: boolean;
  host?: '127.0.0.1' | '::1';
  /** Command line → the bytes answered (e.g. '\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n'). */
  answers?: Readonly<Record<string, string>>;
  /** Asked first, for a device with state of its own; undefined: `answers` decides. */
  answer?: (command: string) => string | undefined;
  /** Starts in data mode: every byte is payload until `+++`. */
  inDataMode?: boolean;
}

export interface FakeDevice {
  port: number;
  /** Every byte the device received, per connection. */
  received: Buffer[];
  /** Bytes to every connected host, unasked (a `Ready` after a crash). */
  say(bytes: string): void;
  close(): Promise<void>;
}

export async function startFakeDevice(options: FakeDeviceOptions = {}): Promise<FakeDevice> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const index = received.push(Buffer.alloc(0)) - 1;
    let line = '';
    let payload = options.inDataMode ? '' : undefined;
    if (options.sayReady) socket.write('Ready\r\n');
    socket.on('data', (bytes) => {
      received[index] = Buffer.concat([received[index]!, bytes]);
      if (options.silent) return;
      for (const char of bytes.toString('latin1')) {
        if (payload !== undefined) {
          payload += char;
          if (payload.endsWith('+++')) {
            payload = undefined;
            socket.write('\r\n#XDATAMODE: 0\r\n');
          }
          continue;
        }
        if (char !== '\r') { line += char; continue; }
        const command = line.replace(/^\n/, '');
        line = '';
        if (command === '') continue;
        socket.write(options.answer?.(command) ?? options.answers?.[command] ?? (command === 'AT' ? '\r\nOK\r\n' : '\r\nERROR\r\n'));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake device has no port');
  return {
    port: address.port,
    received,
    say: (bytes) => {
      for (const socket of sockets) socket.write(bytes);
    },
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
