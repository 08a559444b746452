import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ByteLink } from '../src/at/link.ts';
import { AtRunner } from '../src/at/at-runner.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { KnownStateError, restoreKnownState } from '../src/dut/known-state.ts';

const FAST = { probeTimeoutMs: 50, dataModeExitMs: 50, commandTimeoutMs: 200 };

interface ScriptedDevice {
  link: ByteLink;
  /** Command lines the device executed, in order. */
  executed: string[];
  /** Bytes it took as data-mode payload. */
  payload: string;
  inDataMode: boolean;
  answer: Record<string, string>;
  silent: boolean;
  /** Answers this many ms late (each answer in turn, as a device working one command at a time). */
  lateMs: number;
  queueUrc(line: string): void;
}

/** Plays just enough of the firmware: CR-terminated commands, data mode ended by +++. */
function scriptedDevice(): ScriptedDevice {
  const listeners = new Set<(bytes: Buffer) => void>();
  const send = (text: string): void => {
    const bytes = Buffer.from(text, 'latin1');
    queueMicrotask(() => { for (const listener of listeners) listener(bytes); });
  };
  let line = '';
  const device: ScriptedDevice = {
    executed: [],
    payload: '',
    inDataMode: false,
    answer: {},
    silent: false,
    lateMs: 0,
    queueUrc: (text) => send(`\r\n${text}\r\n`),
    link: {
      write: async (bytes) => {
        for (const char of bytes.toString('latin1')) {
          if (device.inDataMode) {
            device.payload += char;
            if (device.payload.endsWith('+++')) {
              device.inDataMode = false;
              send('\r\n#XDATAMODE: 0\r\n');
            }
            continue;
          }
          if (char !== '\r') { line += char; continue; }
          const start = line.indexOf('AT');
          const command = start < 0 ? '' : line.slice(start);
          line = '';
          if (command === '' || device.silent) continue;
          device.executed.push(command);
          const answer = device.answer[command] ?? '\r\nOK\r\n';
          if (device.lateMs > 0) setTimeout(() => send(answer), device.lateMs * device.executed.length);
          else send(answer);
        }
      },
      onData: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
      onClose: () => () => undefined,
      close: async () => undefined,
    },
  };
  return device;
}

