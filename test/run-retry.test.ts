// Retries that keep the truth (issue 11 item 5): against the emulator's `flaky` fault (a
// seeded, occasional corrupted line), `--retry 2` turns a scenario that failed and then passed
// into FLAKY in every report (terminal, JUnit, Allure statusDetails.flaky, matrix), never PASS;
// the run exits 0 unless a scenario FAILs every attempt or --fail-on-flaky is given.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceRun, type RunOutcome } from '../src/cli/run.ts';
import { parseRunOptions, type RunRequest } from '../src/cli/run-options.ts';
import { reportsDirectory, runInProcess, scenarioKey, type CollectedRun } from './run-in-process.ts';

const SUBSET = '@XSOCKET';
const GUARD = { timeout: 300_000 };

describe('--retry against the flaky fault profile', () => {
  let once: CollectedRun;
  let retried: RunOutcome & { out: string };
  let reports: string;

  before(async () => {
    once = await runInProcess(['--fault', 'flaky', '--tags', SUBSET, '--reports', reportsDirectory('flaky-once')]);
    reports = reportsDirectory('flaky-retry');
    const request = parseRunOptions(['--fault', 'flaky', '--retry', '2', '--tags', SUBSET, '--reports', reports]) as RunRequest;
    let out = '';
    // Allure results only (no Java): statusDetails.flaky is in the result files.
    retried = { ...(await conformanceRun(request, { out: (text) => { out += text; }, err: () => undefined, tty: false, allure: 'results' })), out };
  }, GUARD);

  it('without --retry the corrupted answers FAIL', () => {
    assert.equal(once.exitCode, 1);
    assert.ok(once.scenarios.some((scenario) => scenario.verdict === 'FAIL'));
  });

  it('a scenario that failed and then passed is FLAKY, never PASS', () => {
    const flaky = retried.scenarios.filter((scenario) => scenario.verdict === 'FLAKY');
    assert.ok(flaky.length > 0, 'the seeded corruption makes some scenario fail once');
    for (const scenario of retried.scenarios) {
      if ((scenario.failedAttempts ?? []).length > 0) assert.notEqual(scenario.verdict, 'PASS', `${scenarioKey(scenario)} failed on an attempt`);
      if (scenario.verdict === 'FLAKY') assert.match(scenario.reasons[0]!, /^failed, then passed on attempt [23]$/);
    }
    // Every scenario that FAILed in the single run either FLAKY or FAIL now (the seed moves on, so not the same set).
    assert.match(retried.out, /^FLAKY \(\d+; failed, then passed on --retry\):\n {2}features\//m);
    assert.match(retried.out, /verdicts: .* · FLAKY [1-9]\d* — /);
  });

  it('exit code: 0 unless a scenario FAILs every attempt', () => {
    const failing = retried.scenarios.filter((scenario) => scenario.verdict === 'FAIL').length;
    assert.equal(retried.exitCode, failing > 0 ? 1 : 0);
  });

  it('JUnit: a passing testcase with a flakyFailure per failed attempt and the verdict FLAKY', () => {
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    const cases = junit.split('<testcase ').slice(1).filter((text) => text.includes('<property name="verdict" value="FLAKY"/>'));
    assert.ok(cases.length > 0);
    for (const text of cases) {
      assert.match(text, /<flakyFailure message="attempt 1: [^"]+" type="FLAKY"\/>/);
      assert.doesNotMatch(text, /<failure /);
    }
  });

  it('Allure: statusDetails.flaky on a passed result; the matrix counts FLAKY', () => {
    const resultsDir = join(reports, 'allure-results');
    const results = readdirSync(resultsDir).filter((name) => name.endsWith('-result.json')).map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as { status: string; statusDetails?: { flaky?: boolean }; labels: { name: string; value: string }[] });
    const flaky = results.filter((result) => result.labels.some((label) => label.name === 'verdict' && label.value === 'FLAKY'));
    assert.equal(flaky.length, retried.scenarios.filter((scenario) => scenario.verdict === 'FLAKY').length);
    for (const result of flaky) assert.deepEqual([result.status, result.statusDetails?.flaky], ['passed', true]);
    const matrix = JSON.parse(readFileSync(join(reports, 'verdict-matrix.json'), 'utf8')) as { totals: Record<string, number> };
    assert.equal(matrix.totals.FLAKY, flaky.length);
  });

  it('--fail-on-flaky makes a FLAKY run exit 1', GUARD, async () => {
    const run = await runInProcess(['--fault', 'flaky', '--retry', '2', '--fail-on-flaky', '--tags', '@XSOCKET and @set and not @negative', '--reports', reportsDirectory('flaky-fail')]);
    assert.ok(run.scenarios.some((scenario) => scenario.verdict === 'FLAKY'), run.out);
    assert.equal(run.exitCode, 1);
    assert.match(run.out, /FLAKY fails the run \(--fail-on-flaky\)|— FAIL/);
  });
});
