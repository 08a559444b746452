import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { preflightDut } from '../src/dut/preflight.ts';
import { DutUnavailableError } from '../src/dut/dut.ts';
import { startFakeDevice } from './dut-fake-device.ts';

const FAST = { readyWindowMs: 20, probeTimeoutMs: 100, probeAttempts: 1 };

describe('preflightDut', () => {
  it('opens and closes a device that answers, and describes it', async () => {
    const device = await startFakeDevice();
    try {
      assert.deepEqual(await preflightDut({ adapter: 'tcp', host: '127.0.0.1', port: device.port }, { readiness: FAST }), { adapter: 'tcp', target: `127.0.0.1:${device.port}` });
      // closed again: the exporter takes the next connection (the workers')
      assert.deepEqual(await preflightDut({ adapter: 'tcp', host: '127.0.0.1', port: device.port }, { readiness: FAST }), { adapter: 'tcp', target: `127.0.0.1:${device.port}` });
    } finally {
      await device.close();
    }
  });

  it('passes on the one-line error of a device that cannot be used', async () => {
    await assert.rejects(preflightDut({ adapter: 'serial', path: '/dev/ttySM-CONFORMANCE-NONE' }), (error: unknown) => {
      assert.ok(error instanceof DutUnavailableError);
      assert.equal(error.message, 'no such serial port /dev/ttySM-CONFORMANCE-NONE');
      return true;
    });
    const silent = await startFakeDevice({ silent: true });
    try {
      await assert.rejects(preflightDut({ adapter: 'tcp', host: '127.0.0.1', port: silent.port }, { readiness: FAST }), /is not answering AT/);
    } finally {
      await silent.close();
    }
  });

  it('starts and stops the emulator', async () => {
    assert.equal((await preflightDut({ adapter: 'emulator' })).adapter, 'emulator');
  });
});
