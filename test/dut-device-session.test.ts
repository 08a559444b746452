import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceServerUnknown, DeviceSession } from '../src/dut/device-session.ts';
import { startFakeDevice } from './dut-fake-device.ts';

let directory: string;

describe('DeviceSession', () => {
  before(async () => { directory = await mkdtemp(join(tmpdir(), 'sm-session-')); });
  after(async () => { await rm(directory, { recursive: true, force: true }); });

  it('runs the emulator with its peers, resets it, records the wire and writes the transcript', async () => {
    const transcriptPath = join(directory, 'nested', 'transcript.txt');
    const session = await DeviceSession.open({ dut: { adapter: 'emulator' }, profile: 'doc', transcriptPath });
    try {
      assert.deepEqual(session.describe(), { adapter: 'emulator', target: 'in-process', profile: 'doc' });
      assert.ok(session.peers?.peer('tcp-echo'));
      const opened = await session.runner.send('AT#XSOCKET=1,1,0');
      assert.deepEqual(opened.lines, ['#XSOCKET: 0,1,6']);

      const wire = session.recordWire();
      const report = await session.restoreKnownState();
      wire.stop();
      assert.equal(report.leftDataMode, false);
      const sent = wire.chunks.filter((chunk) => chunk.direction === 'tx').map((chunk) => chunk.bytes.toString());
      assert.deepEqual(sent, ['AT\r', 'ATE0\r', 'AT#XAPOLL=0,0\r', 'AT#XCLOSE\r']);
      assert.ok(wire.chunks.some((chunk) => chunk.bytes.toString().includes('#XCLOSE: 0,0')), 'the open socket was closed');
      session.note('the end', 1);
    } finally {
      await session.close();
    }
    const transcript = await readFile(transcriptPath, 'utf8');
    assert.match(transcript, /^#sm-conformance-transcript 1\n#@ dut=emulator\n#@ target=in-process\n#@ profile=doc\n/);
    assert.match(transcript, / tx AT#XSOCKET=1,1,0\\r\n/);
    assert.match(transcript, /0\.000001 note the end\n/);
  });

  it('has no peers on a device reached over TCP', async () => {
    const device = await startFakeDevice({ sayReady: true });
    const session = await DeviceSession.open({ dut: { adapter: 'tcp', host: '127.0.0.1', port: device.port }, connection: { readiness: { readyWindowMs: 200, probeTimeoutMs: 100, probeAttempts: 1 } } });
    try {
      assert.equal(session.peers, undefined);
      assert.equal(session.describe().adapter, 'tcp');
      assert.throws(() => session.serverEndpoint(1234, 'tcp'), DeviceServerUnknown);
    } finally {
      await session.close();
      await device.close();
    }
  });

  it('places a board\'s servers at the device host and the device\'s port', async () => {
    const device = await startFakeDevice({ sayReady: true });
    const session = await DeviceSession.open({
      dut: { adapter: 'tcp', host: '127.0.0.1', port: device.port }, deviceHost: '::1',
      connection: { readiness: { readyWindowMs: 200, probeTimeoutMs: 100, probeAttempts: 1 } },
    });
    try {
      assert.deepEqual(session.serverEndpoint(1234, 'tcp'), { host: '::1', port: 1234 });
      assert.deepEqual(session.serverEndpoint(5000, 'udp'), { host: '::1', port: 5000 });
    } finally {
      await session.close();
      await device.close();
    }
  });

  it('fails each reset of a silent device quickly after the first', async () => {
    const knownState = { probeTimeoutMs: 50, dataModeExitMs: 50, commandTimeoutMs: 200 };
    const session = await DeviceSession.open({ dut: { adapter: 'emulator' }, fault: 'silence', knownState });
    try {
      const wire = session.recordWire();
      await assert.rejects(session.restoreKnownState(), /within 50 ms, not even after the data-mode terminator/);
      await assert.rejects(session.restoreKnownState(), /^KnownStateError: the device still does not answer AT$/m);
      wire.stop();
      const sent = wire.chunks.map((chunk) => chunk.bytes.toString()).join('');
      assert.equal(sent, 'AT\r+++AT\r');
    } finally {
      await session.close();
    }
  });

  it('the next preflight attaches again after anything switches the modem or restarts the device, but not after its own AT+CFUN=1', async () => {
    const modem = new SwitchableModem();
    const device = await startFakeDevice({ sayReady: true, answer: (command) => modem.answer(command) });
    modem.say = device.say;
    const session = await DeviceSession.open({
      dut: { adapter: 'tcp', host: '127.0.0.1', port: device.port },
      connection: { readiness: { readyWindowMs: 200, probeTimeoutMs: 100, probeAttempts: 1 } },
      attach: { timeoutMs: 1000, leaveAlone: false },
    });
    const preflight = async (): Promise<string[]> => {
      const wire = session.recordWire();
      await session.attachment.ensureAttached();
      wire.stop();
      return wire.chunks.filter((chunk) => chunk.direction === 'tx').map((chunk) => Buffer.from(chunk.bytes).toString('latin1').trim());
    };
    try {
      assert.ok((await preflight()).includes('AT+CFUN=1'), 'the device boots offline: the preflight turns it on');
      assert.deepEqual(await preflight(), [], 'its own AT+CFUN=1 left the attachment standing');
      await session.runner.send('AT+CFUN=?');
      assert.deepEqual(await preflight(), [], 'the test form switches nothing');

      await session.runner.send('AT+CFUN=4');
      assert.ok((await preflight()).includes('AT+CFUN=1'), 'after AT+CFUN=4 (a step, the reset, any path)');

      await session.runner.send('AT#XRESET');
      await until(() => modem.readyCount === 1);
      assert.ok((await preflight()).includes('AT+CFUN=1'), 'after AT#XRESET');
      assert.deepEqual(session.takeUnexpectedRestarts(), []);

      modem.crash();
      await until(() => session.takeUnexpectedRestarts().length === 1);
      assert.ok((await preflight()).includes('AT+CFUN=1'), 'after a restart nobody asked for');

      session.expectRestart();
      modem.crash(); // a reset ladder's power cycle
      await until(() => modem.readyCount === 3);
      assert.ok((await preflight()).includes('AT+CFUN=1'), 'after a restart the reset ladder caused');
      assert.deepEqual(session.takeUnexpectedRestarts(), []);

      // the device restarts right after the preflight turned it on: the preflight starts over
      modem.crash();
      await until(() => session.takeUnexpectedRestarts().length === 1);
      modem.crashAfterSwitchingOn = true;
      assert.deepEqual((await preflight()).filter((command) => command === 'AT+CFUN=1'), ['AT+CFUN=1', 'AT+CFUN=1']);
      assert.deepEqual(await preflight(), []);
    } finally {
      await session.close();
      await device.close();
    }
  });

  it('passes on a one-line error when the device cannot be opened', async () => {
    await assert.rejects(DeviceSession.open({ dut: { adapter: 'serial', path: '/dev/ttySM-CONFORMANCE-NONE' } }), /^DutUnavailableError: no such serial port \/dev\/ttySM-CONFORMANCE-NONE$/m);
  });
});

/** A modem that boots offline, attaches as soon as it is turned on and can be made to restart. */
class SwitchableModem {
  private mode = 0;
  readyCount = 0;
  /** The next AT+CFUN=1 is answered, then the device restarts. */
  crashAfterSwitchingOn = false;
  say: (bytes: string) => void = () => undefined;

  answer(command: string): string | undefined {
    const ok = '\r\nOK\r\n';
    if (command === 'AT+CFUN?') return `\r\n+CFUN: ${this.mode}\r\n${ok}`;
    if (command === 'AT+CEREG?') return `\r\n+CEREG: 1,${this.mode === 1 ? 1 : 0}\r\n${ok}`;
    if (command === 'AT+CGPADDR') return this.mode === 1 ? `\r\n+CGPADDR: 0,"10.0.0.9"\r\n${ok}` : ok;
    if (command === 'AT+CEREG=1' || command === 'AT+CGEREP=1') return ok;
    const mode = /^AT\+CFUN=(\d)$/.exec(command)?.[1];
    if (mode !== undefined) {
      this.mode = Number(mode);
      if (this.mode === 1 && this.crashAfterSwitchingOn) {
        this.crashAfterSwitchingOn = false;
        setImmediate(() => this.crash());
      }
      return ok;
    }
    if (command === 'AT#XRESET') {
      setImmediate(() => this.crash());
      return ok;
    }
    return undefined;
  }

  crash(): void {
    this.mode = 0;
    this.readyCount += 1;
    this.say('Ready\r\n');
  }
}

/** Waits (polling, bounded) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let attempt = 0; !done(); attempt += 1) {
    if (attempt > 400) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
