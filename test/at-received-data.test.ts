// The data of an #XRECV/#XRECVFROM answer and how a scenario writes bytes: received data is
// the payload as on the wire, E13's framing check sees a CRLF of the data's own, and text
// and hex turn into the bytes a step means (bad hex refused, not truncated).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AtResponse } from '../src/at/at-runner.ts';
import type { AtEvent } from '../src/at/events.ts';
import { AtReader } from '../src/at/at-reader.ts';
import { dataEndsAtFinalCode, expectReceivedData, receivedData } from '../src/at/received-data.ts';
import { bytesOfHex, bytesOfText, describeBytes, hexDataOfLength } from '../src/at/wire-text.ts';
import { payloadRule } from '../src/catalogue/payload.ts';

/** The answer the runner would build from `wire` (the reader's events, the raw bytes). */
function answer(command: string, wire: string): AtResponse {
  const events: AtEvent[] = [];
  const reader = new AtReader({ payloadRule, onEvent: (event) => events.push(event) });
  reader.expectResponse(command);
  reader.feed(Buffer.from(wire, 'latin1'));
  const final = events.find((event) => event.kind === 'final');
  if (final?.kind !== 'final') throw new Error('no final code in the test wire');
  return {
    command, echo: undefined, events, final, raw: Buffer.from(wire, 'latin1'), sentAtUs: 0, finishedAtUs: 0,
    lines: events.flatMap((event) => (event.kind === 'line' ? [event.text] : [])),
    payloads: events.flatMap((event) => (event.kind === 'payload' ? [event] : [])),
  };
}

describe('received data', () => {
  it('is the payload as on the wire, even when it holds CRLF OK CRLF', () => {
    const response = answer('AT#XRECV=0,0,0,10', '\r\n#XRECV: 0,0,6\r\n\r\nOK\r\n\r\nOK\r\n');
    assert.deepEqual(receivedData(response), Buffer.from('\r\nOK\r\n'));
    expectReceivedData(response, bytesOfHex('0D0A4F4B0D0A'));
    assert.throws(() => expectReceivedData(response, Buffer.from('OK')), /received data "\\r\\nOK\\r\\n" \(hex 0D0A4F4B0D0A\), expected "OK"/);
    assert.equal(dataEndsAtFinalCode(response), true);
  });

  it('in hex mode is the hex text', () => {
    const response = answer('AT#XRECV=0,1,0,10', '\r\n#XRECV: 0,1,5\r\n74205A6F63\r\nOK\r\n');
    expectReceivedData(response, bytesOfText('74205A6F63'));
  });

  it('E13: a CRLF of the data\'s own before the final code is seen', () => {
    assert.equal(dataEndsAtFinalCode(answer('AT#XRECV=0,0,0,10', '\r\n#XRECV: 0,0,7\r\nTest OK\r\n\r\nOK\r\n')), false);
    assert.equal(dataEndsAtFinalCode(answer('AT#XRECV=0,0,0,10', '\r\n#XRECV: 0,0,7\r\nTest OK\r\nOK\r\n')), true);
  });

  it('an answer without data says so', () => {
    const response = answer('AT#XRECV=0,0,0,10', '\r\nOK\r\n');
    assert.throws(() => receivedData(response), /carried no data \(OK\)/);
    assert.equal(dataEndsAtFinalCode(response), false);
  });
});

describe('wire text', () => {
  it('hex must be an even count of hex digits', () => {
    assert.deepEqual(bytesOfHex('48656c6C6F'), Buffer.from('Hello'));
    assert.throws(() => bytesOfHex('ABC'), /not hex data/);
    assert.throws(() => bytesOfHex('4G'), /not hex data/);
  });

  it('text is one byte per character', () => {
    assert.deepEqual(bytesOfText('\u00ff+'), Buffer.from([0xff, 0x2b]));
  });

  it('hex data of a length counts its bytes up from 00, uppercase', () => {
    const hex = hexDataOfLength(2802);
    assert.equal(hex.length, 2802);
    assert.equal(hex.slice(0, 8), '00010203');
    assert.equal(hex.slice(510, 516), 'FF0001');
    assert.throws(() => hexDataOfLength(3), /even number/);
  });

  it('bytes are described as text, with hex when not printable, cut at the limit', () => {
    assert.equal(describeBytes(Buffer.from('Test')), '"Test"');
    assert.equal(describeBytes(Buffer.from('a\0')), '"a\\u0000" (hex 6100)');
    assert.equal(describeBytes(Buffer.alloc(70, 0x41), 4), '"AAAA" … (70 bytes)');
  });
});
