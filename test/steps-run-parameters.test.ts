import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readRunParameters } from '../steps/support/run-parameters.ts';

describe('readRunParameters', () => {
  it('defaults to the in-process emulator with the firmware profile', () => {
    assert.deepEqual(readRunParameters(undefined), {
      dut: 'emulator', rtscts: false, profile: 'firmware', strict: false, reports: 'reports', absentCapabilities: [], commandTimeoutMs: 5000,
      attachTimeoutS: 180, noAttach: false, reconnectSeconds: 10, lane: 0, sideLanes: 0,
    });
  });

  it('takes every setting of the run', () => {
    const given = {
      dut: 'serial:/dev/ttyACM0', baud: 1000000, rtscts: true, profile: 'doc', fault: 'silence', strict: true,
      peerHost: '192.0.2.10', deviceHost: '127.0.0.1', reports: 'out', absentCapabilities: ['dtls'], commandTimeoutMs: 2000,
      attachTimeoutS: 30, noAttach: true, emulatorAttachMs: 4000,
      reconnectSeconds: 3, stopFile: '/tmp/stop', lane: 2, sideLanes: 3,
    };
    assert.deepEqual(readRunParameters(given), given);
  });

  const invalid: [unknown, RegExp][] = [
    [[], /must be an object/],
    [{ dutt: 'emulator' }, /unknown world parameter 'dutt'/],
    [{ dut: 'usb:1' }, /is not a device/],
    [{ dut: '' }, /dut must be a non-empty string/],
    [{ baud: '115200' }, /baud must be an integer/],
    [{ baud: 0 }, /baud must be an integer/],
    [{ profile: 'spec' }, /profile must be firmware or doc/],
    [{ fault: 'explode' }, /fault 'explode' is not a fault profile/],
    [{ strict: 'yes' }, /strict must be true or false/],
    [{ absentCapabilities: 'dtls' }, /absentCapabilities must be a list/],
    [{ commandTimeoutMs: 1.5 }, /commandTimeoutMs must be an integer/],
    [{ reconnectSeconds: -1 }, /reconnectSeconds must be an integer/],
  ];
  for (const [given, message] of invalid) {
    it(`refuses ${JSON.stringify(given)} in one line`, () => {
      assert.throws(() => readRunParameters(given), (error: unknown) => {
        assert.match((error as Error).message, message);
        assert.doesNotMatch((error as Error).message, /\n/);
        return true;
      });
    });
  }
});
