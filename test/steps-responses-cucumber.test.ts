// The core response steps through cucumber-js against a fake device: the spec's answer is a
// PASS, an erratum's answer NON-STRICT (FAIL when the scenario is not tagged with it), any
// other answer or a line the schema refuses a FAIL.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDevice, type FakeDevice } from './dut-fake-device.ts';
import { runSuite, verdictSummary } from './verdict-suite-run.ts';

const OK = '\r\nOK\r\n';
const ERROR = '\r\nERROR\r\n';

let device: FakeDevice;
let reports: string;

describe('response steps through cucumber-js', () => {
  before(async () => {
    reports = await mkdtemp(join(tmpdir(), 'sm-steps-'));
    device = await startFakeDevice({
      answers: {
        'ATE0': OK, 'AT#XAPOLL=0,0': OK, 'AT#XCLOSE': OK, 'AT#XSOCKET?': OK,
        'AT#XSSOCKETOPT=0,1,13': OK,
        'AT#XSSOCKETOPT=1,1,13': ERROR,
        'AT#XSOCKET=1,1,0': `\r\n#XSOCKET: 0,1,17\r\n${OK}`,
        'AT#XSEND=0,0,0,"x"': `\r\n#XSEND: 4,0\r\n${ERROR}`,
        'AT#XCLOSE=4': `\r\n#XCLOSE: 4,0\r\n${OK}`,
        'AT#XSOCKET=1,3,0': `\r\n#XSOCKET: 0,7,0\r\n${OK}`,
        'AT#XSOCKET=1,2,0': `\r\n#XSOCKET: 1,2,17\r\n${OK}`,
      },
    });
  });
  after(async () => {
    await device.close();
    await rm(reports, { recursive: true, force: true });
  });

  it('gives the spec answer PASS, a tagged erratum answer NON-STRICT and anything else FAIL', async () => {
    const outcomes = await runSuite({
      paths: ['test/steps-fixtures/responses.feature'],
      reports,
      worldParameters: { dut: `tcp:127.0.0.1:${device.port}` },
    });
    assert.deepEqual(verdictSummary(outcomes), {
      'spec answer': ['PASS', 'PASSED'],
      'erratum answer': ['NON-STRICT', 'PASSED'],
      'erratum answer, scenario not tagged': ['FAIL', 'FAILED'],
      'neither answer': ['FAIL', 'FAILED'],
      'erratum answer in a docstring, with a placeholder': ['NON-STRICT', 'PASSED'],
      'schema refuses a field': ['FAIL', 'FAILED'],
      'schema accepts': ['PASS', 'PASSED'],
    });
    assert.ok(outcomes.get('erratum answer')!.logs.some((line) => line.includes('AT#XSSOCKETOPT=1,1,13: got `ERROR` where the spec says `OK` (erratum E6)')));
    // the placeholder captured in the erratum's answer is sent by the next step
    assert.match(Buffer.concat(device.received).toString('latin1'), /AT#XCLOSE=4\r/);
    const messages = await readFile(join(reports, 'cucumber-messages.ndjson'), 'utf8');
    const schemaFailure = messages.split('\n').filter((line) => line.includes('"schema-failure.txt"')).map((line) => JSON.parse(line).attachment.body as string);
    assert.equal(schemaFailure.length, 1);
    assert.match(schemaFailure[0]!, /path: {5}\/type {2}\(ajv keyword: enum\)\nexpected: one of 1, 2, 3\nobserved: 7/);
  });
});
