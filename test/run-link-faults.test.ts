// What the harness says when the lab, not the device, misbehaves, seen through a TCP proxy
// between `run --dut tcp:` and the served emulator (issue 10): a link that closes and never
// comes back stops the run (the scenario in progress INCONCLUSIVE, the rest "not run", every
// report written, exit 3); a link back within --reconnect costs one INCONCLUSIVE scenario;
// a `Ready` the harness did not cause FAILs the scenario it arrived in, and the run goes on.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serveTcp, type TcpServer } from '../src/emulator/serve/tcp-server.ts';
import { assertReconnected, assertStoppedForGood, reasonOf, type RunWithReports } from './link-loss-verdicts.ts';
import { startLinkFaultProxy, type LinkFaultProxy } from './link-fault-proxy.ts';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf, type CollectedRun } from './run-in-process.ts';

/** A few scenarios with a handful of commands each: the faults land mid-run. */
const SUBSET = '@XCLOSE';
/** The fault strikes as the host sends the third socket opening: a scenario's step, mid-run. */
const FAULT_AT_OPENING = 3;

/** Calls `strike` once, as the host sends its FAULT_AT_OPENING-th `AT#XSOCKET=` line. */
function atMidScenarioCommand(strike: () => void): void {
  let openings = 0;
  proxy.watchHostLines((line) => {
    if (line.startsWith('AT#XSOCKET=') && ++openings === FAULT_AT_OPENING) strike();
  });
}

let emulator: TcpServer;
let proxy: LinkFaultProxy;
let healthy: CollectedRun;

async function runThroughProxy(label: string, ...extra: string[]): Promise<RunWithReports> {
  const reports = reportsDirectory(label);
  const run = await runInProcess(['--dut', proxy.dut, '--tags', SUBSET, '--reports', reports, ...extra]);
  return { ...run, dir: reports };
}

describe('the device link and the device\'s restarts, through a TCP proxy', { timeout: 60_000 }, () => {
  before(async () => {
    emulator = await serveTcp(0);
    proxy = await startLinkFaultProxy({ host: emulator.host, port: emulator.port });
    healthy = await runThroughProxy('link-healthy');
    assert.equal(healthy.exitCode, 0, healthy.out);
    assert.ok(healthy.scenarios.length > 4);
  });
  after(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('a link closed mid-run that never comes back: INCONCLUSIVE, the rest not run, every report, exit 3', async () => {
    atMidScenarioCommand(() => void proxy.dropLink());
    try {
      assertStoppedForGood(await runThroughProxy('link-gone', '--reconnect', '1'), healthy, 1);
    } finally {
      proxy.watchHostLines(() => undefined);
      await proxy.reopen();
    }
  });

  it('a link back within --reconnect: the scenario in progress INCONCLUSIVE, every other verdict as before', async () => {
    atMidScenarioCommand(() => {
      void proxy.dropLink().then(() => new Promise((resolve) => setTimeout(resolve, 300))).then(() => proxy.reopen());
    });
    try {
      assertReconnected(await runThroughProxy('link-back', '--reconnect', '5'), healthy);
    } finally {
      proxy.watchHostLines(() => undefined);
    }
  });

  it('a Ready the harness did not cause FAILs the scenario it arrived in with "device restarted"; the run goes on', async () => {
    atMidScenarioCommand(() => setTimeout(() => proxy.toHost('\r\nReady\r\n'), 0));
    try {
      const run = await runThroughProxy('reboot');
      assert.equal(run.exitCode, 1, run.out);
      const changed = run.scenarios.filter((scenario) => scenario.verdict !== verdictsOf(healthy).get(scenarioKey(scenario)));
      assert.equal(changed.length, 1, changed.map((scenario) => `${scenarioKey(scenario)} ${scenario.verdict}: ${reasonOf(scenario)}`).join('\n'));
      assert.equal(changed[0]!.verdict, 'FAIL');
      assert.match(reasonOf(changed[0]!), /device restarted \(Ready at \d{4}-/);
      assert.match(run.out, /FAIL \(\d+\):\n.*device restarted/);
    } finally {
      proxy.watchHostLines(() => undefined);
    }
  });

  it('device bytes in the FAIL summary reach the terminal escaped, as in the reports', async () => {
    // a terminal title sequence (ESC ] 0 ; … BEL) where an answer line should be
    atMidScenarioCommand(() => setTimeout(() => proxy.toHost('\r\n\x1b]0;owned\x07\r\n'), 0));
    try {
      const run = await runThroughProxy('escape');
      assert.equal(run.exitCode, 1, run.out);
      assert.match(run.out, /FAIL \(\d+\):\n.*\\x1b\]0;owned\\x07/);
      assert.doesNotMatch(run.out + run.err, /[\x00-\x08\x0b-\x1f\x7f]/, 'no control character reaches the terminal');
    } finally {
      proxy.watchHostLines(() => undefined);
    }
  });
});
