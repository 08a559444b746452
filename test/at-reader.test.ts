import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtReader, LF_ONLY_REASON, PAYLOAD_END_REASON, type AtReaderOptions } from '../src/at/at-reader.ts';
import type { AtEvent } from '../src/at/events.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { SPEC_EXAMPLES } from '../src/catalogue/examples.ts';
import type { SpecExample } from '../src/catalogue/types.ts';

type Options = Partial<Omit<AtReaderOptions, 'onEvent'>>;

function newReader(options: Options = {}): { reader: AtReader; events: AtEvent[] } {
  const events: AtEvent[] = [];
  const reader = new AtReader({ payloadRule, clock: () => 0, ...options, onEvent: (event) => events.push(event) });
  return { reader, events };
}

/** Events from feeding `chunks` to a fresh reader that expects `command` (if given). */
function read(chunks: readonly (Buffer | string)[], command?: string, options: Options = {}): AtEvent[] {
  const { reader, events } = newReader(options);
  if (command !== undefined) reader.expectResponse(command);
  for (const chunk of chunks) reader.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  return events;
}

const frame = (line: string): string => `\r\n${line}\r\n`;

/** The device's output for an example, framed as the firmware frames it (firmware-notes §1.3, §5). */
function deviceOutput(example: SpecExample, echo: boolean): Buffer {
  let text = echo ? `${example.line}\r` : '';
  for (const line of example.response.slice(0, -1)) {
    text += frame(line);
    if (example.payload !== undefined && payloadRule(line)) text += example.payload;
  }
  text += frame(example.response[example.response.length - 1]!);
  for (const urc of example.urcs ?? []) text += frame(urc);
  return Buffer.from(text, 'latin1');
}

function summary(events: readonly AtEvent[]): string[] {
  return events.map((event) => {
    if (event.kind === 'payload') return `payload:${event.bytes.toString('latin1')}`;
    if (event.kind === 'framing-error') return `framing-error:${event.reason}`;
    return `${event.kind}:${event.text}`;
  });
}

test('the spec examples index is there to read', () => {
  assert.ok(SPEC_EXAMPLES.length >= 47);
});

for (const echo of [false, true]) {
  test(`every spec example, framed as the firmware does${echo ? ' with echo on' : ''}, reads the same at every byte boundary`, () => {
    for (const example of SPEC_EXAMPLES) {
      const output = deviceOutput(example, echo);
      const whole = read([output], example.line);

      const expected: string[] = echo ? [`echo:${example.line}`] : [];
      for (const line of example.response.slice(0, -1)) {
        expected.push(`line:${line}`);
        if (example.payload !== undefined && payloadRule(line)) expected.push(`payload:${example.payload}`);
      }
      expected.push(`final:${example.response[example.response.length - 1]}`);
      for (const urc of example.urcs ?? []) expected.push(`urc:${urc}`);
      assert.deepEqual(summary(whole), expected, example.id);

      for (let cut = 1; cut < output.length; cut++) {
        assert.deepEqual(read([output.subarray(0, cut), output.subarray(cut)], example.line), whole, `${example.id} cut at ${cut}`);
      }
      const byteByByte = Array.from({ length: output.length }, (_, index) => output.subarray(index, index + 1));
      assert.deepEqual(read(byteByByte, example.line), whole, `${example.id} byte by byte`);
    }
  });
}

test('final result codes: OK, ERROR, +CME ERROR and +CMS ERROR with their numbers', () => {
  const finals = (text: string) => read([frame(text)], 'AT+CGMR').find((event) => event.kind === 'final');
  assert.deepEqual(finals('OK'), { kind: 'final', code: 'OK', text: 'OK', raw: Buffer.from('OK'), atUs: 0 });
  assert.equal(finals('ERROR')?.kind, 'final');
  assert.deepEqual(finals('+CME ERROR: 513'), { kind: 'final', code: '+CME ERROR', text: '+CME ERROR: 513', errorNumber: 513, raw: Buffer.from('+CME ERROR: 513'), atUs: 0 });
  const cms = finals('+CMS ERROR: 304');
  assert.ok(cms?.kind === 'final' && cms.code === '+CMS ERROR' && cms.errorNumber === 304);
  const verbose = finals('+CME ERROR: SIM not inserted');
  assert.ok(verbose?.kind === 'final' && verbose.errorNumber === undefined);
  assert.deepEqual(summary(read([frame('OKAY'), frame('OK')], 'AT')), ['line:OKAY', 'final:OK']);
});

