// What a run must report when the device link is lost mid-scenario, whatever the link (a TCP
// exporter, a serial port): the same claims for every transport, checked in one place.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioResult } from '../src/report/scenario-results.ts';
import { scenarioKey, verdictsOf, type CollectedRun } from './run-in-process.ts';

export type RunWithReports = CollectedRun & { dir: string };

export function reasonOf(scenario: ScenarioResult): string {
  return scenario.reasons.join('; ');
}

/**
 * The link never came back within --reconnect: the scenario in progress INCONCLUSIVE
 * "device link lost at <time>", the rest "not run", the earlier verdicts as in the healthy
 * run, every report written, exit 3.
 */
export function assertStoppedForGood(run: RunWithReports, healthy: CollectedRun, reconnectSeconds: number): void {
  assert.equal(run.exitCode, 3, run.out);
  assert.deepEqual(run.scenarios.filter((scenario) => scenario.verdict === 'FAIL').map(scenarioKey), [], 'no FAIL: the lab lost the link, not the device');
  assert.equal(run.scenarios.length, healthy.scenarios.length, 'every scenario is in the reports');
  const lost = run.scenarios.filter((scenario) => /^device link lost at \d{4}-\d\d-\d\dT/.test(reasonOf(scenario)));
  assert.equal(lost.length, 1, `one scenario was in progress: ${run.scenarios.map(reasonOf).join(' | ')}`);
  const notRun = run.scenarios.filter((scenario) => new RegExp(`^not run: device link lost at .*not back within ${reconnectSeconds} s`).test(reasonOf(scenario)));
  assert.ok(notRun.length > 0, 'the scenarios after it were not run');
  const index = run.scenarios.indexOf(lost[0]!);
  assert.ok(notRun.every((scenario) => run.scenarios.indexOf(scenario) > index), 'only scenarios after the loss are "not run"');
  for (const scenario of [...lost, ...notRun]) assert.equal(scenario.verdict, 'INCONCLUSIVE');
  const before = run.scenarios.slice(0, index);
  assert.deepEqual(before.map((scenario) => scenario.verdict), before.map((scenario) => verdictsOf(healthy).get(scenarioKey(scenario))), 'the scenarios before the loss keep their verdicts');
  assert.match(run.out, /the run stopped early: device link lost at .*; \d+ scenarios? not run/);

  const junit = readFileSync(join(run.dir, 'junit.xml'), 'utf8');
  assert.equal(junit.match(/<testcase /g)?.length, run.scenarios.length);
  assert.equal(junit.match(/<skipped message="INCONCLUSIVE: not run: device link lost/g)?.length, notRun.length);
  const matrix = JSON.parse(readFileSync(join(run.dir, 'verdict-matrix.json'), 'utf8')) as unknown;
  assert.ok(JSON.stringify(matrix).includes('INCONCLUSIVE'));
  assert.ok(existsSync(join(run.dir, 'cucumber-report.html')));
  assert.match(readFileSync(join(run.dir, 'transcript.txt'), 'utf8'), /note device link lost at .*; reconnecting/);
}

/** The link came back within --reconnect: only the scenario in progress changed, INCONCLUSIVE "device link lost". */
export function assertReconnected(run: RunWithReports, healthy: CollectedRun): void {
  assert.equal(run.exitCode, 0, run.out);
  const changed = run.scenarios.filter((scenario) => scenario.verdict !== verdictsOf(healthy).get(scenarioKey(scenario)));
  assert.equal(changed.length, 1, changed.map((scenario) => `${scenarioKey(scenario)} ${scenario.verdict}: ${reasonOf(scenario)}`).join('\n'));
  assert.equal(changed[0]!.verdict, 'INCONCLUSIVE');
  assert.match(reasonOf(changed[0]!), /^device link lost at /);
  assert.match(readFileSync(join(run.dir, 'transcript.txt'), 'utf8'), / reset device link back after \d+ ms\n/);
}
