// Ctrl-C and SIGTERM during `sm-conformance run` (issue 10 item 5), on the command as a
// user starts it: the first signal stops after the current step, marks the rest "not run",
// writes every report (consistent with what the terminal says) and exits 130; a second
// signal exits at once and still leaves a valid JUnit file and the transcript so far.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportsDirectory } from './run-in-process.ts';

const BIN = new URL('../bin/sm-conformance.mjs', import.meta.url).pathname;
/** Scenarios finished before the signal: the run is well under way, far from its end. */
const FINISHED_BEFORE_SIGNAL = 15;

interface Interrupted {
  code: number | null;
  stdout: string;
  stderr: string;
  reports: string;
}

function finishedScenarios(reports: string): number {
  try {
    return readFileSync(join(reports, 'cucumber-messages.ndjson'), 'utf8').split('"testCaseFinished"').length - 1;
  } catch {
    return 0;
  }
}

/** Starts the whole suite, sends `signals` once enough scenarios finished, waits for the exit. */
function interruptedRun(label: string, signals: readonly NodeJS.Signals[]): Promise<Interrupted> {
  const reports = reportsDirectory(label);
  // No Java: the Allure HTML is skipped with a note (it would only make the test slow); its results are written.
  const child = spawn(process.execPath, [BIN, 'run', '--reports', reports], { env: { ...process.env, JAVA_HOME: '/nonexistent-java' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (bytes: Buffer) => { stdout += bytes.toString(); });
  child.stderr.on('data', (bytes: Buffer) => { stderr += bytes.toString(); });
  const watch = setInterval(() => {
    if (finishedScenarios(reports) < FINISHED_BEFORE_SIGNAL) return;
    clearInterval(watch);
    signals.forEach((signal, index) => setTimeout(() => child.kill(signal), index * 30));
  }, 20);
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(watch);
      clearTimeout(guard);
      resolve({ code, stdout, stderr, reports });
    });
  });
}

function verdictLine(stdout: string): Record<string, number> {
  const line = /^verdicts: (.*) — /m.exec(stdout)?.[1];
  assert.ok(line, `a verdict line:\n${stdout}`);
  return Object.fromEntries(line.split(' · ').map((part) => {
    const at = part.lastIndexOf(' ');
    return [part.slice(0, at), Number(part.slice(at + 1))];
  }));
}

function attribute(xml: string, name: string): number {
  return Number(new RegExp(`<testsuites [^>]*${name}="(\\d+)"`).exec(xml)?.[1]);
}

describe('sm-conformance run interrupted', { timeout: 150_000 }, () => {
  it('the first SIGINT stops after the current step: the rest not run, every report written and consistent, exit 130', async () => {
    const run = await interruptedRun('sigint', ['SIGINT']);
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /SIGINT: stopping after the current step/);
    const total = readFileSync(join(run.reports, 'cucumber-messages.ndjson'), 'utf8').split('"testCase":').length - 1;
    assert.ok(total > FINISHED_BEFORE_SIGNAL);

    const terminal = verdictLine(run.stdout);
    const counted = Object.values(terminal).reduce((sum, count) => sum + count, 0);
    assert.equal(counted, total, 'the terminal counts every scenario');
    assert.ok(terminal.PASS! + terminal['NON-STRICT']! >= FINISHED_BEFORE_SIGNAL, 'the scenarios finished before the signal keep their verdicts');
    assert.equal(terminal.FAIL, 0);
    const notRun = Number(/(\d+) scenarios not run/.exec(run.stdout)?.[1]);
    assert.ok(notRun > 0 && notRun <= terminal.INCONCLUSIVE!, run.stdout);
    assert.match(run.stdout, /the run stopped early: interrupted \(SIGINT\)/);

    const junit = readFileSync(join(run.reports, 'junit.xml'), 'utf8');
    assert.match(junit, /<\/testsuites>\n?$/);
    assert.equal(attribute(junit, 'tests'), total);
    assert.equal(attribute(junit, 'failures'), terminal.FAIL);
    assert.equal(attribute(junit, 'skipped'), terminal.INCONCLUSIVE! + terminal['N/A']!);
    assert.equal(junit.match(/<skipped message="INCONCLUSIVE: not run/g)?.length, terminal.INCONCLUSIVE);

    const matrix = readFileSync(join(run.reports, 'verdict-matrix.json'), 'utf8');
    assert.ok(matrix.includes('"INCONCLUSIVE"'));
    assert.match(readFileSync(join(run.reports, 'cucumber-report.html'), 'utf8'), /<\/html>\s*$/);
    const allure = readdirSync(join(run.reports, 'allure-results')).filter((name) => name.endsWith('-result.json'));
    assert.equal(allure.length, total, 'an Allure result per scenario');

    // every scenario that started is in the transcript; the ones never started are not
    const transcript = readFileSync(join(run.reports, 'transcript.txt'), 'utf8');
    const started = transcript.split(' note scenario: ').length - 1;
    const neverStarted = junit.match(/<skipped message="INCONCLUSIVE: not run: /g)?.length ?? 0;
    assert.equal(started, total - neverStarted);
  });

  it('a second signal exits at once and leaves a valid JUnit file and the transcript so far', async () => {
    const run = await interruptedRun('sigint-twice', ['SIGINT', 'SIGINT']);
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /interrupted again: exiting now/);
    const junit = readFileSync(join(run.reports, 'junit.xml'), 'utf8');
    assert.match(junit, /^<\?xml [^>]*\?>\n<testsuites [^>]*>[\s\S]*<\/testsuites>\n?$/);
    assert.ok(attribute(junit, 'tests') >= FINISHED_BEFORE_SIGNAL, 'the scenarios finished before the signal');
    assert.equal(junit.match(/<testcase /g)?.length, attribute(junit, 'tests'));
    const transcript = readFileSync(join(run.reports, 'transcript.txt'), 'utf8');
    assert.ok(transcript.split(' note scenario: ').length - 1 >= FINISHED_BEFORE_SIGNAL, 'every finished scenario is in the transcript');
    assert.ok(existsSync(join(run.reports, 'cucumber-messages.ndjson')));
  });
});