test('a line before a pending command: Ready without leading CRLF, and #X/+ lines are URCs', () => {
  assert.deepEqual(summary(read(['Ready\r\n', frame('#XAPOLL: 1,4'), frame('+CEREG: 5'), frame('INIT ERROR')])), [
    'urc:Ready', 'urc:#XAPOLL: 1,4', 'urc:+CEREG: 5', 'line:INIT ERROR',
  ]);
});

test('inside a response, only URC prefixes are URCs, and never the pending command\'s own lines', () => {
  assert.deepEqual(summary(read([frame('#XAPOLL: 1,4') + frame('#XSOCKET: 0,1,6') + frame('OK')], 'AT#XSOCKET=1,1,0')), [
    'urc:#XAPOLL: 1,4', 'line:#XSOCKET: 0,1,6', 'final:OK',
  ]);
  assert.deepEqual(summary(read([frame('#XAPOLL: 1,1,0') + frame('OK')], 'AT#XAPOLL?')), ['line:#XAPOLL: 1,1,0', 'final:OK']);
});

test('a URC right after OK in the same chunk is a URC, not part of the response', () => {
  assert.deepEqual(summary(read([frame('#XCONNECT: 1,1') + frame('OK') + frame('#XAPOLL: 1,4')], 'AT#XCONNECT=1,"test.server.com",1234')), [
    'line:#XCONNECT: 1,1', 'final:OK', 'urc:#XAPOLL: 1,4',
  ]);
  // #XSEND: after the final code is no longer that command's line
  assert.deepEqual(summary(read([frame('OK') + frame('#XSEND: 0,1')], 'AT#XSEND=0,0,0,"a"')), ['final:OK', 'urc:#XSEND: 0,1']);
});

test('the echo is only the first line and only when equal to the command', () => {
  assert.deepEqual(summary(read(['AT#XSOCKET?\r' + frame('OK')], 'AT#XSOCKET?')), ['echo:AT#XSOCKET?', 'final:OK']);
  assert.deepEqual(summary(read(['AT#XSOCKET?\r\n' + frame('OK')], 'AT#XSOCKET?')), ['echo:AT#XSOCKET?', 'final:OK']);
  assert.deepEqual(summary(read([frame('AT#XSOCKET?') + frame('OK')], 'AT#XSOCKET=?')), ['line:AT#XSOCKET?', 'final:OK']);
  assert.deepEqual(summary(read([frame('#XSOCKET: 0,1,6') + frame('AT#X') + frame('OK')], 'AT#X')), ['line:#XSOCKET: 0,1,6', 'line:AT#X', 'final:OK']);
  assert.deepEqual(summary(read([frame('AT#XSOCKET?')])), ['line:AT#XSOCKET?']);
});

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
const HOSTILE = Buffer.from('ab\r\nOK\r\n\r\nERROR\r\n#XAPOLL: 1,4\r\n', 'latin1');

