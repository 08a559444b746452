// The network preflight through `sm-conformance run`: a device that never attaches makes
// exactly the network scenarios INCONCLUSIVE ("device not attached to a network") and the
// others still PASS; a device the network detaches mid-run makes the scenario in progress
// INCONCLUSIVE, and the run attaches again and goes on; the reports' environment names the
// registration, operator, system mode, PDN address and attach time. A device that restarts
// unasked FAILs the scenario the restart arrived in, and boots offline: the next network
// scenario attaches again.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { needsNetwork } from '../src/catalogue/network-use.ts';
import { DETACHED, NOT_ATTACHED } from '../src/dut/network-attach.ts';
import type { ScenarioResult } from '../src/report/scenario-results.ts';
import { reportsDirectory, runInProcess, scenarioKey } from './run-in-process.ts';

const GUARD = { timeout: 240_000 };

function usesNetwork(scenario: ScenarioResult): boolean {
  return scenario.steps.some((step) => !step.hook && needsNetwork(step.text));
}

describe('sm-conformance run: the network preflight', () => {
  it('never-attach: every network scenario is INCONCLUSIVE "device not attached to a network", every other one PASSes as in a healthy run', GUARD, async () => {
    const tags = '@XSOCKET or @XCONNECT or @XGETADDRINFO or @XBIND';
    const healthy = await runInProcess(['--tags', tags, '--reports', reportsDirectory('attach-healthy')]);
    const reports = reportsDirectory('never-attach');
    const run = await runInProcess(['--fault', 'never-attach', '--attach-timeout', '1', '--tags', tags, '--reports', reports]);
    assert.equal(run.exitCode, 0, run.out);
    const before = new Map(healthy.scenarios.map((scenario) => [scenarioKey(scenario), scenario.verdict]));
    const network = run.scenarios.filter(usesNetwork);
    const offline = run.scenarios.filter((scenario) => !usesNetwork(scenario));
    assert.ok(network.length > 10 && offline.length > 10, `${network.length} network and ${offline.length} other scenarios`);
    for (const scenario of network) {
      assert.equal(scenario.verdict, 'INCONCLUSIVE', scenarioKey(scenario));
      assert.deepEqual(scenario.reasons, [NOT_ATTACHED], scenarioKey(scenario));
    }
    for (const scenario of offline) assert.equal(scenario.verdict, before.get(scenarioKey(scenario)), scenarioKey(scenario));
    const matrix = readFileSync(join(reports, 'verdict-matrix.html'), 'utf8');
    assert.match(matrix, /network\.registration: 2 \(not registered, searching\)/);
    assert.match(matrix, /network\.attach-time: never attached \(waited 1 s\)/);
  });

  it('detach-mid-run: the scenario in progress is INCONCLUSIVE with that reason; the run attaches again and every other scenario keeps its healthy verdict', GUARD, async () => {
    const tags = '@XCONNECT or @XGETADDRINFO';
    const healthyReports = reportsDirectory('attach-healthy2');
    const healthy = await runInProcess(['--tags', tags, '--reports', healthyReports]);
    const run = await runInProcess(['--fault', 'detach-mid-run', '--tags', tags, '--reports', reportsDirectory('detach')]);
    assert.equal(run.exitCode, 0, run.out);
    const before = new Map(healthy.scenarios.map((scenario) => [scenarioKey(scenario), scenario.verdict]));
    const detached = run.scenarios.filter((scenario) => scenario.verdict === 'INCONCLUSIVE');
    assert.equal(detached.length, 1, detached.map(scenarioKey).join('\n'));
    assert.deepEqual(detached[0]!.reasons, [DETACHED]);
    const index = run.scenarios.indexOf(detached[0]!);
    assert.ok(run.scenarios.slice(index + 1).some((scenario) => usesNetwork(scenario) && scenario.verdict === 'PASS'), 'a network scenario after the detach passes again');
    for (const scenario of run.scenarios) {
      if (scenario !== detached[0]) assert.equal(scenario.verdict, before.get(scenarioKey(scenario)), scenarioKey(scenario));
    }
    const matrix = readFileSync(join(healthyReports, 'verdict-matrix.html'), 'utf8');
    for (const entry of [/network\.registration: 1 \(registered, home network\)/, /network\.operator: 0,2,&quot;00101&quot;,7|network\.operator: 0,2,"00101",7/,
      /network\.system-mode: 1,0,1,0/, /network\.pdn-address: 192\.0\.2\.1/, /network\.attach-time: \d+\.\d s/]) assert.match(matrix, entry);
  });

  it('reboot-mid-run: the scenario the restart arrived in FAILs "device restarted"; the device boots offline, the next network scenario attaches again, every other verdict as in a healthy run', GUARD, async () => {
    // In this subset the restart lands in a scenario that does not use the network, between
    // network scenarios: only a session that sees the restart itself knows to attach again
    // (a network scenario's failing step would have found the detach on its own).
    const tags = '@XBIND or @XCONNECT';
    const healthy = await runInProcess(['--tags', tags, '--reports', reportsDirectory('reboot-healthy')]);
    const reports = reportsDirectory('reboot-mid-run');
    const run = await runInProcess(['--fault', 'reboot-mid-run', '--tags', tags, '--reports', reports]);
    assert.equal(run.exitCode, 1, run.out);
    const before = new Map(healthy.scenarios.map((scenario) => [scenarioKey(scenario), scenario.verdict]));
    const changed = run.scenarios.filter((scenario) => scenario.verdict !== before.get(scenarioKey(scenario)));
    assert.equal(changed.length, 1, changed.map((scenario) => `${scenarioKey(scenario)} ${scenario.verdict}: ${scenario.reasons.join('; ')}`).join('\n'));
    assert.equal(changed[0]!.verdict, 'FAIL');
    assert.match(changed[0]!.reasons[0]!, /^device restarted \(Ready at \d{4}-/);
    const index = run.scenarios.indexOf(changed[0]!);
    assert.ok(!usesNetwork(changed[0]!) && run.scenarios.slice(0, index).some(usesNetwork), `the restart must land in a scenario without the network, after a network scenario (it landed in ${scenarioKey(changed[0]!)}): choose other tags`);
    assert.ok(run.scenarios.slice(index + 1).some((scenario) => usesNetwork(scenario) && scenario.verdict === 'PASS'), 'a network scenario after the restart passes');
    const transcript = readFileSync(join(reports, 'transcript.txt'), 'utf8');
    assert.match(transcript.slice(transcript.lastIndexOf(' rx Ready')), / tx AT\+CFUN=1\\r\n/, 'the preflight turned the modem on again');
  });
});
