// The serial and TCP paths in CI: the emulator served on a pseudo-terminal (as
// `sm-conformance emulate --pty` serves it) and on a TCP port, each run through the whole
// suite with `--dut serial:<pty>` / `--dut tcp:127.0.0.1:<port>` and `--peer-host 127.0.0.1`,
// with `--device-host 127.0.0.1` (the served emulator listens on the device's own ports),
// must give exactly the verdicts of the in-process run. Without --device-host nobody can say
// where the device's servers are, so the scenarios that need one are INCONCLUSIVE (with that
// reason), never FAIL.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunOutcome } from '../src/cli/run.ts';
import { PEER_HOST, serveEmulatorAsBoard, type ServedEmulator } from './run-served-emulator.ts';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf, type CollectedRun } from './run-in-process.ts';

const SERVER_UNREACHABLE = /cannot reach a server on this device/;
/** Where this machine reaches the served emulator's servers (it listens on the device's ports). */
const DEVICE_HOST = '127.0.0.1';
const GUARD = { timeout: 300_000 };

describe('the whole suite through a serial port and a TCP exporter', () => {
  let inProcess: RunOutcome;

  before(async () => {
    inProcess = await runInProcess(['--reports', reportsDirectory('in-process')]);
    assert.equal(inProcess.exitCode, 0);
  }, GUARD);

  for (const transport of ['pty', 'tcp'] as const) {
    it(`--dut ${transport === 'pty' ? 'serial:<pty>' : 'tcp:127.0.0.1:<port>'} --device-host 127.0.0.1 gives the in-process verdicts`, GUARD, async () => {
      const { run, served } = await runThroughServedEmulator(transport, ['--device-host', DEVICE_HOST]);
      assert.equal(run.exitCode, 0, run.out);
      // the run's sessions used the peers the served emulator reaches, and said where they are
      assert.match(run.err, new RegExp(`^peers on ${PEER_HOST}: tcp-echo ${served.peers.endpoint('tcp-echo', PEER_HOST).port}, udp-echo ${served.peers.endpoint('udp-echo', PEER_HOST).port}, `, 'm'));
      const expected = verdictsOf(inProcess);
      assert.deepEqual([...verdictsOf(run).keys()].sort(), [...expected.keys()].sort(), 'the same scenarios ran');
      const differences = run.scenarios.filter((scenario) => scenario.verdict !== expected.get(scenarioKey(scenario)));
      assert.deepEqual(differences.map((scenario) => `${scenarioKey(scenario)}: ${scenario.verdict} (${scenario.reasons.join('; ')})`), []);
    });
  }

  it('without --device-host, only the scenarios with a client of the device\'s servers differ, INCONCLUSIVE', GUARD, async () => {
    const { run } = await runThroughServedEmulator('tcp', []);
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

async function runThroughServedEmulator(transport: 'pty' | 'tcp', extra: string[]): Promise<{ run: CollectedRun; served: ServedEmulator }> {
  const served = await serveEmulatorAsBoard(transport);
  try {
    const name = `${transport}${extra.length > 0 ? '-device-host' : ''}`;
    const run = await runInProcess(['--dut', served.dut, '--peer-host', PEER_HOST, ...extra, '--reports', reportsDirectory(name)]);
    return { run, served };
  } finally {
    await served.close();
  }
}