for (const [name, payload] of [['all 256 byte values', ALL_BYTES], ['a payload containing CRLF OK CRLF', HOSTILE]] as const) {
  test(`a binary #XRECV payload of ${name} comes through byte-exact`, () => {
    const output = Buffer.concat([Buffer.from(frame(`#XRECV: 0,0,${payload.length}`)), payload, Buffer.from(frame('OK'))]);
    for (const chunks of [[output], Array.from(output, (byte) => Buffer.from([byte]))]) {
      const events = read(chunks, 'AT#XRECV=0,0,0,10');
      assert.deepEqual(summary(events).filter((entry) => !entry.startsWith('payload')), [`line:#XRECV: 0,0,${payload.length}`, 'final:OK']);
      const carried = events.find((event) => event.kind === 'payload');
      assert.ok(carried?.kind === 'payload');
      assert.deepEqual(carried.bytes, payload);
      assert.equal(carried.mode, 0);
      assert.equal(carried.header, `#XRECV: 0,0,${payload.length}`);
    }
  });

  test(`a hex #XRECVFROM payload of ${name} comes through as exactly 2n uppercase hex characters`, () => {
    const hex = payload.toString('hex').toUpperCase();
    const header = `#XRECVFROM: 0,1,${payload.length},"192.168.1.100",24210`;
    const output = Buffer.from(frame(header) + hex + frame('OK'), 'latin1');
    const events = read([output], 'AT#XRECVFROM=0,1,0,10');
    assert.deepEqual(summary(events), [`line:${header}`, `payload:${hex}`, 'final:OK']);
    const carried = events[1]!;
    assert.ok(carried.kind === 'payload' && carried.mode === 1);
    assert.deepEqual(Buffer.from(carried.bytes.toString('latin1'), 'hex'), payload);
  });
}

test('a payload header that the rule does not announce is an ordinary line (no command names in the reader)', () => {
  const events = read([frame('#XRECV: 0,0,4') + 'OK\r\n' + frame('OK')], 'AT#XRECV=0,0,0,1', { payloadRule: () => undefined });
  // Without the rule, the payload's OK ends the response and the real one is stray.
  assert.deepEqual(summary(events), ['line:#XRECV: 0,0,4', 'final:OK', 'final:OK']);
  const announcing = read([frame('#XPULL: 2') + 'OK\r\n' + frame('OK')], 'AT#XPULL', { payloadRule: (line) => (line.startsWith('#XPULL: ') ? { wireBytes: 4, mode: 0 } : undefined) });
  assert.deepEqual(summary(announcing), ['line:#XPULL: 2', 'payload:OK\r\n', 'final:OK']);
});

test('an empty announced payload is reported at once', () => {
  const rule = () => ({ wireBytes: 0, mode: 0 as const });
  assert.deepEqual(summary(read([frame('#XRECV: 0,0,0') + frame('OK')], 'AT#XRECV=0,0,0,1', { payloadRule: rule })).slice(0, 2), ['line:#XRECV: 0,0,0', 'payload:']);
});

test('a payload announced beyond the limit is a framing error, not a reason to allocate', () => {
  const events = read([frame('#XRECV: 0,0,999999999') + frame('OK')], 'AT#XRECV=0,0,0,1');
  assert.deepEqual(summary(events), ['line:#XRECV: 0,0,999999999', 'framing-error:announced payload of 999999999 bytes exceeds the limit of 65536; not read as payload', 'final:OK']);
});

test('a line over the limit is a framing error, and reading resumes at the next line end', () => {
  const long = 'A'.repeat(20);
  for (const chunks of [[frame(long) + frame('OK')], Array.from(frame(long) + frame('OK'))]) {
    const events = read(chunks, 'AT', { maxLineBytes: 10 });
    assert.deepEqual(summary(events), ['framing-error:line longer than 10 bytes (discarded up to its line end)', 'final:OK']);
    assert.deepEqual(events[0]!.raw, Buffer.from('A'.repeat(10)));
  }
  assert.deepEqual(summary(read([frame('A'.repeat(10)) + frame('OK')], 'AT', { maxLineBytes: 10 })), [`line:${'A'.repeat(10)}`, 'final:OK']);
  assert.deepEqual(summary(read(['\r\n', 'A'.repeat(10), '\r', '\n'], 'AT', { maxLineBytes: 10 })), [`line:${'A'.repeat(10)}`]);
});

test('10 MB without a line end keeps the reader\'s buffer bounded', () => {
  const { reader, events } = newReader();
  const garbage = Buffer.alloc(64 * 1024, 0x41);
  let largest = 0;
  for (let fed = 0; fed < 10 * 1024 * 1024; fed += garbage.length) {
    reader.feed(garbage);
    largest = Math.max(largest, reader.bufferedBytes);
  }
  assert.ok(largest <= 4097, `buffered up to ${largest} bytes`);
  assert.equal(events.length, 1);
  assert.equal(events[0]!.kind, 'framing-error');
  reader.feed(Buffer.from('\r\nReady\r\n'));
  assert.deepEqual(summary(events.slice(1)), ['urc:Ready']);
  assert.equal(reader.bufferedBytes, 0);
});

