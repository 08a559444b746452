// JUnit, the coverage and verdict matrix (JSON, HTML, text) from a synthetic message stream
// with one scenario per verdict: counts, skipped reasons, cell verdicts, escaping.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderJunit } from '../src/report/junit-report.ts';
import { escapeMarkup } from '../src/report/markup-escape.ts';
import { renderMatrixHtml } from '../src/report/matrix-html.ts';
import { parseRunMessages } from '../src/report/run-messages.ts';
import { scenarioResults } from '../src/report/scenario-results.ts';
import { buildVerdictMatrix } from '../src/report/verdict-matrix.ts';
import { renderVerdictSummary } from '../src/report/verdict-summary-text.ts';
import { messageStream, toNdjson, verdictFeatures } from './report-message-stream.ts';

const INJECTED = '<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">';

function results() {
  return scenarioResults(parseRunMessages(toNdjson(messageStream(verdictFeatures(INJECTED)))).envelopes).scenarios;
}

describe('scenario results from messages', () => {
  it('reads one result per scenario with tags, traceability, status and verdict', () => {
    const scenarios = results();
    assert.deepEqual(scenarios.map((scenario) => [scenario.name, scenario.status, scenario.verdict]), [
      ['Open a TCP socket', 'PASSED', 'PASS'],
      ['The socket table holds 7 sockets', 'PASSED', 'NON-STRICT'],
      ['The device names itself', 'FAILED', 'FAIL'],
      ['Send to the echo peer', 'SKIPPED', 'INCONCLUSIVE'],
      ['DTLS send', 'SKIPPED', 'N/A'],
    ]);
    assert.deepEqual(scenarios[0]!.trace, { command: '#XSOCKET', form: 'set', examples: ['XSOCKET-1'], errata: [], negative: false });
    assert.equal(scenarios[0]!.steps.find((step) => !step.hook)!.attachments[0]!.fileName, 'wire.txt');
  });

  it('without a verdict attachment takes the verdict from the status and the log', () => {
    const features = verdictFeatures();
    for (const scenario of features.flatMap((feature) => feature.scenarios)) delete scenario.verdict;
    const scenarios = scenarioResults(messageStream(features)).scenarios;
    assert.deepEqual(scenarios.map((scenario) => scenario.verdict), ['PASS', 'PASS', 'FAIL', 'INCONCLUSIVE', 'N/A']);
    assert.deepEqual(scenarios[4]!.reasons, ['the device profile lacks dtls']);
    assert.ok(scenarios.every((scenario) => !scenario.verdictRecorded));
  });

  it('keeps only the last attempt of a retried scenario', () => {
    const envelopes = messageStream(verdictFeatures());
    const first = envelopes.find((envelope) => envelope.testCaseFinished)!;
    first.testCaseFinished!.willBeRetried = true;
    assert.equal(scenarioResults(envelopes).scenarios.length, 4);
  });

  it('names the line of a message that is not JSON', () => {
    assert.throws(() => parseRunMessages('{"meta":{}}\nnot json\n', 'run.ndjson'), /run\.ndjson:2: not a JSON message/);
  });
});

describe('JUnit XML', () => {
  it('has one testcase per scenario, the verdict as a property, FAIL as failure, INCONCLUSIVE and N/A skipped with the reason', () => {
    const xml = renderJunit(results());
    assert.equal(xml.match(/<testcase /g)!.length, 5);
    assert.match(xml, /<testsuites name="sm-conformance" tests="5" failures="1" skipped="2"/);
    assert.match(xml, /<testsuite name="Socket #XSOCKET" file="features\/xsocket.feature" tests="3" failures="1" skipped="0"/);
    const skipped = [...xml.matchAll(/<skipped message="([^"]*)"\/>/g)].map((match) => match[1]);
    assert.deepEqual(skipped, ['INCONCLUSIVE: the TCP echo peer refused the connection', 'N/A: the device profile lacks dtls']);
    assert.match(xml, /<property name="verdict" value="NON-STRICT"\/>/);
    assert.match(xml, /<property name="erratum" value="E1"\/>/);
    assert.match(xml, /<property name="example" value="XSOCKET-1"\/>/);
    assert.equal(xml.match(/<failure /g)!.length, 1);
  });

  it('escapes device text', () => {
    const xml = renderJunit(results());
    assert.ok(!xml.includes('<script>'));
    assert.ok(!xml.includes('<img'));
    assert.ok(xml.includes('&lt;script&gt;window.__injected = 1&lt;/script&gt;'));
  });
});

