import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDut } from '../src/dut/create-dut.ts';
import { EmulatorDut } from '../src/dut/emulator-dut.ts';
import { SerialDut } from '../src/dut/serial-dut.ts';
import { TcpDut } from '../src/dut/tcp-dut.ts';

function answerTo(link: { onData(listener: (bytes: Buffer) => void): () => void }, until: string): Promise<string> {
  let text = '';
  return new Promise((resolve) => link.onData((bytes) => {
    text += bytes.toString('latin1');
    if (text.endsWith(until)) resolve(text);
  }));
}

describe('EmulatorDut', () => {
  it('opens the in-process emulator, which answers AT with OK', async () => {
    const dut = new EmulatorDut();
    try {
      const link = await dut.open();
      assert.equal(await dut.open(), link, 'open twice gives the same device');
      const answer = answerTo(link, '\r\nOK\r\n');
      await link.write(Buffer.from('AT\r'));
      assert.match(await answer, /\r\nOK\r\n$/);
    } finally {
      await dut.close();
      await dut.close();
    }
  });

  it('describes the profile and fault it runs', () => {
    assert.deepEqual(new EmulatorDut().describe(), { adapter: 'emulator', target: 'in-process', profile: 'firmware' });
    assert.deepEqual(new EmulatorDut({ profile: 'doc', fault: 'silence' }).describe(), { adapter: 'emulator', target: 'in-process', profile: 'doc', fault: 'silence' });
  });

  it('opens even when the emulator is silent, so the scenarios can FAIL it', async () => {
    const dut = new EmulatorDut({ fault: 'silence' });
    try {
      await dut.open();
    } finally {
      await dut.close();
    }
  });

  it('starts a fresh emulator after close', async () => {
    const dut = new EmulatorDut();
    const first = await dut.open();
    await dut.close();
    const second = await dut.open();
    await dut.close();
    assert.notEqual(first, second);
  });
});

describe('createDut', () => {
  it('builds the adapter each spec names, with its options', () => {
    assert.ok(createDut({ adapter: 'emulator' }) instanceof EmulatorDut);
    const serial = createDut({ adapter: 'serial', path: '/dev/ttyACM0' }, { baud: 921600, rtscts: true });
    assert.ok(serial instanceof SerialDut);
    assert.deepEqual(serial.describe(), { adapter: 'serial', target: '/dev/ttyACM0', baud: 921600, flowControl: 'rtscts' });
    const tcp = createDut({ adapter: 'tcp', host: '::1', port: 3001 });
    assert.ok(tcp instanceof TcpDut);
    assert.equal(tcp.describe().target, '[::1]:3001');
    assert.equal(createDut({ adapter: 'emulator' }, { emulator: { profile: 'doc' } }).describe().profile, 'doc');
  });
});
