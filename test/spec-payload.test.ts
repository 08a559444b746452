import { test } from 'node:test';
import assert from 'node:assert/strict';
import { payloadRule, payloadRuleFor } from '../src/catalogue/payload.ts';
import { XRECV } from '../src/catalogue/commands/xrecv.ts';
import type { ResponseShape } from '../src/catalogue/types.ts';

test('a binary #XRECV header announces size bytes', () => {
  assert.deepEqual(payloadRule('#XRECV: 0,0,7'), { wireBytes: 7, mode: 0 });
});

test('a hex #XRECV header announces twice its size in characters', () => {
  assert.deepEqual(payloadRule('#XRECV: 0,1,5'), { wireBytes: 10, mode: 1 });
});

test('a #XRECVFROM header announces its payload, whatever follows the size', () => {
  assert.deepEqual(payloadRule('#XRECVFROM: 0,1,7,"192.168.1.100",24210'), { wireBytes: 14, mode: 1 });
  assert.deepEqual(payloadRule('#XRECVFROM: 3,0,2048,"2a02:c207:2051:8976::1",1'), { wireBytes: 2048, mode: 0 });
});

test('lines that carry no payload are ignored', () => {
  for (const line of [
    '#XSEND: 0,5', '#XSENDTO: 0,8', '#XSOCKET: 0,1,6', 'OK', '', '#XAPOLL: 1,17', 'Test OK', '#XRECV', '#XRECV:',
    '#XRECV: 1,4', // the spec's #XAPOLL example without <mode> (E17)
    '#XRECV: 0,2,5', '#XRECV: 0,1,-5', '#XRECV: 0,1,05', '#XRECV: 0, 1,5', '#XRECV: a,1,5', '#XRECVX: 0,1,5',
  ]) {
    assert.equal(payloadRule(line), undefined, line);
  }
});

test('the rule follows the shapes it is given, not command names', () => {
  const renamed: ResponseShape = { ...XRECV.forms.set.supported ? XRECV.forms.set.responses[0]! : ({} as ResponseShape), prefix: '#XPULL' };
  const rule = payloadRuleFor([renamed]);
  assert.deepEqual(rule('#XPULL: 0,0,3'), { wireBytes: 3, mode: 0 });
  assert.equal(rule('#XRECV: 0,0,3'), undefined);
  assert.equal(payloadRuleFor([])('#XRECV: 0,0,3'), undefined);
});