test('small chunks without a line end stay bounded too', () => {
  const { reader } = newReader({ maxLineBytes: 100 });
  let largest = 0;
  for (let index = 0; index < 10_000; index++) {
    reader.feed(Buffer.from('xyz'));
    largest = Math.max(largest, reader.bufferedBytes);
  }
  assert.ok(largest <= 101, `buffered up to ${largest} bytes`);
});

test('LF-only line ends are read as lines and reported as framing errors', () => {
  const events = read(['\n#XSOCKET: 0,1,6\n\nOK\n'], 'AT#XSOCKET=1,1,0');
  assert.deepEqual(summary(events), [
    `framing-error:${LF_ONLY_REASON}`,
    'line:#XSOCKET: 0,1,6',
    `framing-error:${LF_ONLY_REASON}`,
    `framing-error:${LF_ONLY_REASON}`,
    'final:OK',
    `framing-error:${LF_ONLY_REASON}`,
  ]);
  assert.ok(!read([frame('#XSOCKET: 0,1,6') + frame('OK')], 'AT#XSOCKET=1,1,0').some((event) => event.kind === 'framing-error'));
});

test('a line without a preceding CRLF is still a line; CR inside a line is kept', () => {
  assert.deepEqual(summary(read(['#XSOCKET: 0,1,6\r\nOK\r\n'], 'AT#XSOCKET=1,1,0')), ['line:#XSOCKET: 0,1,6', 'final:OK']);
  assert.deepEqual(summary(read(['a\rb\r\n'])), ['line:a\rb']);
});

test('after a timeout is abandoned, lines are unsolicited again', () => {
  const { reader, events } = newReader();
  reader.expectResponse('AT#XSOCKET?');
  assert.equal(reader.commandPending, true);
  reader.abandonResponse();
  reader.feed(Buffer.from(frame('#XSOCKET: 0,1,0,1,0') + frame('OK')));
  assert.deepEqual(summary(events), ['urc:#XSOCKET: 0,1,0,1,0', 'final:OK']);
});

test('events carry the clock\'s time of the chunk that completed them, and position marks their end', () => {
  let now = 100;
  const ends: number[] = [];
  const times: number[] = [];
  const reader: AtReader = new AtReader({
    payloadRule,
    clock: () => now,
    onEvent: (event) => { ends.push(reader.position); times.push(event.atUs); },
  });
  reader.expectResponse('AT');
  reader.feed(Buffer.from('\r\nO'));
  now = 250;
  reader.feed(Buffer.from('K\r\n\r\n#XAPOLL: 1,4\r\nxx'));
  assert.deepEqual(times, [250, 250]);
  assert.deepEqual(ends, [6, 22]);
  assert.equal(reader.position, 24);
});

test('a payload shorter or longer than its header says is reported where the final code\'s CRLF should be', () => {
  const short = read([frame('#XRECV: 0,0,7') + 'Test O' + frame('OK')], 'AT#XRECV=0,0,0,10');
  assert.deepEqual(summary(short), ['line:#XRECV: 0,0,7', 'payload:Test O\r', `framing-error:${PAYLOAD_END_REASON}`, `framing-error:${LF_ONLY_REASON}`, 'final:OK']);
  const long = read([frame('#XRECV: 0,0,7') + 'Test OKK' + frame('OK')], 'AT#XRECV=0,0,0,10');
  assert.deepEqual(summary(long), ['line:#XRECV: 0,0,7', 'payload:Test OK', `framing-error:${PAYLOAD_END_REASON}`, 'line:K', 'final:OK']);
});

