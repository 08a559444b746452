// Round trip: the latency of `AT#XSOCKET?` with no socket open (the answer is a bare
// `\r\nOK\r\n`) through three transports, by the harness (AtRunner over the Dut adapters
// the suite uses) and by a raw loop with no harness code (the floor): it writes the
// command on the transport's own API and reads until `OK\r\n`. The emulator runs in this
// process for every transport (served on a pty through its python bridge, or on a loopback
// TCP port), so harness and floor meet exactly the same device.

import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { AtRunner } from '../src/at/at-runner.ts';
import type { ByteLink } from '../src/at/link.ts';
import type { Dut } from '../src/dut/dut.ts';
import { EmulatorDut } from '../src/dut/emulator-dut.ts';
import { SerialDut } from '../src/dut/serial-dut.ts';
import { TcpDut } from '../src/dut/tcp-dut.ts';
import { servePty } from '../src/emulator/serve/pty-server.ts';
import { serveTcp } from '../src/emulator/serve/tcp-server.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { figure, quantile, type Figure } from './bench-figures.ts';

const COMMAND = 'AT#XSOCKET?';
const COMMAND_BYTES = Buffer.from(`${COMMAND}\r`, 'latin1');
const FINAL = 'OK\r\n';

/** Sends one command and resolves once its final code has arrived. */
type RoundTrip = () => Promise<void>;

interface Driver {
  roundTrip: RoundTrip;
  close(): Promise<void>;
}

/** Round-trip times in µs of `count` commands after `warmup` unmeasured ones. */
async function latencies(roundTrip: RoundTrip, count: number, warmup: number): Promise<number[]> {
  for (let index = 0; index < warmup; index++) await roundTrip();
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    await roundTrip();
    times.push((performance.now() - start) * 1000);
  }
  return times;
}

async function harnessDriver(dut: Dut): Promise<Driver> {
  const link = await dut.open();
  const runner = new AtRunner(link, { payloadRule, timeoutMs: 5000 });
  return {
    roundTrip: async () => {
      const response = await runner.send(COMMAND);
      if (response.final.code !== 'OK' || response.lines.length > 0) throw new Error(`${COMMAND} answered ${response.raw.toString('latin1')}`);
    },
    close: async () => { runner.detach(); await dut.close(); },
  };
}

/** The floor: write, then collect bytes as latin1 text until they end in OK\r\n. */
function rawDriver(write: (bytes: Buffer) => void, subscribe: (listener: (bytes: Buffer) => void) => void, close: () => Promise<void>): Driver {
  let received = '';
  let done: (() => void) | undefined;
  subscribe((bytes) => {
    received += bytes.toString('latin1');
    if (done && received.endsWith(FINAL)) {
      const finish = done;
      done = undefined;
      finish();
    }
  });
  return {
    roundTrip: () => new Promise<void>((resolve) => {
      received = '';
      done = resolve;
      write(COMMAND_BYTES);
    }),
    close,
  };
}

/** Waits until the device answers, dropping whatever it said first (`Ready`). */
async function settled(driver: Driver): Promise<Driver> {
  await driver.roundTrip();
  return driver;
}

function linkRawDriver(link: ByteLink, close: () => Promise<void>): Driver {
  return rawDriver((bytes) => void link.write(bytes), (listener) => link.onData(listener), close);
}

async function serialRawDriver(path: string): Promise<Driver> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  return settled(rawDriver((bytes) => port.write(bytes), (listener) => port.on('data', listener),
    () => new Promise<void>((resolve) => port.close(() => resolve()))));
}

async function tcpRawDriver(port: number): Promise<Driver> {
  const socket = new Socket();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect({ host: '127.0.0.1', port }, () => resolve());
  });
  socket.setNoDelay(true);
  return settled(rawDriver((bytes) => socket.write(bytes), (listener) => socket.on('data', listener),
    () => new Promise<void>((resolve) => { socket.once('close', () => resolve()); socket.destroy(); })));
}

export type Transport = 'in-process' | 'pty' | 'tcp';

interface Target {
  harness(): Promise<Driver>;
  floor(): Promise<Driver>;
  close(): Promise<void>;
}

async function targetOf(transport: Transport): Promise<Target> {
  if (transport === 'in-process') {
    return {
      harness: () => harnessDriver(new EmulatorDut()),
      floor: async () => {
        const dut = new EmulatorDut();
        return settled(linkRawDriver(await dut.open(), () => dut.close()));
      },
      close: async () => undefined,
    };
  }
  if (transport === 'pty') {
    const directory = mkdtempSync(join(tmpdir(), 'sm-bench-pty-'));
    const server = await servePty(join(directory, 'device'));
    return {
      harness: () => harnessDriver(new SerialDut({ path: server.linkPath })),
      floor: () => serialRawDriver(server.linkPath),
      close: async () => { await server.close(); rmSync(directory, { recursive: true, force: true }); },
    };
  }
  const server = await serveTcp(0);
  return {
    harness: () => harnessDriver(new TcpDut({ host: server.host, port: server.port })),
    floor: () => tcpRawDriver(server.port),
    close: () => server.close(),
  };
}

export interface RoundTripBenchOptions {
  transports: readonly Transport[];
  runs: number;
  /** Commands measured per run. */
  count: number;
}

async function measured(open: () => Promise<Driver>, count: number): Promise<number[]> {
  const driver = await open();
  try {
    return await latencies(driver.roundTrip, count, Math.min(200, count));
  } finally {
    await driver.close();
  }
}

export async function roundTripBench(options: RoundTripBenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const transport of options.transports) {
    const target = await targetOf(transport);
    const runs = { harness: { p50: [] as number[], p99: [] as number[] }, floor: { p50: [] as number[], p99: [] as number[] } };
    const ratios: number[] = [];
    try {
      for (let run = 0; run < options.runs; run++) {
        // harness and floor alternate within a run so that drifts of the machine hit both
        const harness = await measured(() => target.harness(), options.count);
        const floor = await measured(() => target.floor(), options.count);
        runs.harness.p50.push(quantile(harness, 0.5));
        runs.harness.p99.push(quantile(harness, 0.99));
        runs.floor.p50.push(quantile(floor, 0.5));
        runs.floor.p99.push(quantile(floor, 0.99));
        ratios.push(quantile(harness, 0.5) / quantile(floor, 0.5));
      }
    } finally {
      await target.close();
    }
    const note = `${options.count} commands per run after 200 unmeasured`;
    figures.push(
      figure('roundtrip', `${transport} harness p50`, 'µs', runs.harness.p50, { note }),
      figure('roundtrip', `${transport} harness p99`, 'µs', runs.harness.p99),
      figure('roundtrip', `${transport} raw floor p50`, 'µs', runs.floor.p50),
      figure('roundtrip', `${transport} raw floor p99`, 'µs', runs.floor.p99),
      figure('roundtrip', `${transport} harness / floor (p50)`, '×', ratios,
        transport === 'pty' ? { aim: '≤ 2×', meetsAim: quantile(ratios, 0.5) <= 2 } : {}),
    );
  }
  return figures;
}
