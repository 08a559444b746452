// labgrid places: reading `labgrid-client env`, driving labgrid-client (the stand-in speaks
// its interface: output, errors, exit codes), and a LabgridDut that finds the board's console
// where the place says, again after a power cycle moved ser2net to another port.

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtRunner } from '../src/at/at-runner.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { DutUnavailableError } from '../src/dut/dut.ts';
import { LabgridDut } from '../src/dut/labgrid-dut.ts';
import { serialPortOfEnvironment } from '../src/dut/labgrid/labgrid-env.ts';
import { LabgridError, LabgridPlace } from '../src/dut/labgrid/labgrid-place.ts';
import { servePty, type PtyServer } from '../src/emulator/serve/pty-server.ts';
import { installLabgridStandIn, type LabgridStandIn } from './labgrid-stand-in.ts';
import { SER2NET_AVAILABLE, startSer2net, type Exporter } from './lab-exporters.ts';

const ENV = `targets:
  board-7:
    resources:
    - RemotePlace:
        name: board-7
    - name: console
      NetworkSerialPort:
        host: lab-host-3
        port: 2007
        speed: 921600
        protocol: rfc2217
    - NetworkPowerPort:
        model: gude
        host: pdu-1
        index: '7'
`;

describe('labgrid-client env', () => {
  it('gives the place\'s NetworkSerialPort: host, port, speed, protocol', () => {
    assert.deepEqual(serialPortOfEnvironment(ENV, 'board-7'), { host: 'lab-host-3', port: 2007, speed: 921600, protocol: 'rfc2217' });
  });

  it('RFC 2217 and 115200 unless said otherwise; raw when protocol: raw', () => {
    const env = (args: string): string => `targets:\n  b:\n    resources:\n    - NetworkSerialPort:\n${args}`;
    assert.deepEqual(serialPortOfEnvironment(env('        host: h\n        port: 1\n'), 'b'), { host: 'h', port: 1, speed: 115200, protocol: 'rfc2217' });
    assert.equal(serialPortOfEnvironment(env('        host: h\n        port: 1\n        protocol: raw\n'), 'b').protocol, 'raw');
  });

  it('labgrid:+ takes the one target labgrid-client expanded the token to', () => {
    assert.equal(serialPortOfEnvironment(ENV, '+').port, 2007);
  });

  const broken: [string, string, RegExp][] = [
    ['no YAML', 'targets: [', /printed no YAML/],
    ['no target', 'targets: {}\n', /lists no target/],
    ['another place', ENV.replace('board-7:', 'board-8:\n    resources: []\n  board-9:'), /lists targets board-8, board-9 but not board-7/],
    ['no serial port', 'targets:\n  board-7:\n    resources:\n    - NetworkPowerPort: {host: p}\n', /has no NetworkSerialPort/],
    ['no port', 'targets:\n  board-7:\n    resources:\n    - NetworkSerialPort: {host: h}\n', /no valid port/],
    ['unknown protocol', 'targets:\n  board-7:\n    resources:\n    - NetworkSerialPort: {host: h, port: 2, protocol: ssh}\n', /speaks 'ssh'/],
  ];
  for (const [label, text, message] of broken) {
    it(`says what is wrong in one line: ${label}`, () => {
      assert.throws(() => serialPortOfEnvironment(text, 'board-7'), (error: Error) => message.test(error.message) && !error.message.includes('\n'));
    });
  }
});

