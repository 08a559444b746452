// Side lanes (src/cli/scenario-lanes.ts) change when scenarios run, never what the reports
// say: a run with them gives the same scenarios, in the same order, with the same verdicts
// and steps as the same run without, and one whole transcript that `validate` accepts.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceRun, type RunOutcome } from '../src/cli/run.ts';
import { parseRunOptions } from '../src/cli/run-options.ts';
import { validateBytes } from '../src/transcript/validation.ts';
import { reportsDirectory, scenarioKey } from './run-in-process.ts';

const GUARD = { timeout: 120_000 };
/** Two scenarios that wait a second each for a client or a datagram that never comes, among others that do not. */
const TAGS = '@XACCEPT or @XRECVFROM';

async function run(label: string, sideLanes?: number): Promise<RunOutcome & { reportsDir: string }> {
  const reports = reportsDirectory(label);
  const request = parseRunOptions(['--tags', TAGS, '--reports', reports]);
  if (request === 'help') throw new Error('unexpected help');
  const outcome = await conformanceRun(sideLanes === undefined ? request : { ...request, sideLanes }, { out: () => undefined, err: () => undefined, tty: false, allure: false });
  return { ...outcome, reportsDir: reports };
}

/** What a report says of a scenario, without times. */
function content(outcome: RunOutcome): string[] {
  return outcome.scenarios.map((scenario) => `${scenarioKey(scenario)} ${scenario.verdict} ${scenario.reasons.join('; ')} | ${scenario.steps.map((step) => `${step.text}: ${step.status}`).join(' / ')}`);
}

function testCasesStarted(reports: string): string[] {
  const messages = readFileSync(join(reports, 'cucumber-messages.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, { id: string; pickleId: string; testCaseId: string }>);
  const pickleOf = new Map(messages.filter((message) => message.testCase).map((message) => [message.testCase!.id, message.testCase!.pickleId]));
  return messages.filter((message) => message.testCaseStarted).map((message) => pickleOf.get(message.testCaseStarted!.testCaseId)!);
}

describe('side lanes for the scenarios that wait on device time', () => {
  it('give the reports of a run without them, and one whole transcript', GUARD, async () => {
    const alone = await run('lanes-none', 0);
    const laned = await run('lanes');
    assert.ok(laned.scenarios.length > 10);
    assert.deepEqual(content(laned), content(alone));
    assert.equal(laned.exitCode, alone.exitCode);

    // the messages go out in the order the scenarios were assembled (the file's order), as without lanes
    const messages = readFileSync(join(laned.reportsDir, 'cucumber-messages.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { testCase?: { pickleId: string } });
    assert.deepEqual(testCasesStarted(laned.reportsDir), messages.filter((message) => message.testCase).map((message) => message.testCase!.pickleId));
    // without times; the device's identity is asked once per process, so only the first of the two runs has it
    const untimed = (path: string): string => readFileSync(path, 'utf8')
      .replace(/ time="[^"]*"| timestamp="[^"]*"|(name="network\.attach-time" value=)"[^"]*"/g, '$1').replace(/ *<property name="device\.(manufacturer|model|revision|serial-number|sm-version)" [^>]*>\n/g, '');
    assert.equal(untimed(join(laned.reportsDir, 'junit.xml')), untimed(join(alone.reportsDir, 'junit.xml')));

    // the side lanes ran (their emulators' sessions are in the transcript, after a reset each) and left no file of their own
    assert.deepEqual(readdirSync(laned.reportsDir).filter((name) => name.startsWith('transcript')), ['transcript.txt']);
    const transcript = readFileSync(join(laned.reportsDir, 'transcript.txt'), 'utf8');
    assert.match(transcript, / reset side lane 1: /);
    assert.equal(transcript.split(' note scenario: ').length - 1, laned.scenarios.length, 'every scenario is in the transcript');
    const { summary } = validateBytes(transcript);
    assert.equal(summary.totals.FAIL, 0);
  });
});
