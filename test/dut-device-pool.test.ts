// Device pools (issue 11 item 3): `--dut` given several times, a `--pool` file (YAML or JSON,
// twister-hardware-map shaped), the worker → device binding and the run options around them.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deviceOfWorker, labgridPlacesOf, parsePool, poolParameters, readPoolFile } from '../src/dut/device-pool.ts';
import { parseRunOptions, worldParametersOf, type RunRequest } from '../src/cli/run-options.ts';
import { readRunParameters } from '../steps/support/run-parameters.ts';
import { UsageError } from '../src/blame/usage-error.ts';

const directory = mkdtempSync(join(tmpdir(), 'sm-pool-'));

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

function request(argv: string[]): RunRequest {
  const parsed = parseRunOptions(argv, directory);
  assert.notEqual(parsed, 'help');
  return parsed as RunRequest;
}

function refused(argv: string[], pattern: RegExp): void {
  assert.throws(() => parseRunOptions(argv, directory), (error: unknown) => error instanceof UsageError && pattern.test(error.message) && !error.message.includes('\n'));
}

describe('device pool', () => {
  it('reads a YAML pool file shaped like a twister hardware map', () => {
    const pool = readPoolFile(file('pool.yaml', [
      '- id: board-a',
      '  dut: serial:/dev/ttyACM0',
      '  baud: 921600',
      '  rtscts: true',
      '  reset: [at, "cmd:relay 3 cycle", "labgrid:pdu-rack-2"]',
      '  tags: [nrf9160dk, rack-2]',
      '- id: board-b',
      '  dut: tcp:127.0.0.1:4001',
      '  reset: {cmd: ./power-cycle b}',
    ].join('\n')));
    assert.deepEqual(pool, [
      { id: 'board-a', dut: 'serial:/dev/ttyACM0', spec: { adapter: 'serial', path: '/dev/ttyACM0' }, baud: 921600, rtscts: true,
        reset: [{ kind: 'at' }, { kind: 'cmd', command: 'relay 3 cycle' }, { kind: 'labgrid', place: 'pdu-rack-2' }], tags: ['nrf9160dk', 'rack-2'] },
      { id: 'board-b', dut: 'tcp:127.0.0.1:4001', spec: { adapter: 'tcp', host: '127.0.0.1', port: 4001 }, rtscts: false, reset: [{ kind: 'cmd', command: './power-cycle b' }], tags: [] },
    ]);
  });

  it('reads JSON too, and survives the trip through worldParameters', () => {
    const pool = readPoolFile(file('pool.json', JSON.stringify([{ id: 'a', dut: 'serial:/dev/ttyUSB0', reset: ['labgrid:lab-3'] }, { id: 'b', dut: 'emulator' }])));
    assert.deepEqual(parsePool(JSON.parse(JSON.stringify(poolParameters(pool))), 'round trip'), pool);
  });

  it('says what is wrong with a pool file in one line', () => {
    const cases: [string, RegExp][] = [
      ['[]', /expected a non-empty list of devices/],
      ['- dut: emulator', /device 1: id must be/],
      ['- {id: a}', /device 1 \(a\): dut must be a --dut value/],
      ['- {id: a, dut: usb:1}', /device 1 \(a\): --dut 'usb:1' is not a device/],
      ['- {id: a, dut: emulator, colour: red}', /unknown key 'colour'/],
      ['- {id: a, dut: "tcp:127.0.0.1:1", baud: 9600}', /baud is for a serial device/],
      ['- {id: a, dut: emulator, reset: [reboot]}', /reset: 'reboot' is not a rung \(at, cmd:<command> or labgrid\[:<place>\]\)/],
      ['- {id: a, dut: "serial:/dev/x", reset: [at, labgrid]}', /device 1 \(a\): reset: a labgrid rung of a device that is not a labgrid place names the place to power-cycle \(labgrid:<place>\)/],
      ['- {id: a, dut: emulator}\n- {id: a, dut: emulator}', /device 'a' appears twice/],
      ['- {id: a, dut: "serial:/dev/x"}\n- {id: b, dut: "serial:/dev/x"}', /device serial:\/dev\/x appears twice/],
      ['- {id: a, dut: [', /not YAML or JSON/],
    ];
    for (const [text, pattern] of cases) refused(['--pool', file('bad.yaml', text)], pattern);
    refused(['--pool', join(directory, 'missing.yaml')], /cannot read it \(ENOENT\)/);
  });

  it('takes several --dut as a pool; --parallel defaults to its size and may not exceed it', () => {
    const run = request(['--dut', 'serial:/dev/a', '--dut', 'serial:/dev/b', '--baud', '9600']);
    assert.equal(run.parallel, 2);
    assert.deepEqual(run.pool?.map((device) => [device.id, device.baud]), [['serial:/dev/a', 9600], ['serial:/dev/b', 9600]]);
    assert.equal(run.dut, 'serial:/dev/a');
    assert.equal(request(['--dut', 'emulator']).pool, undefined);
    refused(['--dut', 'serial:/dev/a', '--dut', 'serial:/dev/b', '--parallel', '3'], /--parallel 3 needs 3 devices, one per worker; the pool has 2/);
    refused(['--dut', 'serial:/dev/a', '--dut', 'serial:/dev/a'], /device 'serial:\/dev\/a' given twice with --dut/);
    refused(['--dut', 'serial:/dev/a', '--pool', 'p.yaml'], /not both/);
    refused(['--dut', 'serial:/dev/a', '--dut', 'serial:/dev/b', '--peer-host', '127.0.0.1'], /--peer-host takes one device per run, not a pool of 2/);
    refused(['--pool', file('one.yaml', '- {id: a, dut: "serial:/dev/a"}'), '--baud', '9600'], /per device, in the pool file/);
    assert.deepEqual(readRunParameters(worldParametersOf(run)).pool, run.pool);
  });

  it('a labgrid device without a ladder of its own power-cycles its place; `reset: []` turns that off; the run holds every place it drives', () => {
    const pool = parsePool([
      { id: 'a', dut: 'labgrid:nrf91-7' },
      { id: 'b', dut: 'labgrid:nrf91-8', reset: [] },
      { id: 'c', dut: 'serial:/dev/c', reset: ['at', 'labgrid:pdu-3', 'labgrid:nrf91-7'] },
      { id: 'd', dut: 'serial:/dev/d' },
    ], 'test');
    assert.deepEqual(pool.map((device) => device.reset), [[{ kind: 'labgrid' }], [], [{ kind: 'at' }, { kind: 'labgrid', place: 'pdu-3' }, { kind: 'labgrid', place: 'nrf91-7' }], []]);
    assert.deepEqual(labgridPlacesOf(pool), ['nrf91-7', 'nrf91-8', 'pdu-3']);
    assert.deepEqual(request(['--dut', 'labgrid:nrf91-7', '--dut', 'labgrid:nrf91-8']).pool?.map((device) => device.reset), [[{ kind: 'labgrid' }], [{ kind: 'labgrid' }]]);
    assert.deepEqual(parsePool(JSON.parse(JSON.stringify(poolParameters(pool))), 'round trip'), pool);
    const token = process.env.LG_TOKEN;
    delete process.env.LG_TOKEN;
    try {
      refused(['--pool', file('plus.yaml', '- {id: a, dut: "serial:/dev/a", reset: ["labgrid:+"]}')], /LG_TOKEN is not set/);
    } finally {
      if (token !== undefined) process.env.LG_TOKEN = token;
    }
  });

  it('binds worker n to pool entry n; a single emulator gives every worker its own', () => {
    const pool = parsePool([{ id: 'a', dut: 'serial:/dev/a' }, { id: 'b', dut: 'serial:/dev/b' }], 'test');
    assert.equal(deviceOfWorker(pool, undefined).id, 'a');
    assert.equal(deviceOfWorker(pool, '0').id, 'a');
    assert.equal(deviceOfWorker(pool, '1').id, 'b');
    assert.throws(() => deviceOfWorker(pool, '2'), /worker 2 has no device: the pool has 2/);
    const emulator = parsePool([{ id: 'emu', dut: 'emulator' }], 'test');
    assert.equal(deviceOfWorker(emulator, '3').id, 'emu');
  });

  it('reads --retry, --retry-tag-filter, --fail-on-flaky and --shard', () => {
    const run = request(['--retry', '2', '--retry-tag-filter', '@XSEND', '--fail-on-flaky', '--shard', '2/3']);
    assert.deepEqual([run.retry, run.retryTagFilter, run.failOnFlaky, run.shard], [2, '@XSEND', true, '2/3']);
    refused(['--retry-tag-filter', '@XSEND'], /give --retry N too/);
    refused(['--retry', 'x'], /--retry must be an integer from 0 to 10/);
    for (const shard of ['0/2', '3/2', '1', 'a/b']) refused(['--shard', shard], /--shard must be <index>\/<total>/);
  });
});
