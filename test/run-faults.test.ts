// Proof that the suite can fail: each emulator fault profile breaks one rule, and a run
// against it must FAIL exactly the scenarios that cover that rule (decided from what each
// scenario saw in a healthy run, see run-fault-coverage.ts), leave every other verdict as
// it was, and complete. Faults that corrupt single answers run the whole suite (#XCLOSE
// without its OK a subset: half the suite closes sockets). Faults that stall every command
// (no OK, silence, 3 s late) fail the reset before every scenario: the run FAILs the first
// few and stops with the rest "not run" (exit 3), over the whole suite, in seconds.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WireFaultName as FaultName } from '../src/emulator/types.ts';
import { WIRE_FAULT_NAMES as FAULT_NAMES } from '../src/emulator/types.ts';
import type { ScenarioResult } from '../src/report/scenario-results.ts';
import { compareFaultRun, FAULT_COVERAGE, type RuleFault } from './run-fault-coverage.ts';
import { reportsDirectory, runInProcess } from './run-in-process.ts';

/** Faults no reset survives: the run stops after a few scenarios. */
const STOPPING: readonly RuleFault[] = ['missing-ok', 'silence', 'late-response'];

const RUNS: Readonly<Record<RuleFault, string | undefined>> = {
  'wrong-protocol': undefined,
  'space-after-colon': undefined,
  'lf-only': undefined,
  'drop-apoll': undefined,
  'lowercase-hex': undefined,
  'lose-payload-byte': undefined,
  'missing-ok': undefined,
  'silence': undefined,
  'late-response': undefined,
  'close-without-ok': '@XSOCKET or @XCLOSE',
};

const RULE_FAULTS = FAULT_NAMES.filter((fault): fault is RuleFault => fault !== 'flaky');

// A hang fails the test instead of blocking the whole test run.
const GUARD = { timeout: 180_000 };

describe('every emulator fault makes the suite FAIL on the scenarios that cover its rule', () => {
  let healthy: ScenarioResult[];

  before(async () => {
    const run = await runInProcess(['--reports', reportsDirectory('healthy')]);
    assert.equal(run.exitCode, 0, `the healthy emulator must pass:\n${run.out}`);
    healthy = run.scenarios;
  }, GUARD);

  it('covers every fault the emulator has', () => {
    assert.deepEqual(Object.keys(RUNS).sort(), RULE_FAULTS.sort());
  });

  for (const fault of STOPPING) {
    it(`${fault} (${FAULT_COVERAGE[fault].rule}): the first scenarios FAIL, then the run stops with the rest "not run"`, GUARD, async () => {
      const run = await runInProcess(['--fault', fault, '--reports', reportsDirectory(fault)]);
      assert.equal(run.exitCode, 3, `--fault ${fault} must stop the run early:\n${run.out}`);
      assert.equal(run.scenarios.length, healthy.length, 'every scenario is in the reports');
      const failed = run.scenarios.filter((scenario) => scenario.verdict === 'FAIL');
      const notRun = run.scenarios.filter((scenario) => scenario.verdict === 'INCONCLUSIVE' && /^not run: the device failed the reset before 3 scenarios in a row/.test(scenario.reasons[0] ?? ''));
      assert.ok(failed.length >= 3, 'the scenarios before the stop FAIL');
      assert.equal(failed.length + notRun.length, run.scenarios.length, 'every other scenario is "not run"');
      assert.match(run.out, /the run stopped early: the device failed the reset before 3 scenarios in a row/);
    });
  }

  for (const fault of RULE_FAULTS.filter((name) => !STOPPING.includes(name))) {
    const tags = RUNS[fault];
    it(`${fault} (${FAULT_COVERAGE[fault].rule})${tags ? `, on ${tags}` : ''}`, GUARD, async () => {
      const selected = tags === undefined ? healthy : await selectedScenarios(tags);
      const run = await runInProcess(['--fault', fault, '--reports', reportsDirectory(fault), ...(tags ? ['--tags', tags] : [])]);
      assert.equal(run.exitCode, 1, `--fault ${fault} must make the run FAIL:\n${run.out}`);
      assert.equal(run.scenarios.length, selected.length, 'the run completed every scenario');
      const comparison = compareFaultRun(selected, run.scenarios, fault);
      assert.ok(comparison.covering > 0, `no scenario covers "${FAULT_COVERAGE[fault].rule}": the features miss this fault`);
      assert.deepEqual(comparison.missed, [], 'scenarios that cover the rule but did not FAIL');
      assert.deepEqual(comparison.disturbed, [], 'scenarios that do not cover the rule but changed verdict');
      assert.equal(comparison.failed, comparison.covering);
    });
  }
});

/** The healthy verdicts of a tagged subset, from a healthy run of just that subset. */
async function selectedScenarios(tags: string): Promise<ScenarioResult[]> {
  const run = await runInProcess(['--tags', tags, '--reports', reportsDirectory('subset')]);
  assert.equal(run.exitCode, 0);
  assert.ok(run.scenarios.length > 0, `${tags} selects no scenario`);
  return run.scenarios;
}
