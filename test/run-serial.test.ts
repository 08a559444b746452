// The check of a lab's serial path before a board arrives (issue 10 item 7), as the README
// walks through it: `sm-conformance emulate --pty <path> --peers ::1` (and `--tcp`) in a
// process of its own, and `sm-conformance run --dut serial:<path> --peer-host ::1
// --device-host 127.0.0.1` (and `--dut tcp:`) must give exactly the verdicts of the
// in-process run. As in a lab, the peers listen on the spec's own ports (1234, 1235, 1236,
// 8443) of the peer host, started by the run, and the device resolves the spec's names there
// (the emulator through --peers, a board through the lab's DNS); the device's own servers
// (#XBIND 1234) are on the other loopback, where --device-host says.
// Without --device-host nobody can say where the device's servers are, so the scenarios that
// need one are INCONCLUSIVE (with that reason), never FAIL.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunOutcome } from '../src/cli/run.ts';
import { BOTH_LOOPBACKS, holdSpecPorts, serveEmulatorAsBoard } from './run-served-emulator.ts';
import { startEmulateCli } from './emulator-serve-cli.ts';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf, type CollectedRun } from './run-in-process.ts';

const SERVER_UNREACHABLE = /cannot reach a server on this device/;
const PEER_HOST = '::1';
/** Where `emulate --peers ::1` puts the device's own servers. */
const DEVICE_HOST = '127.0.0.1';
const GUARD = { timeout: 300_000 };
const SPEC_PORT_PEERS = 'tcp-echo 1234, udp-echo 1234, tls-echo 8443, dtls-echo 8443, sink 1236, udp-sink 1236, close-after-echo 1235';

describe('the whole suite through `emulate --peers` on a pty and on TCP, as a lab checks its serial path', { skip: BOTH_LOOPBACKS ? false : 'this machine has no ::1: the peers and the device\'s servers need a loopback each' }, () => {
  let inProcess: RunOutcome;
  let giveBackSpecPorts: () => void = () => undefined;
  const directory = mkdtempSync(join(tmpdir(), 'sm-run-serial-'));

  before(async () => {
    inProcess = await runInProcess(['--reports', reportsDirectory('in-process')]);
    assert.equal(inProcess.exitCode, 0);
    giveBackSpecPorts = await holdSpecPorts();
  }, GUARD);
  after(() => {
    giveBackSpecPorts();
    rmSync(directory, { recursive: true, force: true });
  });

  for (const transport of ['pty', 'tcp'] as const) {
    it(`emulate --${transport} … --peers ::1 with run --dut ${transport === 'pty' ? 'serial:<pty>' : 'tcp:127.0.0.1:<port>'} --peer-host ::1 --device-host 127.0.0.1 gives the in-process verdicts`, GUARD, async () => {
      const run = await runThroughEmulateCommand(transport, ['--device-host', DEVICE_HOST], directory);
      assert.equal(run.exitCode, 0, run.out);
      // the run started the peers on the spec's ports of the peer host, and said so
      assert.match(run.err, new RegExp(`^peers on ${PEER_HOST.replaceAll(':', '\\:')}: ${SPEC_PORT_PEERS}$`, 'm'));
      const expected = verdictsOf(inProcess);
      assert.deepEqual([...verdictsOf(run).keys()].sort(), [...expected.keys()].sort(), 'the same scenarios ran');
      const differences = run.scenarios.filter((scenario) => scenario.verdict !== expected.get(scenarioKey(scenario)));
      assert.deepEqual(differences.map((scenario) => `${scenarioKey(scenario)}: ${scenario.verdict} (${scenario.reasons.join('; ')})`), []);
    });
  }

  it('without --device-host, only the scenarios with a client of the device\'s servers differ, INCONCLUSIVE', GUARD, async () => {
    const run = await runThroughEmulateCommand('tcp', [], directory);
    assert.equal(run.exitCode, 0, run.out);
    const expected = verdictsOf(inProcess);
    const differences = run.scenarios.filter((scenario) => scenario.verdict !== expected.get(scenarioKey(scenario)));
    assert.ok(differences.length > 0, 'the server scenarios cannot pass without knowing where the device listens');
    for (const scenario of differences) {
      assert.equal(scenario.verdict, 'INCONCLUSIVE', `${scenarioKey(scenario)}: ${expected.get(scenarioKey(scenario))} in process, ${scenario.verdict} without --device-host: ${scenario.reasons.join('; ')}`);
      assert.match(scenario.reasons.join('; '), SERVER_UNREACHABLE, scenarioKey(scenario));
    }
    assert.ok(differences.length < 20, `${differences.length} scenarios differ`);
  });
});

/** `sm-conformance emulate --pty|--tcp … --peers ::1` as its own process, and the run through it. */
async function runThroughEmulateCommand(transport: 'pty' | 'tcp', extra: string[], directory: string): Promise<CollectedRun> {
  const emulator = await startEmulateCli([...(transport === 'pty' ? ['--pty', join(directory, 'board')] : ['--tcp', '0']), '--peers', PEER_HOST]);
  try {
    const dut = transport === 'pty' ? `serial:${/ on pty (\S+) -> /.exec(emulator.line)?.[1]}` : `tcp:${/ on tcp (\S+)$/.exec(emulator.line)?.[1]}`;
    const name = `${transport}${extra.length > 0 ? '-device-host' : ''}`;
    return await runInProcess(['--dut', dut, '--peer-host', PEER_HOST, ...extra, '--reports', reportsDirectory(name)]);
  } finally {
    await emulator.stop();
  }
}

describe('run --peer-host where the spec\'s ports are taken', { skip: BOTH_LOOPBACKS ? false : 'this machine has no ::1' }, () => {
  it('refuses in one line, exit 2, naming who may hold them (it starts its own peers to read what they receive)', GUARD, async () => {
    const giveBack = await holdSpecPorts();
    const holder = createServer();
    await new Promise<void>((resolve, reject) => holder.once('error', reject).listen({ host: PEER_HOST, port: 1234 }, resolve));
    const served = await serveEmulatorAsBoard('tcp');
    try {
      const run = await runInProcess(['--dut', served.dut, '--peer-host', PEER_HOST, '--tags', '@smoke', '--reports', reportsDirectory('ports-taken')]);
      assert.equal(run.exitCode, 2);
      assert.deepEqual(run.scenarios, []);
      assert.match(run.err, /^sm-conformance run: cannot start the peers on ::1: .*1234.*EADDRINUSE.* \(another run, or `sm-conformance peers --spec-ports`, holds the spec's ports there: the run starts its own peers, to read what they receive\)\n$/);
    } finally {
      await served.close();
      await new Promise((resolve) => holder.close(resolve));
      giveBack();
    }
  });
});
