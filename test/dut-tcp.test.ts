import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from './lab-exporters.ts';
import { TcpDut } from '../src/dut/tcp-dut.ts';
import { DutUnavailableError } from '../src/dut/dut.ts';
import { startFakeDevice, type FakeDevice, type FakeDeviceOptions } from './dut-fake-device.ts';

const FAST = { readyWindowMs: 50, probeTimeoutMs: 100, probeAttempts: 2 };

function collect(link: { onData(listener: (bytes: Buffer) => void): () => void }): () => string {
  let text = '';
  link.onData((bytes) => { text += bytes.toString('latin1'); });
  return () => text;
}

function untilIncludes(read: () => string, text: string): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => { if (read().includes(text)) resolve(); else setTimeout(poll, 5); };
    poll();
  });
}

/** Runs `body` with a fake device and a TcpDut on it; both are closed afterwards. */
async function withDevice(options: FakeDeviceOptions, body: (device: FakeDevice, dut: TcpDut) => Promise<void>): Promise<void> {
  const device = await startFakeDevice(options);
  const dut = new TcpDut({ host: options.host ?? '127.0.0.1', port: device.port, readiness: FAST });
  try {
    await body(device, dut);
  } finally {
    await dut.close();
    await device.close();
  }
}

describe('TcpDut', () => {
  it('opens when the device says Ready, without probing', () => withDevice({ sayReady: true }, async (device, dut) => {
    const link = await dut.open();
    assert.equal(device.received[0]!.length, 0);
    const read = collect(link);
    await link.write(Buffer.from('AT\r'));
    await untilIncludes(read, 'OK\r\n');
    assert.equal(read(), '\r\nOK\r\n');
  }));

  it('probes with AT when the device says nothing, and opens on OK', () => withDevice({}, async (device, dut) => {
    await dut.open();
    assert.equal(device.received[0]!.toString('latin1'), 'AT\r');
  }));

  it('takes a device that an aborted run left in data mode out of it', () => withDevice({ inDataMode: true }, async (device, dut) => {
    await dut.open();
    assert.equal(device.received[0]!.toString('latin1'), 'AT\rAT\r+++AT\r');
  }));

  it('talks to an IPv6 loopback exporter', () => withDevice({ host: '::1', sayReady: true }, async (device, dut) => {
    await dut.open();
    assert.deepEqual(dut.describe(), { adapter: 'tcp', target: `[::1]:${device.port}` });
  }));

  it('says in one line that a connected device does not answer AT', () => withDevice({ silent: true }, async (device, dut) => {
    await assert.rejects(dut.open(), (error: unknown) => {
      assert.ok(error instanceof DutUnavailableError);
      assert.equal(error.reason, 'unresponsive');
      assert.equal(error.message, `device at 127.0.0.1:${device.port} is not answering AT (no OK to 2 AT probe(s), nor after the data-mode terminator)`);
      return true;
    });
    assert.equal(device.received[0]!.toString('latin1'), 'AT\rAT\r+++AT\r');
  }));

  it('says in one line that the target refused the connection', async () => {
    const port = await freePort();
    const dut = new TcpDut({ host: '127.0.0.1', port, readiness: FAST });
    await assert.rejects(dut.open(), (error: unknown) => {
      assert.ok(error instanceof DutUnavailableError);
      assert.equal(error.reason, 'refused');
      assert.equal(error.message, `tcp target 127.0.0.1:${port} refused the connection (is the exporter running?)`);
      return true;
    });
  });

  it('closes the connection on close() and may be closed twice', () => withDevice({ sayReady: true }, async (_device, dut) => {
    const link = await dut.open();
    const closed = new Promise<Error | undefined>((resolve) => link.onClose(resolve));
    await dut.close();
    assert.equal(await closed, undefined);
    await dut.close();
    await assert.rejects(link.write(Buffer.from('AT\r')), /closed/);
  }));

  it('reports the device hanging up through onClose', () => withDevice({ sayReady: true }, async (device, dut) => {
    const link = await dut.open();
    const closed = new Promise<void>((resolve) => link.onClose(() => resolve()));
    await device.close();
    await closed;
  }));
});
