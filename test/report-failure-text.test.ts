// What each report says about a failed step (issue 12 item 2): a device's wrong answer is
// the check's message and the verdict, with no stack frame, in cucumber's HTML error box,
// the JUnit failure text and the matrix page; a stack appears only when our own code threw
// (a TypeError), and then with our frames before node_modules'.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAllureResults } from '../src/report/allure-results.ts';
import { writeCucumberHtml } from '../src/report/cucumber-html.ts';
import { renderJunit } from '../src/report/junit-report.ts';
import { renderMatrixHtml } from '../src/report/matrix-html.ts';
import type { Envelope, StepResultMessage } from '../src/report/run-messages.ts';
import { scenarioResults, type ScenarioResult } from '../src/report/scenario-results.ts';
import { buildVerdictMatrix } from '../src/report/verdict-matrix.ts';
import { messageStream, type SyntheticFeature } from './report-message-stream.ts';

const DEVICE_MESSAGE = 'AT#XSOCKET?: expected `#XSOCKET: 0,1,0,1,0` / `OK`; got `#XSOCKET: 9` / `OK`';
const DEVICE_STACK = [
  `Error: ${DEVICE_MESSAGE}`,
  '    at ConformanceWorld.expectResponseOf (/project/steps/support/world.ts:124:11)',
  '    at ConformanceWorld.arity1 (/project/node_modules/util-arity/arity.js:22:24)',
].join('\n');
const BUG_MESSAGE = "Cannot read properties of undefined (reading 'handle')";
const BUG_STACK = [
  `TypeError: ${BUG_MESSAGE}`,
  '    at ConformanceWorld.arity1 (/project/node_modules/util-arity/arity.js:22:24)',
  '    at ConformanceWorld.openSocket (/project/steps/support/world.ts:166:20)',
].join('\n');
const OUR_FRAME = 'steps/support/world.ts:166';
const THEIR_FRAME = 'node_modules/util-arity';

const FEATURES: SyntheticFeature[] = [{
  uri: 'features/xsocket.feature',
  name: 'Socket #XSOCKET',
  scenarios: [
    {
      name: 'The device answers wrongly', tags: ['@XSOCKET', '@read', '@example:XSOCKET-5'],
      steps: [{ text: 'I send `AT#XSOCKET?`', status: 'FAILED', message: DEVICE_MESSAGE, exception: { type: 'Error', stackTrace: DEVICE_STACK } }],
      verdict: { verdict: 'FAIL', reasons: [DEVICE_MESSAGE] },
    },
    {
      name: 'The harness breaks', tags: ['@XSOCKET', '@set'],
      steps: [{ text: 'a TCP socket <tcp> is open', status: 'FAILED', message: BUG_MESSAGE, exception: { type: 'TypeError', stackTrace: BUG_STACK } }],
      verdict: { verdict: 'FAIL', reasons: [`TypeError: ${BUG_MESSAGE}`] },
    },
  ],
}];

/** The messages cucumber's page embeds (its `<` written as `\x3C`). */
function embeddedMessages(html: string): Envelope[] {
  const start = html.indexOf('window.CUCUMBER_MESSAGES = ') + 'window.CUCUMBER_MESSAGES = '.length;
  const end = html.indexOf(';\n</script>', start);
  return JSON.parse(html.slice(start, end).replaceAll('\\x3C', '\\u003C')) as Envelope[];
}

function assertOursFirst(text: string, where: string): void {
  assert.ok(text.includes(OUR_FRAME) && text.includes(THEIR_FRAME), `${where} keeps the stack: ${text}`);
  assert.ok(text.indexOf(OUR_FRAME) < text.indexOf(THEIR_FRAME), `${where}: node_modules frames come first: ${text}`);
}

describe('failure texts', () => {
  let dir: string;
  let envelopes: Envelope[];
  let scenarios: ScenarioResult[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sm-failure-text-'));
    envelopes = messageStream(FEATURES);
    scenarios = scenarioResults(envelopes).scenarios;
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('cucumber HTML: the error box holds the check\'s message alone, a harness bug its stack, ours first', async () => {
    const path = join(dir, 'cucumber-report.html');
    await writeCucumberHtml(envelopes, path);
    const failed = embeddedMessages(await readFile(path, 'utf8'))
      .map((envelope) => envelope.testStepFinished?.testStepResult)
      .filter((result): result is StepResultMessage => result?.status === 'FAILED');
    assert.equal(failed.length, 2);
    const [device, bug] = failed;
    // the app shows exception.stackTrace when there is one, else the message as it is
    assert.deepEqual({ message: device!.message, exception: device!.exception }, { message: DEVICE_MESSAGE, exception: undefined });
    assert.equal(bug!.exception?.type, 'TypeError');
    assertOursFirst(bug!.exception?.stackTrace ?? '', 'the harness bug\'s box');
    // the messages themselves are not changed: the file on disk keeps what cucumber recorded
    assert.equal(envelopes.find((envelope) => envelope.testStepFinished?.testStepResult.status === 'FAILED')!.testStepFinished!.testStepResult.message, DEVICE_STACK);
  });

  it('JUnit: the failure text leads with the verdict; a stack only for the harness bug, ours first', () => {
    const xml = renderJunit(scenarios);
    const texts = [...xml.matchAll(/<failure [^>]*>([^<]*)<\/failure>/g)].map((match) => match[1]!);
    assert.equal(texts.length, 2);
    const [device, bug] = texts;
    assert.ok(device!.startsWith('FAIL: AT#XSOCKET?: expected'), device);
    assert.match(device!, /\nexpected: `#XSOCKET: 0,1,0,1,0` \/ `OK`\nobserved: `#XSOCKET: 9` \/ `OK`\n/);
    assert.match(device!, /\nspec example XSOCKET-5 /);
    assert.ok(!device!.includes('    at ') && !device!.includes('node_modules'), device);
    assert.ok(bug!.startsWith('FAIL: TypeError: '), bug);
    assertOursFirst(bug!, 'the JUnit text of the harness bug');
  });

  it('matrix page: the device\'s failure without a stack, the harness bug with it', () => {
    const html = renderMatrixHtml(buildVerdictMatrix(scenarios), scenarios);
    const shown = [...html.matchAll(/<pre>([^<]*)<\/pre>/g)].map((match) => match[1]!);
    const device = shown.find((text) => text.includes('expected `#XSOCKET: 0,1,0,1,0`'));
    assert.ok(device && !device.includes('    at ') && !device.includes('node_modules'), device);
    const bug = shown.find((text) => text.startsWith('TypeError: Cannot read properties'));
    assertOursFirst(bug ?? '', 'the matrix page\'s harness bug');
  });

  it('Allure: the device\'s FAIL is failed without a trace, the harness bug broken with its stack, ours first', async () => {
    const resultsDir = join(dir, 'allure-results');
    await writeAllureResults(envelopes, scenarios, { resultsDir, environment: [] });
    const results = await Promise.all((await readdir(resultsDir)).filter((name) => name.endsWith('-result.json'))
      .map(async (name) => JSON.parse(await readFile(join(resultsDir, name), 'utf8')) as { name: string; status: string; statusDetails?: { message?: string; trace?: string } }));
    const device = results.find((result) => result.name === 'The device answers wrongly')!;
    assert.equal(device.status, 'failed');
    assert.ok(!JSON.stringify(device).includes('    at '), JSON.stringify(device));
    const bug = results.find((result) => result.name === 'The harness breaks')!;
    assert.equal(bug.status, 'broken');
    assertOursFirst(bug.statusDetails?.trace ?? '', 'Allure\'s trace of the harness bug');
  });
});
