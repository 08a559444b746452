// generateReports end to end: from a synthetic message stream, and from a real cucumber
// run of a small tagged subset against a fake device. Allure holds one result per scenario
// with labels, links and wire slices; JUnit and the matrix match the verdicts; no report
// holds key material; without Java the run says in one line how to get Allure's HTML.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReports } from '../src/report/generate-reports.ts';
import { DEVICE_IDENTITY_MEDIA_TYPE } from '../src/report/run-environment.ts';
import { startFakeDevice, type FakeDevice } from './dut-fake-device.ts';
import { messageStream, toNdjson, verdictFeatures } from './report-message-stream.ts';
import { runSuite } from './verdict-suite-run.ts';

const OK = '\r\nOK\r\n';
const PSK = '00112233445566778899AABBCCDDEEFF';
const INJECTED = '<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">';

interface AllureContainerFile {
  children: string[];
  befores: { steps: { attachments: { name: string }[] }[] }[];
  afters: unknown[];
}

interface AllureResultFile {
  uuid: string;
  name: string;
  status: string;
  statusDetails?: { message?: string; trace?: string };
  labels: { name: string; value: string }[];
  parameters: { name: string; value: string }[];
  links: { url: string; name?: string; type?: string }[];
  descriptionHtml?: string;
  steps: { name: string; attachments: { name: string; type: string; source: string }[]; steps: { attachments: { name: string; type: string; source: string }[] }[] }[];
}

async function allureResults(dir: string): Promise<AllureResultFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('-result.json'));
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as AllureResultFile));
}

/** The scenario's whole wire, attached to the test (Allure wraps it in a step of its name). */
function scenarioWire(result: AllureResultFile): AllureResultFile['steps'][number]['attachments'] {
  return result.steps.filter((step) => step.name === 'wire.txt').flatMap((step) => step.attachments);
}

/** Wire slices attached under the scenario's steps. */
function stepWire(result: AllureResultFile): AllureResultFile['steps'][number]['attachments'] {
  return result.steps.flatMap((step) => step.steps ?? []).flatMap((step) => step.attachments).filter((attachment) => attachment.name === 'wire.txt');
}

function label(result: AllureResultFile, name: string): string[] {
  return result.labels.filter((each) => each.name === name).map((each) => each.value);
}

/** Every file under `dir`, recursively, as text. */
async function everyFile(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await everyFile(path));
    else out.push({ path, text: await readFile(path, 'latin1') });
  }
  return out;
}