describe('verdict matrix', () => {
  it('gives each command × form × example cell the verdict of its scenarios', () => {
    const matrix = buildVerdictMatrix(results());
    const xsocket = matrix.commands.find((row) => row.command === '#XSOCKET')!;
    const cell = (command: string, form: string) => matrix.commands.find((row) => row.command === command)!.forms.find((each) => each.form === form)!;
    assert.equal(cell('#XSOCKET', 'set').verdict, 'NON-STRICT');
    assert.equal(cell('#XSOCKET', 'read').verdict, 'FAIL');
    assert.equal(cell('#XSOCKET', 'test').verdict, 'NOT COVERED');
    assert.equal(cell('#XSEND', 'set').verdict, 'INCONCLUSIVE');
    assert.equal(xsocket.verdict, 'FAIL');
    assert.deepEqual(cell('#XSOCKET', 'set').examples.map((example) => [example.id, example.verdict]), [
      ['XSOCKET-1', 'PASS'], ['XSOCKET-2', 'NOT COVERED'], ['XSOCKET-3', 'NOT COVERED'], ['XSOCKET-4', 'NOT COVERED'],
    ]);
    assert.deepEqual(cell('#XSOCKET', 'read').examples.map((example) => [example.id, example.verdict, example.scenarios.map((ref) => ref.name)]), [
      ['XSOCKET-5', 'FAIL', ['The device names itself']],
    ]);
    assert.deepEqual(matrix.totals, { 'PASS': 1, 'NON-STRICT': 1, 'FAIL': 1, 'INCONCLUSIVE': 1, 'N/A': 1, 'FLAKY': 0, scenarios: 5 });
    assert.equal(matrix.examples.covered, 3);
    assert.equal(matrix.examples.total, 47);
    assert.equal(cell('#XSOCKET', 'read').supported, true);
    // JSON round trip keeps everything
    assert.deepEqual(JSON.parse(JSON.stringify(matrix)), matrix);
  });

  it('prints a verdict table per command with the examples covered', () => {
    const text = renderVerdictSummary(buildVerdictMatrix(results()));
    const lines = text.split('\n');
    assert.match(lines[0]!, /^command\s+PASS\s+NON-STRICT\s+FAIL\s+INCONCLUSIVE\s+N\/A\s+examples$/);
    assert.match(text, /\n#XSOCKET\s+1\s+1\s+1\s+0\s+0\s+2\/6\n/);
    assert.match(text, /\n#XSEND\s+0\s+0\s+0\s+1\s+1\s+1\/3\n/);
    assert.match(text, /\ntotal\s+1\s+1\s+1\s+1\s+1\s+3\/47\n/);
  });

  it('renders an HTML page with anchors for examples, errata and scenarios, device text escaped, no script', () => {
    const scenarios = results();
    const html = renderMatrixHtml(buildVerdictMatrix(scenarios), scenarios, { links: [{ label: 'x"><script>', href: 'a.html' }] });
    assert.ok(!/<script/i.test(html), 'no script element at all');
    assert.ok(!/<img/i.test(html));
    assert.ok(html.includes('&lt;script&gt;window.__injected = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__injected = 2&quot;&gt;'));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    for (const anchor of ['example-XSOCKET-1', 'erratum-E1', 'scenario-1', 'scenario-5']) assert.ok(html.includes(`id="${anchor}"`), anchor);
    assert.match(html, /<td data-cell="#XSOCKET read"><span class="v FAIL">FAIL<\/span>/);
  });

  it('escapes every markup character and the control bytes XML forbids', () => {
    assert.equal(escapeMarkup(`<a href='x'>&"\x00\x1b`), '&lt;a href=&#39;x&#39;&gt;&amp;&quot;\\x00\\x1b');
  });
});

describe('device identity', () => {
  it('asks AT+CGMI, AT+CGMM, AT+CGMR, AT+CGSN, AT#XSMVER once per process, names the device, and stops at a device that does not answer', async () => {
    const { attachDeviceIdentityOnce, deviceIdentitiesOf, queryDeviceIdentity, DEVICE_IDENTITY_MEDIA_TYPE } = await import('../src/report/run-environment.ts');
    const answers: Record<string, { lines: string[]; final: { code: string } }> = {
      'AT+CGMI': { lines: ['Nordic Semiconductor ASA'], final: { code: 'OK' } },
      'AT+CGMM': { lines: [], final: { code: 'ERROR' } },
      'AT+CGMR': { lines: ['mfw_nrf91x1_2.0.2'], final: { code: 'OK' } },
      'AT+CGSN': { lines: ['352656100367872'], final: { code: 'OK' } },
      'AT#XSMVER': { lines: ['#XSMVER: "1.0.0","3.2.0"'], final: { code: 'OK' } },
    };
    const sent: string[] = [];
    const send = async (line: string) => {
      sent.push(line);
      return answers[line]!;
    };
    const attached: { data: string; mediaType: string }[] = [];
    const attach = (data: string, options: { mediaType: string }) => attached.push({ data, mediaType: options.mediaType });
    await attachDeviceIdentityOnce(attach, send, 'board-a');
    await attachDeviceIdentityOnce(attach, send, 'board-a');
    assert.deepEqual(sent, ['AT+CGMI', 'AT+CGMM', 'AT+CGMR', 'AT+CGSN', 'AT#XSMVER']);
    assert.equal(attached.length, 1);
    const identities = deviceIdentitiesOf([{ attachment: { mediaType: DEVICE_IDENTITY_MEDIA_TYPE, body: attached[0]!.data } }]);
    assert.deepEqual([...identities], [['board-a', { manufacturer: 'Nordic Semiconductor ASA', revision: 'mfw_nrf91x1_2.0.2', serialNumber: '352656100367872', smVersion: '"1.0.0","3.2.0"' }]]);

    const silent: string[] = [];
    assert.deepEqual(await queryDeviceIdentity(async (line) => {
      silent.push(line);
      throw new Error('timeout');
    }), {});
    assert.deepEqual(silent, ['AT+CGMI']);
  });

  it('several devices: each one\'s connection, identity and network under its own id, never another\'s', async () => {
    const { environmentEntries, environmentWithDevices, DEVICE_IDENTITY_MEDIA_TYPE, NETWORK_STATUS_MEDIA_TYPE } = await import('../src/report/run-environment.ts');
    const attachment = (mediaType: string, body: object) => ({ attachment: { mediaType, body: JSON.stringify(body) } });
    const envelopes = [
      attachment(DEVICE_IDENTITY_MEDIA_TYPE, { deviceId: 'board-b', model: 'nRF9151', serialNumber: '352656100000028' }),
      attachment(DEVICE_IDENTITY_MEDIA_TYPE, { deviceId: 'board-a', model: 'nRF9160', serialNumber: '352656100000010' }),
      attachment(DEVICE_IDENTITY_MEDIA_TYPE, { deviceId: 'board-a', model: 'asked again by a second worker' }),
      attachment(NETWORK_STATUS_MEDIA_TYPE, { deviceId: 'board-b', registration: 'registered, home' }),
    ];
    const pool = environmentWithDevices({
      profile: 'firmware',
      devices: [{ id: 'board-a', dut: 'serial', target: '/dev/ttyACM0', baud: 115200 }, { id: 'board-b', dut: 'rfc2217', target: 'lab-3:2002', warnings: ['no DTR answer'] }],
    }, envelopes);
    assert.deepEqual(environmentEntries(pool).filter(([name]) => name !== 'harness.version' && name !== 'spec.version'), [
      ['device.pool', 'board-a, board-b'],
      ['device[board-a].adapter', 'serial'], ['device[board-a].port', '/dev/ttyACM0'], ['device[board-a].baud', '115200'],
      ['device[board-a].model', 'nRF9160'], ['device[board-a].serial-number', '352656100000010'],
      ['device[board-b].adapter', 'rfc2217'], ['device[board-b].port', 'lab-3:2002'], ['device[board-b].warnings', 'no DTR answer'],
      ['device[board-b].model', 'nRF9151'], ['device[board-b].serial-number', '352656100000028'],
      ['device.profile', 'firmware'],
      ['network[board-b].registration', 'registered, home'],
    ]);
    // merged folders: the devices are known from their messages alone
    assert.deepEqual(environmentWithDevices({}, envelopes).devices?.map((device) => [device.id, device.identity?.model]), [['board-b', 'nRF9151'], ['board-a', 'nRF9160']]);
    // one device keeps the one-device names
    const one = environmentEntries(environmentWithDevices({ dut: 'serial', target: '/dev/ttyACM0' }, envelopes.slice(1, 2)));
    assert.deepEqual(one.filter(([name]) => name.startsWith('device.')), [['device.adapter', 'serial'], ['device.port', '/dev/ttyACM0'], ['device.model', 'nRF9160'], ['device.serial-number', '352656100000010']]);
  });
});
