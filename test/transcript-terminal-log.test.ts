import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter, LineTooLongError, type LineEnd } from '../src/transcript/line-splitter.ts';
import { parseTerminalLine } from '../src/transcript/terminal-line.ts';
import { detectFormat, UnreadableInputError, validateBytes, Validation } from '../src/transcript/validation.ts';

function split(input: string, chunkSize: number, ends: 'lf' | 'any' = 'any'): [string, LineEnd, number][] {
  const lines: [string, LineEnd, number][] = [];
  const splitter = new LineSplitter({ ends, maxLineBytes: 100 }, (bytes, start, end, lineEnd, line) => lines.push([bytes.toString('latin1', start, end), lineEnd, line]));
  const bytes = Buffer.from(input, 'latin1');
  for (let i = 0; i < bytes.length; i += chunkSize) splitter.push(bytes.subarray(i, i + chunkSize));
  splitter.end();
  return lines;
}

test('lines end at CRLF, LF or CR, also when a CRLF is cut between chunks', () => {
  const expected: [string, LineEnd, number][] = [['a', '\r\n', 1], ['b', '\n', 2], ['c', '\r', 3], ['', '\r\n', 4], ['d', '', 5]];
  for (const chunkSize of [1, 2, 3, 100]) assert.deepEqual(split('a\r\nb\nc\r\r\nd', chunkSize), expected, `chunks of ${chunkSize}`);
  assert.deepEqual(split('a\r', 1), [['a', '\r', 1]]);
  assert.deepEqual(split('x\r\ny\n', 1, 'lf'), [['x', '\n', 1], ['y', '\n', 2]]);
});

test('a line longer than the limit is an error, not a reason to buffer everything', () => {
  assert.throws(() => split(`ok\n${'x'.repeat(101)}\n`, 7), (error: unknown) => error instanceof LineTooLongError && error.lineNumber === 2);
  assert.throws(() => split('x'.repeat(150), 10), LineTooLongError);
});

test('timestamps in the common forms are removed, arrows give the direction', () => {
  assert.deepEqual(parseTerminalLine('[12:00:01.123] AT#XSOCKET=1,1,0'), { text: 'AT#XSOCKET=1,1,0' });
  assert.deepEqual(parseTerminalLine('[2026-11-24 12:00:01.123] OK'), { text: 'OK' });
  assert.deepEqual(parseTerminalLine('2026-11-24 12:00:01.123 #XSOCKET: 0,1,6'), { text: '#XSOCKET: 0,1,6' });
  assert.deepEqual(parseTerminalLine('2026-11-24T12:00:01,5Z OK'), { text: 'OK' });
  assert.deepEqual(parseTerminalLine('12:00:01.123 -> AT#XBIND=0,1'), { text: 'AT#XBIND=0,1', direction: 'tx' });
  assert.deepEqual(parseTerminalLine('12:00:01.123 <- OK'), { text: 'OK', direction: 'rx' });
  assert.deepEqual(parseTerminalLine('74205A6F63'), { text: '74205A6F63' }, 'hex payload is not a timestamp');
  assert.deepEqual(parseTerminalLine('[12:00:01.123] '), { text: '' });
});

test('what counts as a stamp: brackets round digits and time punctuation, then any white space', () => {
  assert.deepEqual(parseTerminalLine('[3214]\t \xa0OK'), { text: 'OK' }, 'a tick, then tabs and no-break spaces');
  assert.deepEqual(parseTerminalLine('[ 00:00:01,234 +01:00 T Z ]OK'), { text: 'OK' });
  assert.deepEqual(parseTerminalLine('[1]'), { text: '' });
  assert.deepEqual(parseTerminalLine('[:.-] hello'), { text: '[:.-] hello' }, 'no digit: not a stamp');
  assert.deepEqual(parseTerminalLine('[12a] hello'), { text: '[12a] hello' }, 'a letter other than T or Z: not a stamp');
  assert.deepEqual(parseTerminalLine('[12:00 hello'), { text: '[12:00 hello' }, 'no closing bracket');
  assert.deepEqual(parseTerminalLine('1:00:01 OK'), { text: 'OK' }, 'a one-digit hour');
  assert.deepEqual(parseTerminalLine('2026-11-24 12:00:01 12:00:02 OK'), { text: 'OK' }, 'a date and time, then a time');
  assert.deepEqual(parseTerminalLine('12345 OK'), { text: '12345 OK' });
  assert.deepEqual(parseTerminalLine('2026-11-24T12:00:01+0100 OK'), { text: 'OK' }, 'an offset without a colon');
  assert.deepEqual(parseTerminalLine('2026-11-24T12:00:01.5-05:00 OK'), { text: 'OK' }, 'an offset with a colon');
  assert.deepEqual(parseTerminalLine('2026-11-24 12:00:01.5+01:0 hello'), { text: '2026-11-24 12:00:01.5+01:0 hello' }, 'a broken offset: no stamp');
  assert.deepEqual(parseTerminalLine('12:00:01. hello'), { text: '12:00:01. hello' }, 'a point without decimals: no stamp');
  assert.deepEqual(parseTerminalLine('12:00:01'), { text: '12:00:01' }, 'a time with nothing after it is the text');
});

