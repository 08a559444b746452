// A loopback TCP proxy between `run --dut tcp:` and a served device, for tests of what a
// lab's serial line does to the device's output: it passes the device's bytes one at a
// time, a few milliseconds apart (as a slow UART or an exporter does), and can add lines
// the device never meant to send (e.g. a URC after every OK).

import { connect, createServer, type Server, type Socket } from 'node:net';
import { seededRandom } from '../src/emulator/seeded-random.ts';

export interface TrickleProxyOptions {
  /** Where the device listens. */
  target: { host: string; port: number };
  /** Device bytes one at a time, each after 0..maxDelayMs ms (seeded); absent: as they come. */
  byteDelay?: { maxDelayMs: number; seed: number };
  /** Text sent right after every `OK\r\n` of the device. */
  afterOk?: string;
}

export interface TrickleProxy {
  /** The --dut value that reaches the device through the proxy. */
  dut: string;
  close(): Promise<void>;
}

const OK_LINE = 'OK\r\n';

export async function startTrickleProxy(options: TrickleProxyOptions): Promise<TrickleProxy> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const random = seededRandom(options.byteDelay?.seed ?? 1);
  const server: Server = createServer((host) => {
    const device = connect(options.target.port, options.target.host);
    for (const socket of [host, device]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => { sockets.delete(socket); host.destroy(); device.destroy(); });
    }
    host.on('data', (bytes) => device.write(bytes));
    // Device output waits in one queue, so the order of bytes is kept whatever the delays.
    const queue: number[] = [];
    let recent = '';
    let sending = false;
    const sendNext = (): void => {
      const byte = queue.shift();
      if (byte === undefined) { sending = false; return; }
      host.write(Buffer.from([byte]));
      const timer = setTimeout(() => { timers.delete(timer); sendNext(); }, Math.floor(random() * ((options.byteDelay?.maxDelayMs ?? 0) + 1)));
      timers.add(timer);
    };
    device.on('data', (bytes: Buffer) => {
      let out = bytes;
      if (options.afterOk !== undefined) {
        // An OK may be cut between chunks: look at the tail of what came before too.
        const text = recent + bytes.toString('latin1');
        let added = '';
        for (let at = text.indexOf(OK_LINE); at >= 0; at = text.indexOf(OK_LINE, at + 1)) if (at + OK_LINE.length > recent.length) added += options.afterOk;
        recent = text.slice(-(OK_LINE.length - 1));
        // Added after the chunk: enough for a device that writes each answer at once.
        out = Buffer.concat([bytes, Buffer.from(added, 'latin1')]);
      }
      if (!options.byteDelay) { host.write(out); return; }
      for (const byte of out) queue.push(byte);
      if (!sending) { sending = true; sendNext(); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    dut: `tcp:127.0.0.1:${address.port}`,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
