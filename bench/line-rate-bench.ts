// Line rate: the emulator served on a pty with lineRateBaud set, so that it takes and sends
// bytes no faster than a UART at that rate (8N1: baud/10 bytes/s), and the harness (AtRunner
// over SerialDut) pushing data through it.
//
//   data mode  AT#XSEND=<h>,2,0 on a TCP socket connected to the sink peer, then N payload
//              bytes in one write; timed from the write to the sink holding all N bytes. The
//              device sends its last buffer when the data-mode quiet time elapses (32 ms at
//              115200, 12 ms at 921600), so that time is inside the figure, as on a board.
//   #XRECV     a connection accepted by a device TCP server (#XBIND/#XLISTEN/#XACCEPT, then
//              #XRECV on the listening handle, as the firmware serves it), fed N
//              bytes over loopback by this process, then `AT#XRECV=<h>,0,0,1,2048` in a loop
//              until all N bytes are read; timed from the first command to the last OK. The
//              commands, headers and final codes cross the line too: they are the overhead.
//
// Share = payload bytes/s ÷ (baud/10).

import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtRunner } from '../src/at/at-runner.ts';
import { SerialDut } from '../src/dut/serial-dut.ts';
import { servePty, type PtyServer } from '../src/emulator/serve/pty-server.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { figure, type Figure } from './bench-figures.ts';

const SERVER_PORT = 3442;
/** The largest <data_len> #XRECV accepts (firmware-notes §4). */
const RECEIVE_CHUNK = 2048;
/** CONFIG_SM_DATAMODE_BUF_SIZE: sizes are whole buffers. */
const DATA_MODE_BUFFER = 4096;

/** Payload bytes that can never form the `+++` data-mode terminator. */
function payloadOf(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index++) bytes[index] = 0x41 + (index % 26);
  return bytes;
}

async function expectOk(runner: AtRunner, command: string, timeoutMs = 5000): Promise<string[]> {
  const response = await runner.send(command, { timeoutMs });
  if (response.final.code !== 'OK') throw new Error(`${command} answered ${response.raw.toString('latin1').trim()}`);
  return response.lines;
}

async function openedHandle(runner: AtRunner, command: string): Promise<number> {
  const lines = await expectOk(runner, command);
  const match = /^#XSOCKET: (\d+),/.exec(lines[0] ?? '');
  if (!match) throw new Error(`${command} gave no handle: ${lines.join(' | ')}`);
  return Number(match[1]);
}

interface Bench {
  server: PtyServer;
  dut: SerialDut;
  runner: AtRunner;
}

async function openBench(baud: number): Promise<{ bench: Bench; close: () => Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'sm-bench-rate-'));
  const server = await servePty(join(directory, 'device'), { lineRateBaud: baud });
  const dut = new SerialDut({ path: server.linkPath, baud });
  const runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 10_000 });
  return {
    bench: { server, dut, runner },
    close: async () => {
      runner.detach();
      await dut.close();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Seconds for `size` bytes through data mode to the sink peer. */
async function dataModeSeconds({ server, runner }: Bench, handle: number, size: number): Promise<number> {
  const parts = await server.emulator.ready();
  const sink = parts.peers!.peer('sink').record;
  sink.clear();
  await expectOk(runner, `AT#XSEND=${handle},2,0`);
  const timeoutMs = 60_000;
  const start = performance.now();
  await runner.writeRaw(payloadOf(size));
  await sink.waitForBytes(size, { timeoutMs });
  const seconds = (performance.now() - start) / 1000;
  await runner.writeRaw(Buffer.from('+++'));
  const exit = await runner.urc('#XDATAMODE', { timeoutMs: 5000 });
  if (exit.text !== '#XDATAMODE: 0') throw new Error(`data mode ended with ${exit.text}`);
  return seconds;
}

/** A connection accepted by a device TCP server, and this process's end of it. */
async function acceptedConnection({ server, runner }: Bench): Promise<{ handle: number; client: Socket }> {
  const listening = await openedHandle(runner, 'AT#XSOCKET=1,1,1');
  await expectOk(runner, `AT#XBIND=${listening},${SERVER_PORT}`);
  await expectOk(runner, `AT#XLISTEN=${listening}`);
  const parts = await server.emulator.ready();
  const endpoint = parts.sockets.sockets().find((socket) => socket.devicePort === SERVER_PORT)?.localEndpoint();
  if (!endpoint) throw new Error(`the device server on port ${SERVER_PORT} has no loopback endpoint`);
  const client = new Socket();
  await new Promise<void>((resolve, reject) => {
    client.once('error', reject);
    client.connect({ host: endpoint.host, port: endpoint.port }, () => resolve());
  });
  // #XRECV on the listening handle reads the connection it accepted (firmware-notes §4 #XACCEPT, E8)
  await expectOk(runner, `AT#XACCEPT=${listening},5`);
  return { handle: listening, client };
}

/** Seconds to read `size` bytes sent by `client` with #XRECV. */
async function receiveSeconds({ runner }: Bench, handle: number, client: Socket, size: number): Promise<number> {
  client.write(payloadOf(size));
  let received = 0;
  const start = performance.now();
  while (received < size) {
    const response = await runner.send(`AT#XRECV=${handle},0,0,1,${RECEIVE_CHUNK}`, { timeoutMs: 5000 });
    const payload = response.payloads[0];
    if (response.final.code !== 'OK' || !payload) throw new Error(`#XRECV answered ${response.raw.subarray(0, 80).toString('latin1')}`);
    received += payload.bytes.length;
  }
  return (performance.now() - start) / 1000;
}

export interface LineRateBenchOptions {
  bauds: readonly number[];
  runs: number;
  /** Seconds of line time each run transfers (the size is rounded to whole 4096-byte buffers). */
  seconds: number;
}

export async function lineRateBench(options: LineRateBenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const baud of options.bauds) {
    const lineBytesPerSecond = baud / 10;
    const size = Math.max(1, Math.round((options.seconds * lineBytesPerSecond) / DATA_MODE_BUFFER)) * DATA_MODE_BUFFER;
    const { bench, close } = await openBench(baud);
    const dataMode: number[] = [];
    const receive: number[] = [];
    try {
      const sending = await openedHandle(bench.runner, 'AT#XSOCKET=1,1,0');
      await expectOk(bench.runner, `AT#XCONNECT=${sending},"test.server.com",1236`);
      const { handle, client } = await acceptedConnection(bench);
      try {
        for (let run = 0; run < options.runs; run++) {
          dataMode.push(size / (await dataModeSeconds(bench, sending, size)));
          receive.push(size / (await receiveSeconds(bench, handle, client, size)));
        }
      } finally {
        client.destroy();
      }
    } finally {
      await close();
    }
    const share = (values: number[]): number[] => values.map((value) => (100 * value) / lineBytesPerSecond);
    const note = `${size} bytes per run; line rate ${lineBytesPerSecond} bytes/s`;
    const dataShare = share(dataMode);
    figures.push(
      figure('linerate', `data mode @${baud}`, 'bytes/s', dataMode, { note }),
      figure('linerate', `data mode @${baud} share of line`, '%', dataShare,
        baud === 115200 ? { aim: '≥ 95%', meetsAim: figure('', '', '', dataShare).median >= 95 } : {}),
      figure('linerate', `#XRECV @${baud}`, 'bytes/s', receive),
      figure('linerate', `#XRECV @${baud} share of line`, '%', share(receive)),
    );
  }
  return figures;
}
