// Runs the real cucumber support code through cucumber-js's programmatic API (as
// `sm-conformance run` will) against a fake device on TCP, and checks that each kind of
// evidence gives its verdict and the cucumber status of the design's table.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { Writable } from 'node:stream';
import { VERDICT_MEDIA_TYPE } from '../src/report/verdict.ts';
import { startFakeDevice, type FakeDevice } from './dut-fake-device.ts';

const OK = '\r\nOK\r\n';

interface ScenarioOutcome {
  status: string;
  verdict: string;
  logs: string[];
}

let device: FakeDevice;
let reports: string;
let support: Awaited<ReturnType<typeof runCucumber>>['support'] | undefined;
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

async function runFixture(worldParameters: Record<string, unknown>): Promise<Map<string, ScenarioOutcome>> {
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: {
      paths: ['test/verdict-fixtures/verdicts.feature'],
      import: ['steps/support/register.mjs', 'steps/**/*.ts', 'test/verdict-fixtures/*.steps.ts'],
      format: [],
      worldParameters: { dut: `tcp:127.0.0.1:${device.port}`, reports, ...worldParameters },
    },
  });
  // support code is loaded once per process (ES modules run once), then reused
  const configuration = support ? { ...runConfiguration, support } : runConfiguration;
  const envelopes: Envelope[] = [];
  const result = await runCucumber(configuration, { stdout: quiet, stderr: process.stderr }, (envelope) => envelopes.push(envelope));
  support = result.support;
  return outcomesOf(envelopes);
}

function outcomesOf(envelopes: Envelope[]): Map<string, ScenarioOutcome> {
  const pickleNames = new Map<string, string>();
  const testCasePickles = new Map<string, string>();
  const startedCases = new Map<string, string>();
  const outcomes = new Map<string, ScenarioOutcome>();
  const severity = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];
  for (const envelope of envelopes) {
    if (envelope.pickle) pickleNames.set(envelope.pickle.id, envelope.pickle.name);
    if (envelope.testCase) testCasePickles.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      const name = pickleNames.get(testCasePickles.get(envelope.testCaseStarted.testCaseId)!)!;
      startedCases.set(envelope.testCaseStarted.id, name);
      outcomes.set(name, { status: 'PASSED', verdict: '', logs: [] });
    }
    const finished = envelope.testStepFinished;
    if (finished) {
      const outcome = outcomes.get(startedCases.get(finished.testCaseStartedId)!)!;
      if (severity.indexOf(finished.testStepResult.status) > severity.indexOf(outcome.status)) outcome.status = finished.testStepResult.status;
    }
    const attachment = envelope.attachment;
    if (attachment?.testCaseStartedId) {
      const outcome = outcomes.get(startedCases.get(attachment.testCaseStartedId)!)!;
      if (attachment.mediaType === VERDICT_MEDIA_TYPE) outcome.verdict = JSON.parse(attachment.body).verdict;
      if (attachment.mediaType === 'text/x.cucumber.log+plain') outcome.logs.push(attachment.body);
    }
  }
  return outcomes;
}

describe('verdicts through cucumber-js', () => {
  before(async () => {
    reports = await mkdtemp(join(tmpdir(), 'sm-verdicts-'));
    device = await startFakeDevice({ answers: { 'ATE0': OK, 'AT#XAPOLL=0': OK, 'AT#XCLOSE': OK } });
  });
  after(async () => {
    await device.close();
    await rm(reports, { recursive: true, force: true });
  });

  it('gives each scenario the verdict and cucumber status of the design table', async () => {
    const outcomes = await runFixture({ absentCapabilities: ['dtls'] });
    const summary = Object.fromEntries([...outcomes].map(([name, outcome]) => [name, [outcome.verdict, outcome.status]]));
    assert.deepEqual(summary, {
      'passes': ['PASS', 'PASSED'],
      'environment fails': ['INCONCLUSIVE', 'SKIPPED'],
      'capability absent': ['N/A', 'SKIPPED'],
      'tagged erratum': ['NON-STRICT', 'PASSED'],
      'untagged erratum': ['FAIL', 'FAILED'],
      'device deviates': ['FAIL', 'FAILED'],
    });
    assert.ok(outcomes.get('environment fails')!.logs.includes('INCONCLUSIVE: the TCP echo peer refused the connection'));
    assert.ok(outcomes.get('capability absent')!.logs.includes('N/A: the device profile lacks dtls'));
    const transcript = await readFile(join(reports, 'transcript.txt'), 'utf8');
    assert.match(transcript, /^#sm-conformance-transcript 1\n#@ dut=tcp\n/);
    assert.match(transcript, / tx AT\+NOPE\\r\n/);
  });

  it('fails an erratum deviation under --strict', async () => {
    const outcomes = await runFixture({ strict: true, absentCapabilities: ['dtls'] });
    assert.deepEqual([outcomes.get('tagged erratum')!.verdict, outcomes.get('tagged erratum')!.status], ['FAIL', 'FAILED']);
    assert.deepEqual([outcomes.get('passes')!.verdict, outcomes.get('environment fails')!.verdict], ['PASS', 'INCONCLUSIVE']);
  });
});
