import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { escapeBytes, unescapeBytes } from '../src/at/byte-escape.ts';
import { TranscriptWriter } from '../src/transcript/transcript-writer.ts';
import { TranscriptReader, TranscriptSyntaxError } from '../src/transcript/transcript-reader.ts';
import type { TranscriptRecord } from '../src/transcript/transcript-format.ts';

async function writeTranscript(write: (writer: TranscriptWriter) => void): Promise<Buffer> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => parts.push(chunk));
  const writer = new TranscriptWriter(sink, { dut: 'emulator', port: 'a=b' });
  write(writer);
  await writer.close();
  return Buffer.concat(parts);
}

/** Reads in small chunks so records and escapes are cut across chunk boundaries. */
function readTranscript(text: Buffer, chunkSize = 7): TranscriptRecord[] {
  const records: TranscriptRecord[] = [];
  const reader = new TranscriptReader((record) => records.push(record));
  for (let i = 0; i < text.length; i += chunkSize) reader.push(text.subarray(i, i + chunkSize));
  reader.end();
  return records;
}

function joined(records: TranscriptRecord[], kind: 'tx' | 'rx'): Buffer {
  return Buffer.concat(records.flatMap((record) => (record.kind === kind ? [record.bytes] : [])));
}

test('every byte value survives writer → reader exactly, in both directions', async () => {
  const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const reversed = Buffer.from(allBytes).reverse();
  const text = await writeTranscript((writer) => {
    writer.tx(allBytes, 1);
    writer.rx(reversed, 2);
    writer.rx(Buffer.from('ends in a space '), 3);
  });
  const records = readTranscript(text);
  assert.deepEqual(joined(records, 'tx'), allBytes);
  assert.deepEqual(joined(records, 'rx'), Buffer.concat([reversed, Buffer.from('ends in a space ')]));
  for (const line of text.toString('latin1').split('\n')) assert.ok(!line.endsWith(' '), `trailing space in ${JSON.stringify(line)}`);
  assert.ok(/^[\x20-\x7e\n]*$/.test(text.toString('latin1')), 'the file is printable ASCII');
});

test('escapes read as people expect and decode back', () => {
  const bytes = Buffer.from('\r\n#XRECV: 0,0,3\r\na\\\x00\t');
  assert.equal(escapeBytes(bytes), '\\r\\n#XRECV: 0,0,3\\r\\na\\\\\\x00\\t');
  assert.deepEqual(unescapeBytes(Buffer.from(escapeBytes(bytes))), bytes);
  assert.throws(() => unescapeBytes(Buffer.from('a\\q')), /bad escape/);
  assert.throws(() => unescapeBytes(Buffer.from('a\\xZ1')), /bad escape/);
});

test('rx bytes are cut after each device line, timestamps and notes kept', async () => {
  const text = await writeTranscript((writer) => {
    writer.note('scenario: open\nsocket', 0);
    writer.tx(Buffer.from('AT#XSOCKET=1,1,0\r'), 120);
    writer.rx(Buffer.from('\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n'), 1_001_410);
    writer.reset('emulator restarted', 2_000_000);
  });
  const lines = text.toString('utf8').split('\n');
  assert.deepEqual(lines, [
    '#sm-conformance-transcript 1',
    '#@ dut=emulator',
    '#@ port=a=b',
    '0.000000 note scenario: open\\nsocket',
    '0.000120 tx AT#XSOCKET=1,1,0\\r',
    '1.001410 rx \\r\\n#XSOCKET: 0,1,6\\r\\n',
    '1.001410 rx \\r\\nOK\\r\\n',
    '2.000000 reset emulator restarted',
    '',
  ]);
  const records = readTranscript(text, 3);
  assert.deepEqual(
    records.map((record) => [record.kind, record.line, 'atUs' in record ? record.atUs : undefined]),
    [['meta', 2, undefined], ['meta', 3, undefined], ['note', 4, 0], ['tx', 5, 120], ['rx', 6, 1_001_410], ['rx', 7, 1_001_410], ['reset', 8, 2_000_000]],
  );
  const note = records[2];
  assert.ok(note?.kind === 'note' && note.text === 'scenario: open\nsocket');
  const meta = records[1];
  assert.ok(meta?.kind === 'meta' && meta.key === 'port' && meta.value === 'a=b');
});

test('a malformed transcript is refused with the line number', () => {
  const read = (text: string) => readTranscript(Buffer.from(text));
  assert.throws(() => read('AT#XSOCKET=1,1,0\r\n'), /line 1: not an sm-conformance transcript/);
  assert.throws(() => read('#sm-conformance-transcript 2\n'), /version 2 is not supported/);
  assert.throws(() => read(''), /empty input/);
  assert.throws(() => read('#sm-conformance-transcript 1\n0.000001 tx ok\n1.5 rx x\n'), (error: unknown) => {
    return error instanceof TranscriptSyntaxError && error.lineNumber === 3 && /bad time/.test(error.message);
  });
  assert.throws(() => read('#sm-conformance-transcript 1\n0.000001 sx ok\n'), /line 2: unknown record kind 'sx'/);
  assert.throws(() => read('#sm-conformance-transcript 1\n0.000001 tx \\q\n'), /line 2: bad escape/);
});

test('CRLF line ends of an edited transcript are tolerated', () => {
  const records = readTranscript(Buffer.from('#sm-conformance-transcript 1\r\n0.000001 tx AT\\r\r\n'));
  assert.deepEqual(joined(records, 'tx'), Buffer.from('AT\r'));
});
