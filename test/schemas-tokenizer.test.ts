import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIntegerText, tokenizeResponseLine } from '../src/schemas/value-tokens.ts';

function kindsAndTexts(line: string): [string, string][] {
  return tokenizeResponseLine(line).tokens.map((token) => [token.kind, token.text]);
}

test('a well-framed line gives its prefix, its tokens with columns, and no defects', () => {
  const tokenized = tokenizeResponseLine('#XSOCKET: 0,1,6');
  assert.equal(tokenized.prefix, '#XSOCKET');
  assert.deepEqual(tokenized.defects, []);
  assert.deepEqual(tokenized.tokens, [
    { kind: 'integer', text: '0', column: 11 },
    { kind: 'integer', text: '1', column: 13 },
    { kind: 'integer', text: '6', column: 15 },
  ]);
});

test('each token kind is recognised: integer, quoted, list, placeholder, bare', () => {
  assert.deepEqual(kindsAndTexts('#XAPOLL: (0,1),<0,1,4,5>,<handle1>,...'), [
    ['list', '(0,1)'], ['placeholder', '<0,1,4,5>'], ['placeholder', '<handle1>'], ['bare', '...'],
  ]);
  assert.deepEqual(kindsAndTexts('#XRECVFROM: 0,1,7,"192.168.1.100",-24210'), [
    ['integer', '0'], ['integer', '1'], ['integer', '7'], ['quoted', '"192.168.1.100"'], ['integer', '-24210'],
  ]);
  assert.deepEqual(kindsAndTexts('#XSSOCKETOPT: 0,0xc02b'), [['integer', '0'], ['bare', '0xc02b']]);
  assert.deepEqual(kindsAndTexts('#XSSOCKETOPT: 0,test.server.com'), [['integer', '0'], ['bare', 'test.server.com']]);
});

test('a quoted string may hold commas and spaces; it has no escapes', () => {
  const tokenized = tokenizeResponseLine('#XGETADDRINFO: "1.2.3.4 5.6.7.8, x",2');
  assert.deepEqual(tokenized.defects, []);
  assert.deepEqual(kindsAndTexts(tokenized.line), [['quoted', '"1.2.3.4 5.6.7.8, x"'], ['integer', '2']]);
  // A backslash is an ordinary character, so the string ends at the next quote.
  assert.deepEqual(kindsAndTexts('#X: "a\\",b'), [['quoted', '"a\\"'], ['bare', 'b']]);
});

test('integer spelling follows at_parser: no leading zeros, no +, no -0', () => {
  for (const text of ['0', '7', '-5', '258', '2147483647']) assert.equal(isIntegerText(text), true, text);
  for (const text of ['01', '-0', '+5', '', '-', '1a', '0x10', '1.5', ' 1']) assert.equal(isIntegerText(text), false, text);
  assert.deepEqual(kindsAndTexts('#XSOCKET: 01,+1,-0'), [['bare', '01'], ['bare', '+1'], ['bare', '-0']]);
});

test('empty fields and a trailing comma give empty tokens', () => {
  assert.deepEqual(kindsAndTexts('#XSOCKET: 0,,6,'), [['integer', '0'], ['empty', ''], ['integer', '6'], ['empty', '']]);
});

test('a line with nothing after the colon has no tokens', () => {
  assert.deepEqual(tokenizeResponseLine('#XSOCKET:').tokens, []);
  assert.deepEqual(tokenizeResponseLine('#XSOCKET:').defects, []);
});

test('exactly one space after the colon: none or two are defects of the first field', () => {
  const none = tokenizeResponseLine('#XSOCKET:0,1,6');
  assert.equal(none.defects.length, 1);
  assert.equal(none.defects[0]!.tokenIndex, 0);
  assert.match(none.defects[0]!.problem, /no space after ':'/);
  assert.deepEqual(kindsAndTexts(none.line)[0], ['integer', '0']);

  const two = tokenizeResponseLine('#XSOCKET:  0,1,6');
  assert.equal(two.defects.length, 1);
  assert.equal(two.defects[0]!.tokenIndex, 0);
  assert.equal(two.defects[0]!.column, 10);
  assert.match(two.defects[0]!.problem, /2 spaces after ':'/);
});

