import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommand, commandBytes, CommandBuildError } from '../src/at/command-builder.ts';

test('a set command writes integers as decimal and strings in double quotes', () => {
  assert.equal(buildCommand('#XSEND', 'set', { handle: 0, mode: 0, flags: 0, data: 'Test TCP' }), 'AT#XSEND=0,0,0,"Test TCP"');
  assert.equal(buildCommand('#XCONNECT', 'set', [2, '2a02:c207:2051:8976::1', 4567]), 'AT#XCONNECT=2,"2a02:c207:2051:8976::1",4567');
  assert.equal(buildCommand('#XSSOCKET', 'set', [1, 1, 0, 16842753, 2]), 'AT#XSSOCKET=1,1,0,16842753,2');
  assert.equal(buildCommand('#XACCEPT', 'set', [0, -1]), 'AT#XACCEPT=0,-1');
  assert.equal(buildCommand('#XSEND', 'set', [0, 0, 0, '']), 'AT#XSEND=0,0,0,""');
});

test('read, test and bare forms', () => {
  assert.equal(buildCommand('#XSOCKET', 'read'), 'AT#XSOCKET?');
  assert.equal(buildCommand('#XSOCKET', 'test'), 'AT#XSOCKET=?');
  assert.equal(buildCommand('#XCLOSE', 'set'), 'AT#XCLOSE');
  assert.equal(buildCommand('#XCLOSE', 'set', { handle: undefined }), 'AT#XCLOSE');
});

test('trailing omitted optional parameters are left out; a gap is refused', () => {
  assert.equal(buildCommand('#XSOCKET', 'set', { op: 1, type: 1, role: 0, cid: undefined }), 'AT#XSOCKET=1,1,0');
  assert.throws(
    () => buildCommand('#XSSOCKET', 'set', { op: 1, type: 1, role: 0, sec_tag: 1, peer_verify: undefined, cid: 1 }),
    (error: Error) => error instanceof CommandBuildError && /peer_verify/.test(error.message) && /cid/.test(error.message),
  );
});

test('strings with a double quote, CR, LF or NUL are refused, naming the parameter', () => {
  for (const [bad, shown] of [['say "hi"', 'double quote'], ['a\rb', 'CR'], ['a\nb', 'LF'], ['a\0b', 'NUL']] as const) {
    assert.throws(
      () => buildCommand('#XSEND', 'set', { handle: 0, mode: 0, flags: 0, data: bad }),
      (error: Error) => error instanceof CommandBuildError && error.message.includes('parameter data') && error.message.includes(shown),
      JSON.stringify(bad),
    );
  }
  assert.throws(() => buildCommand('#XCONNECT', 'set', [0, 'x"y', 1]), /parameter #2 contains a double quote/);
});

test('non-integer numbers are refused, naming the parameter', () => {
  for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
    assert.throws(() => buildCommand('#XBIND', 'set', { handle: 0, port: bad }), /#XBIND: parameter port must be an integer/, String(bad));
  }
});

test('bad command names and parameters on read/test forms are refused', () => {
  assert.throws(() => buildCommand('XSOCKET', 'read'), CommandBuildError);
  assert.throws(() => buildCommand('#X SOCKET', 'read'), CommandBuildError);
  assert.throws(() => buildCommand('#XSOCKET', 'read', [1]), /read form takes no parameters/);
});

test('command bytes end with CR by default, CRLF on request, and refuse embedded line ends', () => {
  assert.deepEqual(commandBytes('AT#XSOCKET?'), Buffer.from('AT#XSOCKET?\r'));
  assert.deepEqual(commandBytes('AT#XSOCKET?', '\r\n'), Buffer.from('AT#XSOCKET?\r\n'));
  assert.throws(() => commandBytes('AT#XSOCKET?\rAT'), CommandBuildError);
});
