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
          send(device.answer[command] ?? '\r\nOK\r\n');
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
      assert.match(error.message, /^the device does not answer AT, not even after the data-mode terminator \+\+\+$/);
      assert.equal(error.silent, true);
      return true;
    });
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
