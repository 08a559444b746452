// The logs people paste into bug reports (issue 13), each written for this test: serial
// monitors, host drivers' debug logs, MicroPython REPLs, Zephyr logs with hexdumps. Each
// gets the findings a person would expect, at the right lines, and nothing else.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { validate } from '../src/cli/validate.ts';
import type { Finding } from '../src/transcript/finding.ts';
import { validateBytes } from '../src/transcript/validation.ts';

function describe(findings: readonly Finding[]): string {
  return findings.map((finding) => `line ${finding.line} ${finding.verdict} ${finding.rule} [${finding.erratum ?? ''}] ${finding.message}`).join('\n');
}

function judged(lines: readonly string[]): ReturnType<typeof validateBytes> {
  return validateBytes(`${lines.join('\r\n')}\r\n`);
}

async function cli(input: string): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.on('data', (chunk) => { err += chunk; });
  stdin.end(input);
  const code = await validate(['-'], { stdin, stdout, stderr });
  return { code, out, err };
}

test('an empty file and a log with no AT traffic have no verdict: exit 2, never PASS', async () => {
  const empty = await cli('');
  assert.equal(empty.code, 2);
  assert.match(empty.err, /no AT commands found in 0 lines/);
  assert.doesNotMatch(empty.out, /PASS/);
  const zephyr = await cli(['*** Booting nRF Connect SDK v2.6.0 ***', '[00:00:00.251,000] <inf> app: started', '[00:00:01.002,000] <wrn> app: no network'].join('\n'));
  assert.equal(zephyr.code, 2);
  assert.match(zephyr.out, /3 lines \(3 skipped as not AT\), 0 commands/);
  assert.match(zephyr.err, /no AT commands found in 3 lines/);
});

test('the count of lines skipped as not AT is always shown', async () => {
  const run = await cli(['boot banner', 'AT', 'OK'].join('\n'));
  assert.equal(run.code, 0);
  assert.match(run.out, /3 lines \(1 skipped as not AT\), 1 command/);
});

test('direction arrows and tags: >> <<, -> <-, TX: RX:, [TX] [RX]', () => {
  const { findings, summary } = judged([
    '>> AT#XSOCKET=1,1,0', '<< #XSOCKET: 0,1,6', '<< OK',
    'TX: AT#XCONNECT=0,"test.server.com",1234', 'RX: #XCONNECT: 0,1', 'RX: OK',
    '[TX] AT#XSEND=0,0,0,"hi"', '[RX] #XSEND: 0,2', '[RX] OK',
    '-> AT#XCLOSE=0', '<- #XCLOSE: 0,0', '<- OK',
  ]);
  assert.deepEqual(findings, [], describe(findings));
  assert.equal(summary.commands, 4);
  assert.equal(summary.skipped, 0);
});

test('a host driver\'s prefixes are learned from the log; the real problem is found, not every OK', () => {
  const { findings, summary } = judged([
    '[3210] INFO: modem driver v1.4 started',
    '[3214] DEBUG: Sent AT command: AT#XSOCKET=1,2,0',
    '[3216] DEBUG: Received response: #XSOCKET: 0,2,17',
    'OK',
    '[3218] DEBUG: Sent AT command: AT#XSENDTO=0,0,0,"test.server.com",1234,"hi"',
    '[3220] DEBUG: Received response: #XSENDTO: 0,2',
    'OK',
    '[3222] DEBUG: Sent AT command: AT#XRECVFROM=0,0,0,5',
    '[3224] DEBUG: Received response: #XRECVFROM: 0,0,2,"192.168.0.1",1234',
    '[3224] DEBUG: Received response: hi',
    'OK',
    '[3230] DEBUG: Sent AT command: AT#XSEND=0,"hello"',
    '[3232] DEBUG: Received response: ERROR',
  ]);
  assert.equal(summary.commands, 4);
  assert.equal(summary.skipped, 1);
  assert.deepEqual(findings.map((finding) => [finding.line, finding.rule, finding.verdict]), [[12, 'command.parameter-type', 'WARN']], describe(findings));
});

