// Beyond one host (issue 11 items 6 and 7): `run --shard i/n` splits the scenarios the way
// cucumber does, `sm-conformance merge` joins the shards' report folders into one set of
// reports equal to the whole run (one matrix, one JUnit, one Allure result set), and
// `sm-conformance diff` names, per device, the regressions of a fault-profile run against a
// clean one (exit 1) and nothing between two equal runs (exit 0).

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf, type CollectedRun } from './run-in-process.ts';
import { diffRuns, renderRunDiff, type RecordedScenario } from '../src/report/run-diff.ts';

const CLI = fileURLToPath(new URL('../bin/sm-conformance.mjs', import.meta.url));
const SUBSET = '@XCLOSE';
const GUARD = { timeout: 300_000 };

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface MatrixFile { totals: Record<string, number>; scenarios: { uri: string; line?: number; name: string; verdict: string; device?: string }[] }

function matrixOf(dir: string): MatrixFile {
  return JSON.parse(readFileSync(join(dir, 'verdict-matrix.json'), 'utf8')) as MatrixFile;
}

describe('shards, merge and diff', () => {
  let whole: CollectedRun;
  const dirs = { whole: reportsDirectory('whole'), shard1: reportsDirectory('shard-1'), shard2: reportsDirectory('shard-2'), merged: reportsDirectory('merged'), fault: reportsDirectory('fault') };
  let shards: CollectedRun[];

  before(async () => {
    whole = await runInProcess(['--tags', SUBSET, '--reports', dirs.whole]);
    shards = [
      await runInProcess(['--tags', SUBSET, '--shard', '1/2', '--reports', dirs.shard1]),
      await runInProcess(['--tags', SUBSET, '--shard', '2/2', '--reports', dirs.shard2]),
    ];
  }, GUARD);

  it('--shard i/n: the shards split the run, no scenario twice, none lost', () => {
    const keys = shards.map((shard) => shard.scenarios.map(scenarioKey));
    assert.ok(keys.every((list) => list.length > 0));
    assert.deepEqual([...keys[0]!, ...keys[1]!].sort(), whole.scenarios.map(scenarioKey).sort());
  });

  it('merge of the two shards equals the whole run: verdicts, matrix totals, JUnit and Allure results', GUARD, () => {
    const merged = cli('merge', dirs.shard1, dirs.shard2, '--reports', dirs.merged);
    assert.equal(merged.status, whole.exitCode, merged.stderr);
    assert.match(merged.stdout, new RegExp(`^merged 2 report folders: ${whole.scenarios.length} scenarios\n`));
    const matrix = matrixOf(dirs.merged);
    const verdicts = new Map(matrix.scenarios.map((scenario) => [`${scenario.uri}:${scenario.line ?? '?'} ${scenario.name}`, scenario.verdict]));
    assert.deepEqual([...verdicts.entries()].sort(), [...verdictsOf(whole).entries()].sort());
    assert.deepEqual(matrix.totals, matrixOf(dirs.whole).totals);
    const testcases = (readFileSync(join(dirs.merged, 'junit.xml'), 'utf8').match(/<testcase /g) ?? []).length;
    assert.equal(testcases, whole.scenarios.length);
    const results = readdirSync(join(dirs.merged, 'allure-results')).filter((name) => name.endsWith('-result.json'));
    assert.equal(results.length, whole.scenarios.length, 'one Allure result per scenario');
    assert.deepEqual(readdirSync(dirs.merged).filter((name) => name.startsWith('transcript-')).length, 2, 'each shard\'s transcript');
  });

  it('merge refuses a folder that is not a run\'s reports, in one line, exit 2', () => {
    const refused = cli('merge', dirs.shard1, join(dirs.shard1, 'missing'), '--reports', reportsDirectory('refused'));
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^sm-conformance merge: .*missing is not a reports folder of sm-conformance run: .*\n$/);
    assert.equal(cli('merge', dirs.shard1, '--reports', dirs.shard1).status, 2);
  });

  it('diff names the regressions of a fault-profile run against a clean one, per device, exit 1', GUARD, async () => {
    const fault = await runInProcess(['--tags', SUBSET, '--fault', 'wrong-protocol', '--reports', dirs.fault]);
    const regressed = fault.scenarios.filter((scenario) => scenario.verdict === 'FAIL').map((scenario) => `${scenario.uri}  ${scenario.name}`);
    assert.ok(regressed.length > 0);
    const result = cli('diff', dirs.whole, dirs.fault);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, new RegExp(`^device emulator:\n  regressions \\(${regressed.length}\\):\n`));
    for (const name of regressed) assert.ok(result.stdout.includes(`    ${name}: `), `${name} is named`);
    assert.match(result.stdout, new RegExp(`regressions ${regressed.length} · newly flaky 0 · fixed 0 · changed 0 · added 0 · removed 0\n$`));
    const reverse = cli('diff', dirs.fault, dirs.whole);
    assert.equal(reverse.status, 0);
    assert.match(reverse.stdout, new RegExp(`fixed ${regressed.length}`));
  });

  it('diff of the merged shards against the whole run: nothing changed, exit 0', () => {
    const result = cli('diff', dirs.whole, dirs.merged);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'no verdict changed; regressions 0 · newly flaky 0 · fixed 0 · changed 0 · added 0 · removed 0\n');
  });
});

describe('diffRuns', () => {
  const scenario = (name: string, verdict: RecordedScenario['verdict'], device = 'board-a'): RecordedScenario => ({ uri: 'features/x.feature', name, verdict, device });

  it('sorts every change into its kind, per device', () => {
    const diff = diffRuns(
      [scenario('a', 'PASS'), scenario('b', 'FAIL'), scenario('c', 'PASS'), scenario('d', 'PASS'), scenario('gone', 'PASS'), scenario('a', 'PASS', 'board-b')],
      [scenario('a', 'FAIL'), scenario('b', 'NON-STRICT'), scenario('c', 'FLAKY'), scenario('d', 'INCONCLUSIVE'), scenario('new', 'PASS'), scenario('a', 'PASS', 'board-b')],
    );
    const names = (entries: { scenario: string; device: string }[]) => entries.map((entry) => `${entry.device} ${entry.scenario.split('  ')[1]}`);
    assert.deepEqual(names(diff.regressions), ['board-a a']);
    assert.deepEqual(names(diff.fixes), ['board-a b']);
    assert.deepEqual(names(diff.newlyFlaky), ['board-a c']);
    assert.deepEqual(names(diff.changed), ['board-a d']);
    assert.deepEqual(names(diff.added), ['board-a new']);
    assert.deepEqual(names(diff.removed), ['board-a gone']);
    assert.match(renderRunDiff(diff), /^device board-a:\n {2}regressions \(1\):\n {4}features\/x.feature {2}a: PASS → FAIL\n/);
  });

  it('the same scenario on another device is another scenario', () => {
    const diff = diffRuns([scenario('a', 'PASS', 'board-a')], [scenario('a', 'FAIL', 'board-b')]);
    assert.deepEqual([diff.regressions.length, diff.added.length, diff.removed.length], [0, 1, 1]);
  });
});