describe('generateReports from a synthetic stream', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sm-report-gen-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes JUnit, the matrix, cucumber HTML and Allure results with labels, links and the environment', async () => {
    const envelopes = messageStream(verdictFeatures(INJECTED));
    envelopes.splice(3, 0, { attachment: { mediaType: DEVICE_IDENTITY_MEDIA_TYPE, body: JSON.stringify({ manufacturer: 'Nordic', model: 'nRF9151', revision: 'mfw 2.0.2' }), contentEncoding: 'IDENTITY' } });
    await writeFile(join(dir, 'cucumber-messages.ndjson'), toNdjson(envelopes));
    await writeFile(join(dir, 'transcript-worker-0.txt'), '#sm-conformance-transcript 1\n');
    const reports = await generateReports({ reportsDir: dir, allure: 'results', environment: { dut: 'serial', target: '/dev/ttyACM0', baud: 115200, profile: 'firmware' } });

    assert.deepEqual(reports.paths.transcripts, [join(dir, 'transcript-worker-0.txt')]);
    assert.equal(reports.scenarios.length, 5);
    assert.ok(reports.totalMs >= 0 && typeof reports.timings['allure results'] === 'number');
    assert.match(reports.summary, /\ntotal\s+1\s+1\s+1\s+1\s+1\s+3\/47\n/);
    const junit = await readFile(reports.paths.junit, 'utf8');
    assert.equal(junit.match(/<testcase /g)!.length, 5);
    const matrix = JSON.parse(await readFile(reports.paths.matrixJson, 'utf8'));
    assert.deepEqual(matrix.totals, reports.matrix.totals);
    const html = await readFile(reports.paths.cucumberHtml, 'utf8');
    assert.ok(html.includes('The device names itself'));
    assert.ok(!html.includes('<script>window.__injected'), 'device text is embedded escaped');

    const results = await allureResults(reports.paths.allureResults!);
    assert.equal(results.length, 5);
    const open = results.find((result) => result.name === 'Open a TCP socket')!;
    assert.deepEqual(label(open, 'epic'), ['Socket AT commands']);
    assert.deepEqual(label(open, 'feature'), ['#XSOCKET']);
    assert.deepEqual(label(open, 'story'), ['#XSOCKET set']);
    assert.deepEqual(label(open, 'verdict'), ['PASS']);
    assert.deepEqual(open.parameters, [{ name: 'verdict', value: 'PASS' }]);
    // self-contained: the example's spec text is in the result, no link to a sibling file
    assert.deepEqual(open.links, []);
    assert.match(open.descriptionHtml ?? '', /spec example <b>XSOCKET-1<\/b> \(#XSOCKET\):<\/p><pre>AT#XSOCKET=1,1,0\n#XSOCKET: 0,1,6\nOK<\/pre>/);
    // one wire file per scenario, on the test itself; a passing step keeps none of its own
    assert.deepEqual(scenarioWire(open).map((attachment) => [attachment.name, attachment.type]), [['wire.txt', 'text/plain']]);
    assert.deepEqual(stepWire(open), []);
    const erratum = results.find((result) => result.name === 'The socket table holds 7 sockets')!;
    assert.deepEqual(erratum.links, []);
    assert.match(erratum.descriptionHtml ?? '', /erratum <b>E1<\/b>: the spec says <q>The application can open up to 8 sockets\.<\/q>; the firmware: The socket table holds 7/);
    assert.equal(erratum.statusDetails?.message?.split('\n', 1)[0], 'NON-STRICT: the 8th socket gives ERROR (erratum E1)');
    assert.equal(erratum.status, 'passed');
    assert.ok(label(erratum, 'tag').includes('NON-STRICT E1'));
    const skipped = results.filter((result) => result.status === 'skipped').map((result) => result.statusDetails?.message?.split('\n', 1)[0]).sort();
    assert.deepEqual(skipped, ['INCONCLUSIVE: the TCP echo peer refused the connection', 'N/A: the device profile lacks dtls']);
    assert.equal(results.find((result) => result.name === 'The device names itself')!.status, 'failed');

    const environment = await readFile(join(reports.paths.allureResults!, 'environment.properties'), 'utf8');
    assert.match(environment, /^device\.adapter=serial$/m);
    assert.match(environment, /^device\.port=\/dev\/ttyACM0$/m);
    assert.match(environment, /^device\.baud=115200$/m);
    assert.match(environment, /^device\.model=nRF9151$/m);
    assert.match(environment, /^device\.revision=mfw 2\.0\.2$/m);
    assert.match(environment, /^harness\.version=sm-conformance \d+\.\d+\.\d+$/m);
    assert.match(environment, /^spec\.version=/m);
    const categories = JSON.parse(await readFile(join(reports.paths.allureResults!, 'categories.json'), 'utf8')) as { name: string }[];
    assert.deepEqual(categories.map((category) => category.name).slice(0, 6), ['Timeout', 'Framing error', 'Schema mismatch', 'Unexpected ERROR', 'Unexpected URC', 'Peer mismatch']);
    const executor = JSON.parse(await readFile(join(reports.paths.allureResults!, 'executor.json'), 'utf8'));
    assert.equal(executor.name, 'sm-conformance');
    // the overview's title says what its ring is made of
    assert.equal(executor.reportName, 'sm-conformance: 1 PASS · 1 NON-STRICT · 1 FAIL · 1 INCONCLUSIVE · 1 N/A');
  });

  it('without Java says in one line how to get the Allure HTML, and writes everything else', async () => {
    await writeFile(join(dir, 'cucumber-messages.ndjson'), toNdjson(messageStream(verdictFeatures())));
    const reports = await generateReports({ reportsDir: dir, java: join(dir, 'no-java', 'bin', 'java') });
    assert.equal(reports.paths.allureHtml, undefined);
    assert.equal(reports.notes.length, 1);
    assert.ok(!reports.notes[0]!.includes('\n'));
    assert.match(reports.notes[0]!, /Java was not found.*npx allure generate --single-file/);
    assert.ok(reports.paths.allureResults);
  });

  it('a messages file that is missing or broken is a clear error', async () => {
    await assert.rejects(generateReports({ reportsDir: dir, messagesFile: join(dir, 'nope.ndjson'), allure: false }), /cannot read the cucumber messages .*nope\.ndjson: ENOENT/);
    await writeFile(join(dir, 'broken.ndjson'), '{"meta":{}}\n{oops\n');
    await assert.rejects(generateReports({ reportsDir: dir, messagesFile: join(dir, 'broken.ndjson'), allure: false }), /broken\.ndjson:2: not a JSON message/);
  });
});

