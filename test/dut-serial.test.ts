import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SerialDut } from '../src/dut/serial-dut.ts';
import { DutUnavailableError } from '../src/dut/dut.ts';
import { openPtyRelay, PYTHON_AVAILABLE, type PtyRelay } from './dut-pty-relay.ts';

const FAST = { readyWindowMs: 50, probeTimeoutMs: 100, probeAttempts: 2 };
const needsPty = { skip: PYTHON_AVAILABLE ? false : 'python3 with the pty module is needed for a pseudo-terminal' };

function oneLineError(reason: string, message: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof DutUnavailableError);
    assert.equal(error.reason, reason);
    assert.equal(error.message, message);
    return true;
  };
}

/** Plays a device on the relay: OK to `AT`, ERROR to anything else. */
function answerAt(relay: PtyRelay): () => string {
  let heard = '';
  relay.onHostBytes((bytes) => {
    heard += bytes.toString('latin1');
    if (bytes.includes('\r')) relay.sendToHost(heard.endsWith('AT\r') ? '\r\nOK\r\n' : '\r\nERROR\r\n');
  });
  return () => heard;
}

describe('SerialDut', () => {
  it('says in one line that the serial port does not exist', async () => {
    const dut = new SerialDut({ path: '/dev/ttySM-CONFORMANCE-NONE', readiness: FAST });
    await assert.rejects(dut.open(), oneLineError('missing', 'no such serial port /dev/ttySM-CONFORMANCE-NONE'));
  });

  it('describes itself with the default baud rate and no flow control', () => {
    assert.deepEqual(new SerialDut({ path: '/dev/ttyACM0' }).describe(), { adapter: 'serial', target: '/dev/ttyACM0', baud: 115200, flowControl: 'none' });
    assert.deepEqual(new SerialDut({ path: 'COM3', baud: 1000000, rtscts: true }).describe(), { adapter: 'serial', target: 'COM3', baud: 1000000, flowControl: 'rtscts' });
  });

  it('opens a pseudo-terminal, probes with AT and passes bytes both ways', needsPty, async () => {
    const relay = await openPtyRelay();
    const heard = answerAt(relay);
    const dut = new SerialDut({ path: relay.path, readiness: FAST });
    try {
      const link = await dut.open();
      assert.equal(heard(), 'AT\r');
      let answer = '';
      const answered = new Promise<void>((resolve) => link.onData((bytes) => {
        answer += bytes.toString('latin1');
        if (answer.endsWith('\r\nERROR\r\n')) resolve();
      }));
      await link.write(Buffer.from('AT#XNOPE\r'));
      await answered;
      assert.equal(heard(), 'AT\rAT#XNOPE\r');
    } finally {
      await dut.close();
      await relay.close();
    }
  });

  it('opens without probing when the device says Ready', needsPty, async () => {
    const relay = await openPtyRelay();
    const heard = answerAt(relay);
    // the port flushes its input on open, so keep announcing like a board that keeps rebooting
    const announcing = setInterval(() => relay.sendToHost('Ready\r\n'), 20);
    const dut = new SerialDut({ path: relay.path, readiness: { ...FAST, readyWindowMs: 5000 } });
    try {
      await dut.open();
      assert.equal(heard(), '');
    } finally {
      clearInterval(announcing);
      await dut.close();
      await relay.close();
    }
  });

  it('says in one line that the port is locked by another process', needsPty, async () => {
    const relay = await openPtyRelay();
    answerAt(relay);
    const holder = new SerialDut({ path: relay.path, readiness: FAST });
    const second = new SerialDut({ path: relay.path, readiness: FAST });
    try {
      await holder.open();
      await assert.rejects(second.open(), oneLineError('busy', `serial port ${relay.path} is busy (locked by another process)`));
    } finally {
      await holder.close();
      await relay.close();
    }
  });

  it('says in one line that a silent device does not answer AT, and lets the port go', needsPty, async () => {
    const relay = await openPtyRelay();
    const dut = new SerialDut({ path: relay.path, readiness: FAST });
    try {
      await assert.rejects(dut.open(), oneLineError('unresponsive', `device at ${relay.path} is not answering AT (no OK to 2 AT probe(s), nor after the data-mode terminator)`));
      answerAt(relay);
      await dut.open();
    } finally {
      await dut.close();
      await relay.close();
    }
  });
});