describe('LabgridPlace through labgrid-client', () => {
  let standIn: LabgridStandIn;
  afterEach(() => standIn?.remove());

  it('acquire, env, power cycle, release: the commands labgrid documents, in order', async () => {
    standIn = installLabgridStandIn({ 'board-7': { host: '127.0.0.1', port: 2007, port_after_power_cycle: 3007 } });
    const place = new LabgridPlace('board-7');
    await place.acquire();
    assert.equal((await place.serialPort()).port, 2007);
    await place.powerCycle();
    assert.equal((await place.serialPort()).port, 3007, 'looked up again after the power cycle');
    await place.release();
    assert.deepEqual(standIn.calls(), ['-p board-7 acquire', '-p board-7 env', '-p board-7 power cycle', '-p board-7 env', '-p board-7 release']);
    await place.release();
    assert.equal(standIn.calls().length, 5, 'a released place is not released twice');
  });

  it('a place someone else holds is one clear error, and is not released by us', async () => {
    standIn = installLabgridStandIn({ 'board-7': { host: '127.0.0.1', port: 2007, acquired: 'ci-7/jenkins' } });
    const place = new LabgridPlace('board-7');
    await assert.rejects(place.acquire(), (error: Error) => error instanceof LabgridError
      && error.message === 'labgrid-client -p board-7 acquire failed (exit 1): labgrid-client: error: place board-7 is not idle (acquired by ci-7/jenkins)');
    await place.release();
    assert.deepEqual(standIn.calls(), ['-p board-7 acquire']);
  });

  it('labgrid:+ is the place reserved under LG_TOKEN', async () => {
    standIn = installLabgridStandIn({ 'board-7': { host: '127.0.0.1', port: 2007 }, 'board-8': { host: '127.0.0.1', port: 2008, reservation: 'ABC123' } });
    const token = process.env.LG_TOKEN;
    process.env.LG_TOKEN = 'ABC123';
    try {
      const place = new LabgridPlace('+');
      await place.acquire();
      assert.equal((await place.serialPort()).port, 2008);
      await place.release();
      assert.equal(standIn.places()['board-8']!.acquired, null);
    } finally {
      if (token === undefined) delete process.env.LG_TOKEN;
      else process.env.LG_TOKEN = token;
    }
  });

  it('an exit without release (a signal, exitNow) still releases the place', async () => {
    standIn = installLabgridStandIn({ 'board-7': { host: '127.0.0.1', port: 2007 } });
    const place = new LabgridPlace('board-7');
    await place.acquire();
    process.emit('exit', 130);
    assert.equal(standIn.places()['board-7']!.acquired, null);
    assert.deepEqual(standIn.calls(), ['-p board-7 acquire', '-p board-7 release']);
  });

  it('no labgrid-client on PATH is one line saying how to get it', async () => {
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'sm-empty-path-'));
    try {
      await assert.rejects(new LabgridPlace('board-7').acquire(), /labgrid-client is not on PATH .*pip install labgrid/);
    } finally {
      rmSync(process.env.PATH, { recursive: true, force: true });
      process.env.PATH = path;
    }
  });
});

describe('LabgridDut: the board\'s console where the place says', { skip: SER2NET_AVAILABLE ? false : 'ser2net is not installed' }, () => {
  let directory: string;
  let pty: PtyServer;
  let first: Exporter;
  let second: Exporter;
  let standIn: LabgridStandIn;

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sm-labgrid-dut-'));
    pty = await servePty(join(directory, 'board'));
    first = await startSer2net(pty.linkPath, 'rfc2217');
    second = await startSer2net(pty.linkPath, 'rfc2217');
  });
  after(async () => {
    standIn?.remove();
    await first?.close();
    await second?.close();
    await pty?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('connects over RFC 2217 at the place\'s speed, and after a power cycle finds ser2net on its new port', async () => {
    standIn = installLabgridStandIn({ 'board-7': { host: '127.0.0.1', port: first.port, speed: 57600, port_after_power_cycle: second.port, protocol: 'rfc2217' } });
    const place = new LabgridPlace('board-7');
    await place.acquire();
    const dut = new LabgridDut({ place });
    try {
      let runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 3000 });
      assert.equal((await runner.send('AT')).final.code, 'OK');
      runner.detach();
      assert.deepEqual(dut.describe(), { adapter: 'labgrid', target: `board-7 (rfc2217://127.0.0.1:${first.port})`, baud: 57600, flowControl: 'none' });
      await place.powerCycle();
      await dut.close();
      runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 3000 });
      assert.equal((await runner.send('AT')).final.code, 'OK');
      runner.detach();
      assert.equal(dut.describe().target, `board-7 (rfc2217://127.0.0.1:${second.port})`);
    } finally {
      await dut.close();
      await place.release();
    }
  });

  it('a place whose env has no serial console cannot be opened: one line', async () => {
    standIn?.remove();
    standIn = installLabgridStandIn({ 'board-9': { host: '127.0.0.1', port: 0 } });
    const place = new LabgridPlace('board-9');
    await place.acquire();
    try {
      await assert.rejects(new LabgridDut({ place }).open(), (error: Error) => error instanceof DutUnavailableError && /labgrid place board-9: .*no valid port/.test(error.message));
    } finally {
      await place.release();
    }
  });
});