test('the echo is reported at its CR, before a slow response begins, with the same events as in one chunk', () => {
  const { reader, events } = newReader();
  reader.expectResponse('AT#XRECV=0,0,0,0');
  reader.feed(Buffer.from('AT#XRECV=0,0,0,0\r'));
  assert.deepEqual(summary(events), ['echo:AT#XRECV=0,0,0,0']);
  assert.equal(reader.bufferedBytes, 0);
  reader.feed(Buffer.from(frame('OK')));
  assert.deepEqual(events, read(['AT#XRECV=0,0,0,0\r' + frame('OK')], 'AT#XRECV=0,0,0,0'));
  assert.deepEqual(events[0]!.raw, Buffer.from('AT#XRECV=0,0,0,0'));
});

test('an echo with the host\'s CRLF, split after its CR, gives no framing error', () => {
  const whole = read(['AT\r\n' + frame('OK')], 'AT');
  assert.deepEqual(summary(whole), ['echo:AT', 'final:OK']);
  assert.deepEqual(read(['AT\r', '\n' + frame('OK')], 'AT'), whole);
});

test('a URC flushed as the command went out may come before the echo, which is still the echo', () => {
  assert.deepEqual(summary(read([`${frame('#XAPOLL: 0,4')}AT#XSOCKET?\r${frame('OK')}`], 'AT#XSOCKET?')), ['urc:#XAPOLL: 0,4', 'echo:AT#XSOCKET?', 'final:OK']);
  assert.deepEqual(summary(read([`${frame('#XSOCKET: 0,1,6')}AT#XSOCKET?\r${frame('OK')}`], 'AT#XSOCKET?')), ['line:#XSOCKET: 0,1,6', 'line:AT#XSOCKET?\r', 'final:OK'], 'after a response line, the command text is no echo');
});

test('a whole line given as text (feedLine) reads exactly as the same line framed in CRLF and fed as bytes', () => {
  // Each script is a sequence of steps in one session: '>' a command the host wrote, '='
  // bytes the device sent as they are (both readers get them through feed), else a device line.
  const scripts: readonly (readonly string[])[] = [
    ['>AT#XRECV=0,0,0,10', '#XRECV: 0,0,0', 'OK', '=ab\r\n', '>AT', '=AT\r', '', 'OK'],
    ['>AT', '=AT\r', 'OK', '=\n', '>AT', '=AT\r', 'OK'],
    ['>AT', '=AT\r', 'OK', '>AT#XSEND=0,0,0,"a"', '=AT#XSEND=0,0,0,"a"\r', '#XSEND: 0,1', 'OK'],
    ['>AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,6', 'OK', '#XAPOLL: 0,1', 'ERROR', 'OK'],
    ['>AT#XSOCKET?', 'AT#XSOCKET?', '#XSOCKET: 0,1,6', '+CME ERROR: 4', '+CMS ERROR: x'],
    ['>AT#XRECV=0,0,0,10', '#XRECV: 0,0,4', 'Test', 'OK', '', 'Ready', '+CEREG: 1'],
    ['>AT#XRECV=0,0,0,10', '#XRECV: 0,0,0', 'OK', '>AT#XRECV=0,0,0,10', '#XRECV: 0,0,3', 'abcdef', 'OK'],
    ['>AT#XRECV=0,0,0,10', `#XRECV: 0,0,${70000}`, 'OK', 'x'.repeat(5000), 'OK'],
    ['>AT', 'AT', 'OK', 'AT', '>AT', '', 'AT', 'OK'],
  ];
  for (const script of scripts) {
    const asBytes = newReader();
    const asText = newReader();
    for (const step of script) {
      if (step.startsWith('>')) {
        asBytes.reader.expectResponse(step.slice(1));
        asText.reader.expectResponse(step.slice(1));
        continue;
      }
      if (step.startsWith('=')) {
        asBytes.reader.feed(Buffer.from(step.slice(1), 'latin1'));
        asText.reader.feed(Buffer.from(step.slice(1), 'latin1'));
        continue;
      }
      asBytes.reader.feed(Buffer.from(frame(step), 'latin1'));
      asText.reader.feedLine(Buffer.from(step, 'latin1'), step);
      assert.equal(asText.reader.position, asBytes.reader.position, `${script.join(' | ')}: position after '${step}'`);
    }
    assert.deepEqual(asText.events, asBytes.events, script.join(' | '));
  }
});
