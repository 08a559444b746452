// The reports made while the run goes (LiveReports) equal those made afterwards from the
// messages file, and Allure's statuses are the verdicts in a real emulator run with a fault
// profile (issue 12 items 1 and 10): FAIL failed with a message that leads with the verdict
// and holds no stack frame, PASS and NON-STRICT passed.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceRun } from '../src/cli/run.ts';
import { parseRunOptions, type RunRequest } from '../src/cli/run-options.ts';
import { generateReports } from '../src/report/generate-reports.ts';
import { AllureResultsReplay } from '../src/report/allure-results.ts';
import type { Envelope } from '../src/report/run-messages.ts';
import { reportsDirectory } from './run-in-process.ts';

interface Result { name: string; status: string; statusDetails?: { message?: string; trace?: string }; labels: { name: string; value: string }[] }

function results(dir: string): Map<string, Result> {
  const files = readdirSync(dir).filter((name) => name.endsWith('-result.json'));
  return new Map(files.map((name) => {
    const result = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Result;
    return [result.name, result];
  }));
}

describe('Allure results taken during the run', () => {
  const dir = reportsDirectory('live-allure');
  const again = `${dir}-again`;
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(again, { recursive: true, force: true });
  });

  it('equal the results made from the messages file; a fault run gives failed and passed by verdict', async () => {
    const request = parseRunOptions(['--fault', 'drop-apoll', '--tags', '@XAPOLL or (@XSOCKET and @set)', '--reports', dir]) as RunRequest;
    const outcome = await conformanceRun(request, { out: () => undefined, err: () => undefined, tty: false, allure: 'results' });
    assert.equal(outcome.exitCode, 1);
    const verdicts = new Set(outcome.scenarios.map((scenario) => scenario.verdict));
    assert.ok(verdicts.has('FAIL') && verdicts.has('PASS') && verdicts.has('NON-STRICT'), [...verdicts].join(', '));

    cpSync(join(dir, 'cucumber-messages.ndjson'), join(again, 'cucumber-messages.ndjson'));
    await generateReports({ reportsDir: again, allure: 'results', environment: { dut: 'emulator', target: 'in-process', profile: 'firmware' } });
    const live = results(join(dir, 'allure-results'));
    const fromFile = results(join(again, 'allure-results'));
    assert.equal(live.size, outcome.scenarios.length);
    assert.deepEqual([...live.keys()].sort(), [...fromFile.keys()].sort());
    for (const scenario of outcome.scenarios) {
      const result = live.get(scenario.name)!;
      assert.equal(result.status, { 'PASS': 'passed', 'NON-STRICT': 'passed', 'FAIL': 'failed', 'INCONCLUSIVE': 'skipped', 'N/A': 'skipped', 'FLAKY': 'passed' }[scenario.verdict], scenario.name);
      assert.equal(result.status, fromFile.get(scenario.name)!.status, scenario.name);
      assert.equal(result.statusDetails?.message, fromFile.get(scenario.name)!.statusDetails?.message, scenario.name);
      if (scenario.verdict === 'FAIL') {
        assert.match(result.statusDetails?.message ?? '', /^FAIL: \S/);
        assert.ok(!JSON.stringify(result).includes('    at '), 'no stack frame in a device FAIL');
      }
    }
    assert.match(readFileSync(join(dir, 'allure-results', 'environment.properties'), 'utf8'), /^device\.adapter=emulator$/m);
  });

  it('are on disk as the scenarios finish, and replace the last run\'s results only when finished', async () => {
    const resultsDir = join(again, 'replayed-results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'last-run-result.json'), '{}');
    const replay = await AllureResultsReplay.start(resultsDir);
    const messages = readFileSync(join(dir, 'cucumber-messages.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Envelope);
    for (const message of messages) replay.push(message);
    // results are written while the run goes (no finish() yet): wait for the first to land
    const staging = `${resultsDir}.partial-${process.pid}`;
    const landed = (): boolean => readdirSync(staging).some((name) => name.endsWith('-result.json'));
    for (let waits = 0; waits < 1500 && !landed(); waits++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(landed(), 'results are written before finish()');
    assert.deepEqual(readdirSync(resultsDir), ['last-run-result.json'], 'the last run\'s results stay until this run\'s are complete');

    await replay.finish({ environment: [['device.adapter', 'emulator']] });
    const written = readdirSync(resultsDir);
    assert.equal(written.includes('last-run-result.json'), false);
    assert.equal(written.filter((name) => name.endsWith('-result.json')).length, messages.filter((message) => message.testCaseFinished).length);
    assert.ok(written.includes('environment.properties') && written.includes('categories.json'));
    assert.equal(existsSync(staging), false);
    assert.deepEqual(readdirSync(again).filter((name) => name.startsWith('replayed-results')), ['replayed-results']);
  });
});
