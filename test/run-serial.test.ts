// The serial and TCP paths in CI: the emulator served on a pseudo-terminal (as
// `sm-conformance emulate --pty` serves it) and on a TCP port, each run through the whole
// suite with `--dut serial:<pty>` / `--dut tcp:127.0.0.1:<port>` and `--peer-host 127.0.0.1`,
// must give the verdicts of the in-process run. The one difference a board has by nature:
// a client on this machine cannot reach the device's own TCP servers, so the scenarios
// that need one are INCONCLUSIVE (with that reason), never FAIL.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunOutcome } from '../src/cli/run.ts';
import { PEER_HOST, serveEmulatorAsBoard } from './run-served-emulator.ts';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf } from './run-in-process.ts';

const SERVER_UNREACHABLE = /cannot reach a server on this device/;
const GUARD = { timeout: 300_000 };

describe('the whole suite through a serial port and a TCP exporter', () => {
  let inProcess: RunOutcome;

  before(async () => {
    inProcess = await runInProcess(['--reports', reportsDirectory('in-process')]);
    assert.equal(inProcess.exitCode, 0);
  }, GUARD);

  for (const transport of ['pty', 'tcp'] as const) {
    it(`--dut ${transport === 'pty' ? 'serial:<pty>' : 'tcp:127.0.0.1:<port>'} gives the in-process verdicts`, GUARD, async () => {
      const served = await serveEmulatorAsBoard(transport);
      let run;
      try {
        run = await runInProcess(['--dut', served.dut, '--peer-host', PEER_HOST, '--reports', reportsDirectory(transport)]);
      } finally {
        await served.close();
      }
      assert.equal(run.exitCode, 0, run.out);
      // the run's sessions used the peers the served emulator reaches, and said where they are
      assert.match(run.err, new RegExp(`^peers on ${PEER_HOST}: tcp-echo ${served.peers.endpoint('tcp-echo', PEER_HOST).port}, udp-echo ${served.peers.endpoint('udp-echo', PEER_HOST).port}, `, 'm'));
      const expected = verdictsOf(inProcess);
      assert.deepEqual([...verdictsOf(run).keys()].sort(), [...expected.keys()].sort(), 'the same scenarios ran');
      const differences = run.scenarios.filter((scenario) => scenario.verdict !== expected.get(scenarioKey(scenario)));
      for (const scenario of differences) {
        assert.equal(scenario.verdict, 'INCONCLUSIVE', `${scenarioKey(scenario)}: ${expected.get(scenarioKey(scenario))} in process, ${scenario.verdict} through ${transport}: ${scenario.reasons.join('; ')}`);
        assert.match(scenario.reasons.join('; '), SERVER_UNREACHABLE, scenarioKey(scenario));
      }
      // the network scenarios did run against the peers: only server scenarios may differ
      assert.ok(differences.length < 20, `${differences.length} scenarios differ`);
    });
  }
});