test('direction marks: one white space after a mark is part of it; > and < alone only before white space', () => {
  assert.deepEqual(parseTerminalLine('>>\tAT'), { text: 'AT', direction: 'tx' });
  assert.deepEqual(parseTerminalLine('<<  OK'), { text: ' OK', direction: 'rx' }, 'only one space belongs to the mark');
  assert.deepEqual(parseTerminalLine('> AT'), { text: 'AT', direction: 'tx' });
  assert.deepEqual(parseTerminalLine('<\xa0OK'), { text: 'OK', direction: 'rx' });
  assert.deepEqual(parseTerminalLine('Rx:OK'), { text: 'OK', direction: 'rx' });
  assert.deepEqual(parseTerminalLine('>hello'), { text: '>hello' }, 'no white space after >: not a mark');
});

const SESSION = ['AT#XSOCKET=1,1,0', '', '#XSOCKET: 0,1,6', '', 'OK', 'AT#XRECV=0,0,0,10', '#XRECV: 0,0,7', 'Test OK', 'OK'];

test('a session validates clean with any line end and any timestamp style', () => {
  const stamps = [(line: string) => line, (line: string) => `[12:00:01.123] ${line}`, (line: string) => `2026-11-24 12:00:01.123 ${line}`];
  for (const lineEnd of ['\r\n', '\n', '\r']) {
    for (const stamp of stamps) {
      const { findings, summary } = validateBytes(SESSION.map(stamp).join(lineEnd) + lineEnd);
      assert.equal(summary.format, 'terminal');
      assert.deepEqual(findings, [], `${JSON.stringify(lineEnd)} ${stamp('x')}`);
    }
  }
});

test('arrows decide direction, so data-mode input and device lines are told apart', () => {
  const log = ['12:00:00.000 -> AT#XSEND=0,2,0', '12:00:00.001 <- OK', '12:00:00.002 -> AT is data here', '12:00:00.003 -> +++', '12:00:00.004 <- #XDATAMODE: 0'];
  assert.deepEqual(validateBytes(log.join('\n')).findings, []);
});

test('a payload holding line breaks spans display lines; LF-only logs still match a CRLF payload', () => {
  for (const lineEnd of ['\r\n', '\n']) {
    const log = ['AT#XRECV=0,0,0,10', '#XRECV: 0,0,10', 'ab', 'OK', 'cd', 'OK'].join(lineEnd);
    assert.deepEqual(validateBytes(log).findings, [], `payload 'ab\\r\\nOK\\r\\ncd' with ${JSON.stringify(lineEnd)}`);
  }
});

test('the format is detected from the first line', () => {
  assert.equal(detectFormat(Buffer.from('#sm-conformance-transcript 1\n')), 'transcript');
  assert.equal(detectFormat(Buffer.from('\ufeff#sm-conformance-transcript 1\n')), 'transcript');
  assert.equal(detectFormat(Buffer.from('AT#XSOCKET?\r\n')), 'terminal');
  assert.equal(validateBytes('AT\r\nOK\r\n', { format: 'terminal' }).summary.format, 'terminal');
  assert.throws(() => validateBytes('AT\r\nOK\r\n', { format: 'transcript' }), UnreadableInputError);
});

test('binary input and overlong lines are unreadable, not validated', () => {
  assert.throws(() => validateBytes(Buffer.from([0x41, 0x54, 0x00, 0x01, 0x02, 0x0d, 0x0a])), /binary data/);
  const payloadWithNul = ['AT#XRECV=0,0,0,10', '#XRECV: 0,0,4', 'a\x00\x01b', 'OK'].join('\r\n');
  assert.deepEqual(validateBytes(Buffer.from(payloadWithNul, 'latin1')).findings, [], 'a binary payload in a text log is fine');
  const validation = new Validation();
  assert.throws(() => {
    for (let i = 0; i < 3; i++) validation.push(Buffer.alloc(512 * 1024, 0x41));
  }, /longer than/);
});

test('input split into tiny chunks gives the same findings as whole input', () => {
  const log = [...SESSION, 'AT#XCLOSE=0', '#XCLOSE: 0,0', 'OK', 'AT#XBIND=0,1', 'OK'].join('\r\n');
  const whole = validateBytes(log).findings;
  assert.equal(whole.length, 1);
  const found: unknown[] = [];
  const chunked = new Validation({ onFinding: (finding) => found.push(finding) });
  const bytes = Buffer.from(log);
  for (let i = 0; i < bytes.length; i += 3) chunked.push(bytes.subarray(i, i + 3));
  chunked.end();
  assert.deepEqual(found, whole);
  assert.equal(chunked.lines, 14);
});

test('a command shown twice (local echo, then the device echo) is one command', () => {
  const { findings, summary } = validateBytes(['ATE1', 'OK', 'AT#XSOCKET=1,1,0', 'AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,6', 'OK'].join('\r\n'));
  assert.deepEqual(findings, []);
  assert.equal(summary.commands, 2);
});

test('"AT" may be any case, SM command names may not', () => {
  assert.deepEqual(validateBytes('at+cgmr\r\nmfw_nrf9151_1.0.0\r\nOK\r\nat\r\nOK\r\n').findings, []);
  const { findings } = validateBytes('AT#xsocket=1,1,0\r\nERROR\r\n');
  assert.deepEqual(findings.map((finding) => [finding.rule, finding.verdict]), [['command.syntax', 'WARN']]);
  assert.match(findings[0]!.message, /case-sensitive, write #XSOCKET/);
});