test('a MicroPython REPL: bytes literals are the wire, the REPL\'s own lines are skipped', () => {
  const { findings, summary } = judged([
    'MicroPython v1.22.0 on 2024-01-05; nRF9151 with nRF9151',
    'Type "help()" for more information.',
    '>>> from machine import UART',
    '>>> uart = UART(1, 115200)',
    ">>> uart.write(b'AT#XSOCKET=1,1,0\\r\\n')",
    '18',
    '>>> uart.read()',
    "b'\\r\\n#XSOCKET: 0,1,7\\r\\n\\r\\nOK\\r\\n'",
    '>>> ',
  ]);
  assert.equal(summary.commands, 1);
  assert.deepEqual(findings.map((finding) => [finding.line, finding.rule, finding.verdict]), [[8, 'response.line', 'FAIL']], describe(findings));
});

test('a Zephyr log whose AT traffic is only in hexdumps is decoded back into bytes', () => {
  const hex = (text: string): string => Buffer.from(text, 'latin1').toString('hex').replace(/(..)/g, '$1 ');
  const { findings, summary } = judged([
    '[00:00:00.251,000] <inf> app: started',
    '[00:00:01.100,000] <dbg> modem_uart: tx',
    `                                        ${hex('AT#XCLOSE=3\r')}   |AT#XCLOSE=3.`,
    '[00:00:01.140,000] <dbg> modem_uart: rx',
    `                                        ${hex('\r\n#XCLOSE: 3,0\r\n')} |..#XCLOSE: 3,0..`,
    `                                        ${hex('\r\nOK\r\n')}             |..OK..`,
    '[00:00:01.200,000] <inf> app: closed',
  ]);
  assert.equal(summary.commands, 1);
  assert.equal(summary.skipped, 4);
  assert.deepEqual(findings, [], describe(findings));
});

test('a final result code glued to the next command is split, so answers stay on their commands', () => {
  const { findings, summary } = judged([
    'AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,6', 'OKAT#XSOCKETOPT=0,1,20,2', 'OK', 'AT#XCLOSE=0', '#XCLOSE: 0,0', 'OK',
  ]);
  assert.equal(summary.commands, 3);
  assert.deepEqual(findings, [], describe(findings));
});

test('the request is read against its response: echoed fields, the protocol of the type, sizes', () => {
  const cases: [lines: string[], line: number, says: RegExp][] = [
    [['AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,17', 'OK'], 2, /<protocol> is 17, but <type> 1 gives 6/],
    [['AT#XSOCKET=1,2,0', '#XSOCKET: 0,1,6', 'OK'], 2, /<type> is 1, the command asked for 2/],
    [['AT#XSSOCKET=1,2,0,16842753', '#XSSOCKET: 0,2,258', 'OK'], 2, /<protocol> is 258, but <type> 2 gives 273/],
    [['AT#XCLOSE=3', '#XCLOSE: 2,0', 'OK'], 2, /<handle> is 2, the command asked for 3/],
    [['AT#XSEND=0,0,0,"hi"', '#XSEND: 0,5', 'OK'], 2, /<size> 5 is more than the 2 bytes of <data> sent/],
    [['AT#XSEND=0,1,0,"6869"', '#XSEND: 0,4', 'OK'], 2, /<size> 4 is more than the 2 bytes/],
    [['AT#XRECV=0,0,0,10,4', '#XRECV: 0,1,2', '6869', 'OK'], 2, /<mode> is 1, the command asked for 0/],
    [['AT#XSOCKET=1,2,1', '#XSOCKET: 0,2,17', 'OK', 'AT#XSOCKET?', '#XSOCKET: 0,1,0,2,0', 'OK'], 5, /<role> of socket 0 is 0, but it was opened with 1 \(line 1\)/],
  ];
  for (const [lines, line, says] of cases) {
    const { findings } = judged(lines);
    assert.deepEqual(findings.map((finding) => [finding.line, finding.rule, finding.verdict]), [[line, 'response.answer', 'FAIL']], `${lines.join(' / ')}\n${describe(findings)}`);
    assert.match(findings[0]!.message, says);
  }
  assert.deepEqual(judged(['AT#XSEND=0,1,0,"6869"', '#XSEND: 0,2', 'OK']).findings, [], 'hex data counts its bytes, not its digits');
});

