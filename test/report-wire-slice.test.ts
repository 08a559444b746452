// A step's wire slice: every byte with direction and µs time, unprintable bytes escaped,
// URCs marked, payloads again as text and hex, secrets redacted, and still a transcript.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attachSchemaFailure, attachVerdict, attachWireSlice, parseVerdictAttachment, type Attach } from '../src/report/attachments.ts';
import { VERDICT_MEDIA_TYPE } from '../src/report/verdict.ts';
import { renderWireSlice } from '../src/report/wire-slice.ts';
import type { WireChunk } from '../src/transcript/transcript-format.ts';
import { checkResponseLine } from '../src/schemas/response-check.ts';
import { readRecords } from './report-transcript-records.ts';

const tx = (text: string, atUs: number): WireChunk => ({ direction: 'tx', bytes: Buffer.from(text, 'latin1'), atUs });
const rx = (text: string, atUs: number): WireChunk => ({ direction: 'rx', bytes: Buffer.from(text, 'latin1'), atUs });

function recorder(): { attach: Attach; calls: { data: string; mediaType: string; fileName?: string }[] } {
  const calls: { data: string; mediaType: string; fileName?: string }[] = [];
  return { calls, attach: (data, options) => calls.push({ data, ...options }) };
}

describe('wire slice', () => {
  it('shows each record with its µs time and direction, escaping CR, LF and NUL', () => {
    const slice = renderWireSlice([tx('AT#XSEND="a\x00b"\r', 12_000_345), rx('\r\nOK\r\n', 12_001_000)]);
    assert.match(slice, /^#sm-conformance-transcript 1\n/);
    assert.match(slice, /\n12\.000345 tx AT#XSEND="a\\x00b"\\r\n/);
    assert.match(slice, /\n12\.001000 rx \\r\\nOK\\r\\n\n/);
  });

  it('marks a URC but not the pending command\'s own line of the same name', () => {
    const slice = renderWireSlice([
      tx('AT#XAPOLL?\r', 1), rx('\r\n#XAPOLL: 0,1\r\n\r\nOK\r\n', 2),
      rx('\r\n#XAPOLL: 0,4\r\n', 3),
    ]);
    const marks = slice.split('\n').filter((line) => line.includes('^ URC'));
    assert.deepEqual(marks, ['# ^ URC #XAPOLL: 0,4']);
  });

  it('shows a counted payload as text and as hex, even when it holds OK and CRLF', () => {
    const slice = renderWireSlice([tx('AT#XRECV=0,0,0,10\r', 1), rx('\r\n#XRECV: 0,0,7\r\n', 2), rx('OK\r\n<\x00>', 3), rx('\r\nOK\r\n', 4)]);
    assert.match(slice, /# \^ payload of #XRECV: 0,0,7: 7 bytes\n# {3}text: OK\\r\\n<\\x00>\n# {3}hex: {2}4F 4B 0D 0A 3C 00 3E\n/);
    // the payload's own OK is no final code: the real OK still ends the command
    assert.equal(slice.split('\n').filter((line) => line.includes('^ URC')).length, 0);
  });

  it('decodes a hex-mode payload for its text', () => {
    const slice = renderWireSlice([tx('AT#XRECV=0,1,0,10\r', 1), rx('\r\n#XRECV: 0,1,2\r\n4869\r\nOK\r\n', 2)]);
    assert.match(slice, /payload of #XRECV: 0,1,2: 2 bytes \(sent as hex\)\n# {3}text: Hi\n# {3}hex: {2}48 69\n/);
  });

  it('redacts a credential write and stays a transcript the reader reads back', () => {
    const slice = renderWireSlice([tx('AT%CMNG=0,1,3,"00112233', 1), tx('44556677"\r', 2), rx('\r\nOK\r\n', 3)]);
    assert.ok(!slice.includes('0011'), slice);
    const records = readRecords(slice);
    const sent = Buffer.concat(records.flatMap((record) => (record.kind === 'tx' ? [record.bytes] : []))).toString();
    assert.equal(sent, 'AT%CMNG=0,1,3,"[REDACTED 16 bytes]"\r');
  });
});

describe('attachment convention', () => {
  it('attaches a wire slice as text/plain wire.txt, and nothing for a step without bytes', () => {
    const { attach, calls } = recorder();
    attachWireSlice(attach, []);
    attachWireSlice(attach, [tx('AT\r', 1)]);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.mediaType, 'text/plain');
    assert.equal(calls[0]!.fileName, 'wire.txt');
  });

  it('attaches the verdict with its reason, errata and traceability, and reads it back', () => {
    const { attach, calls } = recorder();
    const record = attachVerdict(attach, { verdict: 'NON-STRICT', reasons: ['7 sockets (erratum E1)'], errata: ['E1'] }, ['@XSOCKET', '@set', '@example:XSOCKET-1', '@erratum:E1']);
    assert.deepEqual(record, { verdict: 'NON-STRICT', reason: '7 sockets (erratum E1)', reasons: ['7 sockets (erratum E1)'], errata: ['E1'], command: '#XSOCKET', form: 'set', examples: ['XSOCKET-1'], taggedErrata: ['E1'] });
    assert.equal(calls[0]!.mediaType, VERDICT_MEDIA_TYPE);
    assert.deepEqual(parseVerdictAttachment(calls[0]!.data), { verdict: 'NON-STRICT', reasons: ['7 sockets (erratum E1)'], errata: ['E1'] });
    assert.equal(parseVerdictAttachment('{"verdict":"MAYBE"}'), undefined);
    assert.equal(parseVerdictAttachment('not json'), undefined);
  });

  it('attaches a schema failure with expected, observed and the ajv path', () => {
    const { attach, calls } = recorder();
    const line = '#XSOCKET: 0,1,7';
    const check = checkResponseLine(line, { command: '#XSOCKET', form: 'set' });
    assert.equal(check.ok, false);
    attachSchemaFailure(attach, line, check);
    attachSchemaFailure(attach, '#XSOCKET: 0,1,6', checkResponseLine('#XSOCKET: 0,1,6', { command: '#XSOCKET', form: 'set' }));
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.fileName, 'schema-failure.txt');
    assert.match(calls[0]!.data, /against XSOCKET\.set/);
    assert.match(calls[0]!.data, /path: {5}\/protocol {2}\(ajv keyword: \w+\)/);
    assert.match(calls[0]!.data, /observed: 7/);
  });
});