describe('generateReports after a real cucumber run', () => {
  let device: FakeDevice;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sm-report-run-'));
    device = await startFakeDevice({
      answers: {
        'ATE0': OK, 'AT#XAPOLL=0,0': OK, 'AT#XCLOSE': OK,
        'AT#XSOCKET=1,1,0': '\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n',
        'AT#XSOCKET?': `\r\n${INJECTED}\r\n\r\nOK\r\n`,
        [`AT%CMNG=0,16842753,3,"${PSK}"`]: OK,
      },
    });
  });
  after(async () => {
    await device.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives one Allure result per scenario with its wire slices and labels, JUnit and matrix per verdict, and no key anywhere', async () => {
    await runSuite({
      paths: ['test/report-fixtures/report.feature'],
      extraImports: ['test/verdict-fixtures/*.steps.ts'],
      reports: dir,
      worldParameters: { dut: `tcp:127.0.0.1:${device.port}`, absentCapabilities: ['dtls'] },
    });
    const reports = await generateReports({ reportsDir: dir, allure: 'results', environment: { dut: 'tcp', target: `127.0.0.1:${device.port}` } });
    const verdicts = Object.fromEntries(reports.scenarios.map((scenario) => [scenario.name, scenario.verdict]));
    assert.deepEqual(verdicts, {
      'Open a TCP socket': 'PASS',
      'A device answering with markup': 'FAIL',
      'A tagged erratum': 'NON-STRICT',
      'The environment fails': 'INCONCLUSIVE',
      'A capability is absent': 'N/A',
      'Credentials are written': 'PASS',
    });

    const results = await allureResults(reports.paths.allureResults!);
    assert.equal(results.length, 6);
    for (const result of results) {
      assert.deepEqual(label(result, 'epic'), ['Socket AT commands'], result.name);
      assert.deepEqual(label(result, 'feature'), ['#XSOCKET'], result.name);
      assert.equal(label(result, 'verdict')[0], verdicts[result.name], result.name);
    }
    // Allure's status is the verdict (issue 12 item 1)
    const statuses = Object.fromEntries(results.map((result) => [result.name, result.status]));
    assert.deepEqual(statuses, {
      'Open a TCP socket': 'passed',
      'A device answering with markup': 'failed',
      'A tagged erratum': 'passed',
      'The environment fails': 'skipped',
      'A capability is absent': 'skipped',
      'Credentials are written': 'passed',
    });
    const failed = results.find((result) => result.name === 'A device answering with markup')!;
    assert.match(failed.statusDetails?.message ?? '', /^FAIL: AT#XSOCKET\?: expected .* got /);
    assert.match(failed.statusDetails?.message ?? '', /\nexpected: .*\nobserved: .*<script>window.__injected/);
    // a device's wrong answer is no harness breakage: no stack frame, here or on a step
    assert.equal(failed.statusDetails?.trace, undefined);
    const failedText = JSON.stringify(failed);
    assert.ok(!failedText.includes('    at ') && !failedText.includes('node_modules') && !failedText.includes('"broken"'), failedText);
    const nonStrict = results.find((result) => result.name === 'A tagged erratum')!;
    assert.match(nonStrict.statusDetails?.message ?? '', /^NON-STRICT: .*\(erratum E\d+\)/);
    const erratumId = /\(erratum (E\d+)\)/.exec(nonStrict.statusDetails!.message!)![1]!;
    assert.ok(label(nonStrict, 'tag').includes(`NON-STRICT ${erratumId}`));
    const categories = JSON.parse(await readFile(join(reports.paths.allureResults!, 'categories.json'), 'utf8')) as { name: string; matchedStatuses: string[]; messageRegex: string }[];
    const listing = categories.filter((category) => category.matchedStatuses.includes('passed') && new RegExp(category.messageRegex.replace('(?s)', ''), 's').test(nonStrict.statusDetails!.message!));
    assert.deepEqual(listing.map((category) => category.name.split(':')[0]), [`NON-STRICT ${erratumId}`]);
    for (const name of ['The environment fails', 'A capability is absent']) {
      const skipped = results.find((result) => result.name === name)!;
      assert.match(skipped.statusDetails?.message ?? '', /^(INCONCLUSIVE|N\/A): \S/);
    }
    const open = results.find((result) => result.name === 'Open a TCP socket')!;
    assert.deepEqual(label(open, 'story'), ['#XSOCKET set']);
    const slices = scenarioWire(open);
    assert.equal(slices.length, 1);
    const slice = await readFile(join(reports.paths.allureResults!, slices[0]!.source), 'utf8');
    // the reset first, then each step under its name
    assert.match(slice, /^#sm-conformance-transcript 1\n# wire slice: [^\n]*\n# known-state reset, before the scenario\n\d+\.\d+ tx AT\\r\n/);
    assert.match(slice, /\n# step: And a TCP socket <tcp> is open\n\d+\.\d+ tx AT#XSOCKET=1,1,0\\r\n/);
    assert.match(slice, /rx \\r\\n#XSOCKET: 0,1,6\\r\\n\n/);
    assert.equal(slice.match(/^#sm-conformance-transcript/gm)!.length, 1, 'one transcript mark for the whole scenario');
    // the failing step keeps its own slice too, where a reader looks first
    const failingSlices = stepWire(failed);
    assert.equal(failingSlices.length, 1);
    assert.match(await readFile(join(reports.paths.allureResults!, failingSlices[0]!.source), 'utf8'), /tx AT#XSOCKET\?\\r\n/);
    assert.equal(scenarioWire(failed).length, 1);
    // hooks as fixtures (with the reset's own slice) only where something did not pass, one
    // container per scenario; no Examples table as a file
    const files = await readdir(reports.paths.allureResults!);
    const containers = await Promise.all(files.filter((name) => name.endsWith('-container.json')).map(async (name) => JSON.parse(await readFile(join(reports.paths.allureResults!, name), 'utf8')) as AllureContainerFile));
    const uuids = new Map(results.map((result) => [result.uuid, result.name]));
    assert.deepEqual(containers.map((container) => container.children.map((child) => uuids.get(child))).flat().sort(), ['A capability is absent', 'A device answering with markup', 'The environment fails']);
    const failedSetUp = containers.find((container) => container.children.includes(failed.uuid))!;
    assert.deepEqual(failedSetUp.befores.flatMap((fixture) => fixture.steps.flatMap((step) => step.attachments)).map((attachment) => attachment.name), ['reset-wire.txt']);
    assert.equal(failedSetUp.afters.length, 2);
    assert.ok(!open.steps.some((step) => step.name === 'reset-wire.txt'), 'a passing scenario\'s reset is in its wire file only');
    assert.deepEqual(files.filter((name) => name.endsWith('.csv')), []);
    assert.deepEqual(nonStrict.parameters.filter((parameter) => parameter.name === 'erratum'), [{ name: 'erratum', value: 'E1' }], 'the example row is in the parameters');
    assert.deepEqual(JSON.stringify(nonStrict).match(/text\/csv/g), null);

    const junit = await readFile(reports.paths.junit, 'utf8');
    assert.equal(junit.match(/<testcase /g)!.length, 6);
    // the failure text leads with the verdict; a device's wrong answer has no stack frame
    const failure = /<failure [^>]*>([^<]*)<\/failure>/.exec(junit)![1]!;
    assert.ok(failure.startsWith('FAIL: AT#XSOCKET?: expected') && !failure.includes('    at ') && !failure.includes('node_modules'), failure);
    assert.deepEqual([...junit.matchAll(/<skipped message="([^"]*)"/g)].map((match) => match[1]), [
      'INCONCLUSIVE: the TCP echo peer refused the connection', 'N/A: the device profile lacks dtls',
    ]);
    const matrix = JSON.parse(await readFile(reports.paths.matrixJson, 'utf8'));
    const row = matrix.commands.find((each: { command: string }) => each.command === '#XSOCKET');
    assert.deepEqual(row.forms.map((form: { form: string; verdict: string }) => [form.form, form.verdict]), [['set', 'NON-STRICT'], ['read', 'FAIL'], ['test', 'INCONCLUSIVE']]);

    // The key was in a feature, a step, the wire: none of the reports holds it.
    assert.ok(reports.notes.some((note) => note.includes('redacted')));
    for (const file of await everyFile(dir)) assert.ok(!file.text.includes(PSK), `${file.path} holds the key`);
    assert.ok(reports.paths.transcripts.length > 0);
  });
});