test('spaces around a comma are defects of the token they touch', () => {
  const after = tokenizeResponseLine('#XSOCKET: 0 ,1,6');
  assert.deepEqual(after.defects.map((defect) => [defect.tokenIndex, defect.column, defect.problem]), [[0, 12, 'a space after the value']]);
  const before = tokenizeResponseLine('#XSOCKET: 0, 1,6');
  assert.deepEqual(before.defects.map((defect) => [defect.tokenIndex, defect.column, defect.problem]), [[1, 13, 'a space before the value']]);
  assert.deepEqual(kindsAndTexts(before.line), [['integer', '0'], ['integer', '1'], ['integer', '6']]);
  const trailing = tokenizeResponseLine('#XCLOSE: 0,0 ');
  assert.deepEqual(trailing.defects.map((defect) => [defect.tokenIndex, defect.problem]), [[1, 'a space after the value']]);
});

test('text after a closed token, or inside an unquoted value, is reported', () => {
  const afterQuote = tokenizeResponseLine('#XACCEPT: 0,"1.2.3.4"x,5');
  assert.deepEqual(afterQuote.defects.map((defect) => [defect.tokenIndex, defect.problem, defect.observed]), [[1, 'unexpected text after the value', 'x']]);
  assert.equal(afterQuote.tokens.length, 3);
  const inside = tokenizeResponseLine('#XSOCKET: 0 1,6');
  assert.deepEqual(inside.defects.map((defect) => [defect.tokenIndex, defect.problem]), [[0, 'unexpected text after the value']]);
});

test('unterminated quotes, lists and placeholders are reported with their column', () => {
  for (const [line, what] of [
    ['#XGETADDRINFO: "142.251.42.142', 'quoted string'],
    ['#XSOCKET: <handle>,(1,2', 'list'],
    ['#XSOCKET: <handle', 'placeholder'],
  ] as const) {
    const tokenized = tokenizeResponseLine(line);
    assert.equal(tokenized.defects.length, 1, line);
    assert.match(tokenized.defects[0]!.problem, new RegExp(`unterminated ${what}`), line);
  }
  assert.equal(tokenizeResponseLine('#XGETADDRINFO: "142.251.42.142').defects[0]!.column, 16);
});

test('the prefix must be uppercase, without spaces, and be followed by a colon', () => {
  const lower = tokenizeResponseLine('#xsocket: 0,1,6');
  assert.deepEqual(lower.defects.map((defect) => [defect.tokenIndex, defect.problem]), [[undefined, 'the prefix must be uppercase (#XSOCKET)']]);
  assert.equal(lower.tokens.length, 3);
  assert.match(tokenizeResponseLine('#XSOCKET : 0').defects[0]!.problem, /space before ':'/);
  assert.match(tokenizeResponseLine('XSOCKET: 0').defects[0]!.problem, /malformed prefix/);
  assert.match(tokenizeResponseLine('#XSOCKET 0,1,6').defects[0]!.problem, /no ':'/);
  assert.deepEqual(tokenizeResponseLine('+CME ERROR: 5').defects.map((defect) => defect.problem), [
    "a malformed prefix: expected '#', '+' or '%', then uppercase letters, digits or '_'",
  ]);
});

test('control characters outside quotes are defects (e.g. a CR left on the line)', () => {
  const tokenized = tokenizeResponseLine('#XSOCKET: 0,1,6\r');
  assert.deepEqual(tokenized.defects.map((defect) => [defect.tokenIndex, defect.problem]), [[2, 'a control character 0x0d in the value']]);
});