test('one root finding per fault: an old-syntax command gives one finding, its answer and payload are context', () => {
  const { findings } = judged(['AT#XRECV=0', '#XRECV: 0,4', 'echo', 'OK']);
  assert.equal(findings.length, 1, describe(findings));
  assert.equal(findings[0]!.line, 1);
  assert.match(findings[0]!.message, /its answer '#XRECV: 0,4' \(line 2\) fits no shape/);
  assert.match(findings[0]!.message, /1 line\(s\) after the payload header at line 2 taken as its payload and not judged/);
  const long = `AT#XSEND=0,0,0,"${'x'.repeat(300)}",7`;
  const [finding] = judged([long, 'OK']).findings;
  assert.ok(finding && finding.message.length < 300, finding?.message);
  assert.match(finding.message, /…x+",7 \(319 characters\)/);
});

test('citations users can follow: the spec section and its own words, errata told in full, never an internal document', async () => {
  const log = ['AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,17', 'OK', 'AT#XSEND=1,"echo"', '#XSEND: 1,4', 'OK', 'AT#XRECV=0,0,0,10', '#XRECV: 0,0,9', 'Test OK', 'OK', 'OK', '#XAPOLL 1,4'];
  const { findings } = judged(log);
  assert.ok(findings.length >= 4, describe(findings));
  for (const finding of findings) {
    assert.doesNotMatch(`${finding.section} ${finding.quote ?? ''} ${finding.message}`, /firmware-notes|§\d+\.\d+ (?:Output|AT framing|Concurrency)/, describe([finding]));
    assert.ok(finding.section.length > 0);
  }
  assert.ok(findings.some((finding) => finding.quote === 'Syntax: #XSEND=<handle>,<mode>,<flags>[,<data>]'), describe(findings));
  const run = await cli(log.join('\n'));
  assert.match(run.out, /spec: Socket #XSOCKET › Set command › Response syntax: "#XSOCKET: <handle>,<type>,<protocol>"/);
  assert.match(run.out, /erratum E15: the spec says "AT#XSEND=1,"echo""; the firmware: ERROR: <mode> must be an integer/);
});

test('a log in another generation\'s syntax is named first, with the lines that show it', async () => {
  const slm = ['AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,6', 'OK', 'AT#XCONNECT="test.server.com",1234', '#XCONNECT: 1', 'OK', 'AT#XSEND="Test TCP"', '#XSEND: 8', 'OK', 'AT#XRECV=10', '#XRECV: 7', 'Test OK', 'OK', 'AT#XSOCKET=0', '#XSOCKET: 0,"closed"', 'OK'];
  const { summary, findings } = judged(slm);
  assert.match(summary.generation?.message ?? '', /Serial LTE Modem \(SLM.*lines 4, 7, 10, 14 show it/, describe(findings));
  assert.equal(summary.generation?.line, 4);
  // One finding per old-syntax command, nothing else: no stray "OK with no command waiting".
  assert.deepEqual(findings.filter((finding) => finding.rule !== 'log.generation').map((finding) => finding.line), [4, 7, 10, 14], describe(findings));
  const run = await cli(slm.join('\n'));
  const told = run.out.indexOf('log.generation: this log uses the socket syntax of the nRF Connect SDK Serial LTE Modem');
  assert.ok(told > 0 && told < run.out.indexOf('first '), 'the generation is told before the findings');

  const later = ['AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,6', 'OK', 'AT#XSEND=0,0,0,"hi"', '#XSEND: 0,0,2', 'OK', '#XSENDNTF: 0,0,2', 'AT#XAPOLL=,1,1', 'OK'];
  assert.match(judged(later).summary.generation?.message ?? '', /a later nRF Serial Modem build/);
  assert.equal(judged(['AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,6', 'OK']).summary.generation, undefined);
});

test('a long line is shortened in the findings shown, context lines included', async () => {
  const long = `AT#XSEND=0,0,0,"${'y'.repeat(3000)}",7`;
  const run = await cli([long, 'OK'].join('\n'));
  assert.equal(run.code, 1);
  assert.ok(run.out.split('\n').every((line) => line.length < 400), 'no line of the summary repeats the 3000 characters');
  assert.match(run.out, /\(3019 characters\)/);
});
