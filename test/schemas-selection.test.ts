// Which shape a line is checked against, given the command and form that were sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResponseLine, parseForCommand } from '../src/schemas/response-check.ts';
import { parseResponseLine } from '../src/schemas/line-parser.ts';
import { shapeById } from '../src/catalogue/catalogue.ts';

test('the issue\'s example: #XSOCKET: 0,1,6 as XSOCKET.set', () => {
  assert.deepEqual(parseResponseLine('#XSOCKET: 0,1,6', shapeById('XSOCKET.set')!).value, { command: '#XSOCKET', handle: 0, type: 1, protocol: 6 });
  assert.deepEqual(checkResponseLine('#XSOCKET: 0,1,6', { command: '#XSOCKET', form: 'set' }), {
    ok: true,
    shapeId: 'XSOCKET.set',
    value: { command: '#XSOCKET', handle: 0, type: 1, protocol: 6 },
    findings: [],
    attempts: [{ shapeId: 'XSOCKET.set', value: { command: '#XSOCKET', handle: 0, type: 1, protocol: 6 }, findings: [] }],
  });
});

test('the polled handles of #XAPOLL? become an array', () => {
  const result = parseForCommand('#XAPOLL: 1,1,0,2', '#XAPOLL', 'read');
  assert.equal(result.shapeId, 'XAPOLL.read');
  const repeated = shapeById('XAPOLL.read')!.fields.find((field) => field.repeated)!;
  assert.deepEqual(result.value?.[repeated.name], [0, 2]);
  assert.deepEqual(parseForCommand('#XAPOLL: 0,0', '#XAPOLL', 'read').value?.[repeated.name], []);
});

test('the form decides between shapes that share a prefix', () => {
  assert.equal(parseForCommand('#XSOCKET: 0,1,6', '#XSOCKET', 'set').shapeId, 'XSOCKET.set');
  assert.equal(parseForCommand('#XSOCKET: 0,1,0,1,0', '#XSOCKET', 'read').shapeId, 'XSOCKET.read');
  // A read line checked as a set response is one field too many.
  const wrongForm = parseForCommand('#XSOCKET: 0,1,0,1,0', '#XSOCKET', 'set');
  assert.equal(wrongForm.ok, false);
  assert.equal(wrongForm.shapeId, 'XSOCKET.set');
});

test('a URC arriving in a command\'s context is recognised as the URC it is', () => {
  const result = parseForCommand('#XAPOLL: 1,17', '#XAPOLL', 'read');
  assert.equal(result.ok, true);
  assert.equal(result.shapeId, 'XAPOLL.urc');
  assert.deepEqual(result.attempts.map((attempt) => attempt.shapeId), ['XAPOLL.read', 'XAPOLL.urc']);
  assert.equal(parseForCommand('#XAPOLL: 1,4', '#XCONNECT', 'set').shapeId, 'XAPOLL.urc');
  assert.equal(checkResponseLine('#XAPOLL: 1,4', { form: 'urc' }).shapeId, 'XAPOLL.urc');
});

test('the form\'s own shape comes first when a line fits it and a URC alike', () => {
  assert.equal(parseForCommand('#XAPOLL: 1,4', '#XAPOLL', 'read').shapeId, 'XAPOLL.read');
});

test('variants of one form are tried in catalogue order (#XSSOCKETOPT get outputs)', () => {
  const integer = parseForCommand('#XSSOCKETOPT: 0,2', '#XSSOCKETOPT', 'set');
  const cipher = parseForCommand('#XSSOCKETOPT: 0,0xc02b', '#XSSOCKETOPT', 'set');
  const hostname = parseForCommand('#XSSOCKETOPT: 0,test.server.com', '#XSSOCKETOPT', 'set');
  for (const result of [integer, cipher, hostname]) assert.equal(result.ok, true, result.findings.map((finding) => finding.message).join('; '));
  assert.equal(new Set([integer.shapeId, cipher.shapeId, hostname.shapeId]).size, 3);
  assert.equal(cipher.value?.['value'], '0xc02b');
});

test('a line that fits no candidate reports the closest one and every attempt', () => {
  const result = parseForCommand('#XAPOLL: 1,64', '#XAPOLL', 'read');
  assert.equal(result.ok, false);
  assert.equal(result.attempts.length, 2);
  assert.equal(result.shapeId, result.attempts[0]!.shapeId);
  assert.ok(result.attempts.every((attempt) => attempt.findings.length > 0));
});

test('the data-mode exit line belongs to the sending command', () => {
  assert.equal(parseForCommand('#XDATAMODE: 0', '#XSEND', 'exit').ok, true);
  assert.equal(parseForCommand('#XDATAMODE: 0', '#XSEND', 'set').ok, true);
  const elsewhere = parseForCommand('#XDATAMODE: 0', '#XSOCKET', 'set');
  assert.equal(elsewhere.ok, false);
  assert.match(elsewhere.findings[0]!.message, /no response shape/);
});

test('without a command, any catalogue shape with the line\'s prefix may match', () => {
  assert.equal(checkResponseLine('#XRECVFROM: 0,0,7,"192.168.1.100",24210').shapeId, 'XRECVFROM.set');
  assert.equal(checkResponseLine('#XSOCKET: <handle>,(1,2),(1,2,3),(0,1),<cid>').shapeId, 'XSOCKET.test');
});

test('an unknown command is said to be unknown, not merely unmatched', () => {
  const result = checkResponseLine('#XFOO: 1', { command: '#XFOO', form: 'set' });
  assert.equal(result.ok, false);
  assert.match(result.findings[0]!.message, /a command of the catalogue \(#XFOO is not one\)/);
});

test('lines that are no response lines at all are findings, not crashes', () => {
  for (const line of ['', 'OK', 'Ready', ':', '#', '#XSOCKET:', '#XSOCKET: ', '"', ',,,,', '\u0000\u0001', '#XSOCKET: "', '#XSOCKET: (((', '#XSOCKET: <<<>']) {
    const result = checkResponseLine(line, { command: '#XSOCKET', form: 'set' });
    assert.equal(result.ok, false, JSON.stringify(line));
    assert.ok(result.findings.length > 0, JSON.stringify(line));
  }
});

test('a field the syntax stage could not read is reported once, not again as missing by the schema', () => {
  const result = checkResponseLine('#XSOCKET: a,1,6', { command: '#XSOCKET', form: 'set' });
  assert.deepEqual(result.findings.map((finding) => [finding.path, finding.stage]), [['/handle', 'syntax']]);
  const lower = checkResponseLine('#xsocket: 0,1,6', { command: '#XSOCKET', form: 'set' });
  assert.deepEqual(lower.findings.map((finding) => [finding.path, finding.stage]), [['/command', 'syntax']]);
});
