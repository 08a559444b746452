import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EMULATOR_COMMAND_DEADLINE_MS, parseRunOptions, worldParametersOf, type RunRequest } from '../src/cli/run-options.ts';
import { readRunParameters } from '../steps/support/run-parameters.ts';
import { UsageError } from '../src/blame/usage-error.ts';
import { EMULATOR_SIDE_LANES } from '../src/cli/scenario-lanes.ts';

function request(argv: string[]): RunRequest {
  const parsed = parseRunOptions(argv, '/work/here');
  assert.notEqual(parsed, 'help');
  return parsed as RunRequest;
}

function refused(argv: string[], pattern: RegExp): void {
  assert.throws(() => parseRunOptions(argv, '/work/here'), (error: unknown) => error instanceof UsageError && pattern.test(error.message));
}

describe('sm-conformance run options', () => {
  it('defaults to the in-process emulator, firmware profile, one process, reports/ under the cwd', () => {
    assert.deepEqual(request([]), { dut: 'emulator', dutSpec: { adapter: 'emulator' }, profile: 'firmware', rtscts: false, strict: false, parallel: 0, sideLanes: EMULATOR_SIDE_LANES, reconnectSeconds: 10, reports: '/work/here/reports', attachTimeoutS: 180, noAttach: false });
  });

  it('reads every option of the contract', () => {
    assert.deepEqual(request(['--dut', 'serial:/dev/ttyACM0', '--baud', '921600', '--rtscts', '--profile', 'doc', '--tags', '@XSEND and @set', '--strict', '--peer-host', '::1', '--device-host', '127.0.0.1', '--reconnect', '30', '--reports', 'out', '--attach-timeout', '600', '--no-attach']), {
      dut: 'serial:/dev/ttyACM0', dutSpec: { adapter: 'serial', path: '/dev/ttyACM0' }, baud: 921600, rtscts: true, profile: 'doc', tags: '@XSEND and @set',
      strict: true, parallel: 0, sideLanes: 0, reconnectSeconds: 30, peerHost: '::1', deviceHost: '127.0.0.1', reports: '/work/here/out', attachTimeoutS: 600, noAttach: true,
    });
    assert.equal(request(['--fault', 'never-attach', '--emulator-attach-time', '5000']).emulatorAttachMs, 5000);
    assert.equal(request(['--fault', 'silence', '--parallel', '4']).fault, 'silence');
    assert.equal(request(['--order', 'random:42']).order, 'random:42');
    // side lanes are for the in-process emulator without a fault (its seeded faults fall on one emulator's lines)
    assert.equal(request(['--fault', 'flaky']).sideLanes, 0);
    assert.equal(request(['--parallel', '2']).sideLanes, 0);
    assert.equal(request(['--order', 'defined']).order, 'defined');
    assert.equal(parseRunOptions(['--help']), 'help');
  });

  it('refuses options that make no sense for the device, in one line', () => {
    refused(['--verbose'], /^unknown option --verbose$/);
    refused(['extra'], /unexpected argument 'extra'/);
    refused(['--dut', 'usb:1'], /is not a device/);
    refused(['--profile', 'lab'], /unknown profile 'lab' \(--profile is one of: firmware, doc\)/);
    refused(['--fault', 'gremlins'], /unknown fault 'gremlins'/);
    refused(['--dut', 'tcp:127.0.0.1:2000', '--fault', 'silence'], /--fault breaks the built-in emulator/);
    refused(['--baud', '115200'], /--baud is for a serial line/);
    refused(['--rtscts'], /--rtscts is for a serial line/);
    refused(['--dut', 'tcp:127.0.0.1:2000', '--baud', '9600'], /--baud is for a serial line/);
    refused(['--dut', 'rfc2217://127.0.0.1:2000?dtr=1'], /unknown option 'dtr=1'/);
    refused(['--dut', 'serial:/dev/ttyACM0', '--parallel', '2'], /a board is one device/);
    refused(['--peer-host', '127.0.0.1'], /--peer-host is for a real board/);
    refused(['--dut', 'serial:/dev/ttyACM0', '--peer-host', 'lab-host'], /must be an IP address of this machine/);
    refused(['--dut', 'serial:/dev/ttyACM0', '--peer-host', '192.0.2.77'], /192\.0\.2\.77 is not an address of this machine/);
    refused(['--device-host', '127.0.0.1'], /--device-host is for a device outside this process/);
    refused(['--dut', 'tcp:127.0.0.1:2000', '--device-host', '192.0.2.77'], /--device-host must be 127\.0\.0\.1 or ::1/);
    // the peers take the spec's ports (1234 …) of the peer host, and the device's servers are asked for them too
    refused(['--dut', 'tcp:127.0.0.1:2000', '--peer-host', '127.0.0.1', '--device-host', '127.0.0.1'], /^--peer-host and --device-host are both 127\.0\.0\.1: the peers take the spec's ports there/);
    refused(['--parallel', 'many'], /--parallel must be an integer/);
    refused(['--reconnect', '5'], /--reconnect is for a device outside this process/);
    refused(['--dut', 'tcp:127.0.0.1:2000', '--reconnect', 'soon'], /--reconnect must be an integer from 0 to 3600/);
    refused(['--order', 'shuffled'], /--order must be defined, random or random:<seed>, not 'shuffled'/);
    refused(['--attach-timeout', '-1'], /--attach-timeout must be an integer/);
    refused(['--dut', 'tcp:127.0.0.1:2000', '--emulator-attach-time', '5000'], /--emulator-attach-time sets the built-in emulator's attach time/);
  });

  it('takes --baud and --rtscts for a serial line behind RFC 2217 or a labgrid place', () => {
    assert.equal(request(['--dut', 'rfc2217://127.0.0.1:2000', '--baud', '921600', '--rtscts']).baud, 921600);
    assert.equal(request(['--dut', 'labgrid:nrf91-7', '--baud', '9600']).baud, 9600);
  });

  it('refuses labgrid:+ without LG_TOKEN, in one line', () => {
    const token = process.env.LG_TOKEN;
    delete process.env.LG_TOKEN;
    try {
      refused(['--dut', 'labgrid:+'], /labgrid:\+ is the place reserved under LG_TOKEN, and LG_TOKEN is not set/);
    } finally {
      if (token !== undefined) process.env.LG_TOKEN = token;
    }
  });

  it('hands the run to the suite as world parameters the suite accepts', () => {
    assert.equal(worldParametersOf(request([])).sideLanes, EMULATOR_SIDE_LANES);
    const emulator = worldParametersOf(request(['--profile', 'doc', '--fault', 'late-response', '--strict']));
    assert.deepEqual(emulator, { dut: 'emulator', profile: 'doc', strict: true, rtscts: false, commandTimeoutMs: EMULATOR_COMMAND_DEADLINE_MS, fault: 'late-response', attachTimeoutS: 180, noAttach: false, reconnectSeconds: 10 });
    // under the 3 s of fault late-response, so a late answer FAILs
    assert.ok(EMULATOR_COMMAND_DEADLINE_MS < 3000);
    const board = worldParametersOf(request(['--dut', 'serial:/dev/ttyACM0', '--baud', '9600', '--peer-host', '::1', '--device-host', '127.0.0.1']));
    assert.deepEqual(readRunParameters({ ...board, reports: 'r' }), {
      dut: 'serial:/dev/ttyACM0', baud: 9600, rtscts: false, profile: 'firmware', strict: false, peerHost: '::1', deviceHost: '127.0.0.1', reports: 'r', absentCapabilities: [], commandTimeoutMs: 5000,
      attachTimeoutS: 180, noAttach: false, reconnectSeconds: 10, lane: 0, sideLanes: 0,
    });
  });
});
