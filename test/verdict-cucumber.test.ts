// The real cucumber support code against a fake device on TCP: each kind of evidence gives
// its verdict and the cucumber status of the design's table.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDevice, type FakeDevice } from './dut-fake-device.ts';
import { runSuite, verdictSummary } from './verdict-suite-run.ts';

const OK = '\r\nOK\r\n';

let device: FakeDevice;
let reports: string;

function runFixture(worldParameters: { strict?: boolean }) {
  return runSuite({
    paths: ['test/verdict-fixtures/verdicts.feature'],
    extraImports: ['test/verdict-fixtures/*.steps.ts'],
    reports,
    worldParameters: { dut: `tcp:127.0.0.1:${device.port}`, absentCapabilities: ['dtls'], ...worldParameters },
  });
}

describe('verdicts through cucumber-js', () => {
  before(async () => {
    reports = await mkdtemp(join(tmpdir(), 'sm-verdicts-'));
    device = await startFakeDevice({ answers: { 'ATE0': OK, 'AT#XAPOLL=0,0': OK, 'AT#XCLOSE': OK } });
  });
  after(async () => {
    await device.close();
    await rm(reports, { recursive: true, force: true });
  });

  it('gives each scenario the verdict and cucumber status of the design table', async () => {
    const outcomes = await runFixture({});
    assert.deepEqual(verdictSummary(outcomes), {
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
    const outcomes = await runFixture({ strict: true });
    assert.deepEqual(outcomes.get('tagged erratum'), { ...outcomes.get('tagged erratum')!, verdict: 'FAIL', status: 'FAILED' });
    assert.deepEqual([outcomes.get('passes')!.verdict, outcomes.get('environment fails')!.verdict], ['PASS', 'INCONCLUSIVE']);
  });
});