describe('restoreKnownState', () => {
  it('probes, turns echo off, stops polling and closes every socket', async () => {
    const device = scriptedDevice();
    const runner = new AtRunner(device.link, { payloadRule });
    const report = await restoreKnownState(runner, FAST);
    assert.deepEqual(device.executed, ['AT', 'ATE0', 'AT#XAPOLL=0,0', 'AT#XCLOSE']);
    assert.equal(report.leftDataMode, false);
  });

  it('discards what the previous scenario left queued', async () => {
    const device = scriptedDevice();
    const runner = new AtRunner(device.link, { payloadRule });
    device.queueUrc('#XAPOLL: 0,1');
    const report = await restoreKnownState(runner, FAST);
    assert.deepEqual(report.discarded.map((event) => event.kind === 'urc' && event.text), ['#XAPOLL: 0,1']);
    assert.deepEqual(runner.takeUrcs(), []);
  });

  it('leaves data mode with the terminator when AT goes unanswered', async () => {
    const device = scriptedDevice();
    device.inDataMode = true;
    const runner = new AtRunner(device.link, { payloadRule });
    const report = await restoreKnownState(runner, FAST);
    assert.equal(report.leftDataMode, true);
    assert.equal(device.payload, 'AT\r+++');
    assert.deepEqual(device.executed, ['AT', 'ATE0', 'AT#XAPOLL=0,0', 'AT#XCLOSE']);
  });

  it('says in one line that a silent device cannot be reset', async () => {
    const device = scriptedDevice();
    device.silent = true;
    const runner = new AtRunner(device.link, { payloadRule });
    await assert.rejects(restoreKnownState(runner, FAST), (error: unknown) => {
      assert.ok(error instanceof KnownStateError);
      assert.match(error.message, /^the device does not answer AT within 50 ms, not even after the data-mode terminator \+\+\+$/);
      assert.equal(error.silent, true);
      return true;
    });
  });

  it('does not take a late OK for the answer to its probe', async () => {
    // the first AT's OK arrives after the terminator: without #XDATAMODE the device was not
    // in data mode, so a second probe would only be answered by the first one's OK
    const device = scriptedDevice();
    device.lateMs = 80;
    const runner = new AtRunner(device.link, { payloadRule });
    await assert.rejects(restoreKnownState(runner, FAST), (error: unknown) => error instanceof KnownStateError && error.silent && /within 50 ms/.test(error.message));
    assert.deepEqual(device.executed, ['AT'], 'no second probe after a terminator that brought no #XDATAMODE');
  });

  it('waits for the line to go quiet after a failed reset before it probes again', async () => {
    // the first reset gives up at about 400 ms, the first AT's OK comes at 500 ms: wide margins for a busy machine
    const patient = { probeTimeoutMs: 200, dataModeExitMs: 200, commandTimeoutMs: 2000 };
    const device = scriptedDevice();
    device.lateMs = 500;
    const runner = new AtRunner(device.link, { payloadRule });
    await assert.rejects(restoreKnownState(runner, patient));
    device.lateMs = 0;
    const wire: string[] = [];
    runner.onWire((direction, bytes) => wire.push(`${direction} ${bytes.toString().trim()}`));
    const report = await restoreKnownState(runner, patient, { escapeDataMode: false, settleFirst: true });
    assert.equal(report.leftDataMode, false);
    assert.deepEqual(wire.slice(0, 2), ['rx OK', 'tx AT'], 'the late OK came and went before the probe');
  });

  it('reaches the known state by listing sockets when AT#XCLOSE leaves out its OK', async () => {
    const device = scriptedDevice();
    device.answer['AT#XCLOSE'] = '\r\n#XCLOSE: 0,0\r\n';
    device.answer['AT#XCLOSE=2'] = '\r\n#XCLOSE: 2,0\r\n';
    let listed = 0;
    const runner = new AtRunner(device.link, { payloadRule });
    runner.onWire((direction, bytes) => {
      if (direction === 'tx' && bytes.toString() === 'AT#XSOCKET?\r') listed += 1;
    });
    const first = await restoreKnownState(runner, FAST);
    assert.match(first.closeUnanswered ?? '', /AT#XCLOSE: no final result code/);
    assert.deepEqual(device.executed.slice(-3), ['AT#XCLOSE', 'AT#XSOCKET?', 'AT#XSSOCKET?']);
    // later resets close only what is listed, one by one, and check the list again
    device.executed.length = 0;
    device.answer['AT#XSOCKET?'] = '\r\n#XSOCKET: 2,1,1,6,0\r\n\r\nOK\r\n';
    device.answer['AT#XCLOSE=2'] = '\r\n#XCLOSE: 2,0\r\n';
    const closing = restoreKnownState(runner, FAST, { escapeDataMode: true, closing: 'listed' });
    setTimeout(() => { device.answer['AT#XSOCKET?'] = '\r\nOK\r\n'; }, 20);
    await closing;
    assert.deepEqual(device.executed, ['AT', 'ATE0', 'AT#XAPOLL=0,0', 'AT#XSOCKET?', 'AT#XSSOCKET?', 'AT#XCLOSE=2', 'AT#XSOCKET?', 'AT#XSSOCKET?']);
    assert.equal(listed, 3);
  });

  it('refuses a device whose listed sockets stay open', async () => {
    const device = scriptedDevice();
    device.answer['AT#XSOCKET?'] = '\r\n#XSOCKET: 2,1,1,6,0\r\n\r\nOK\r\n';
    const runner = new AtRunner(device.link, { payloadRule });
    await assert.rejects(restoreKnownState(runner, FAST, { escapeDataMode: true, closing: 'listed' }), /sockets 2 are still open after AT#XCLOSE/);
  });

  it('refuses a device that answers a reset command with ERROR', async () => {
    const device = scriptedDevice();
    device.answer['AT#XCLOSE'] = '\r\nERROR\r\n';
    const runner = new AtRunner(device.link, { payloadRule });
    await assert.rejects(restoreKnownState(runner, FAST), /AT#XCLOSE answered ERROR, not OK/);
  });
});

describe('restoreKnownState after the device was found silent', () => {
  it('gives up after one probe, without the data-mode terminator', async () => {
    const device = scriptedDevice();
    device.silent = true;
    const runner = new AtRunner(device.link, { payloadRule });
    await assert.rejects(restoreKnownState(runner, FAST, { escapeDataMode: false }), (error: unknown) => {
      assert.ok(error instanceof KnownStateError);
      assert.equal(error.silent, true);
      assert.equal(error.message, 'the device still does not answer AT');
      return true;
    });
    assert.equal(device.payload, '');
  });

  it('resets fully once the device answers again', async () => {
    const device = scriptedDevice();
    const runner = new AtRunner(device.link, { payloadRule });
    await restoreKnownState(runner, FAST, { escapeDataMode: false });
    assert.deepEqual(device.executed, ['AT', 'ATE0', 'AT#XAPOLL=0,0', 'AT#XCLOSE']);
  });
});
