// at_parser emulation (firmware-notes §2): what the firmware's parameter parser accepts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAtArgs } from '../src/emulator/at-args.ts';
import { AtParamError } from '../src/emulator/types.ts';

const args = (line: string) => parseAtArgs(line).args;

describe('AtArgs (at_parser emulation)', () => {
  it('counts the command name as parameter 0', () => {
    assert.equal(args('AT#XSOCKET=1,1,0').count, 4);
    assert.equal(args('AT#XCLOSE').count, 1);
    assert.equal(args('AT#XCLOSE=').count, 1);
    assert.equal(args('AT').count, 1);
    assert.equal(args('AT#XSOCKET=1,1,0').string(0), 'AT#XSOCKET');
  });

  it('tells the form from the command token', () => {
    assert.equal(parseAtArgs('AT#XSOCKET?').form, 'read');
    assert.equal(parseAtArgs('AT#XSOCKET=?').form, 'test');
    assert.equal(parseAtArgs('AT#XSOCKET=1').form, 'set');
    assert.equal(parseAtArgs('AT#XSOCKET').form, 'set');
  });

  it('reads 0 and optionally signed integers without leading zeros', () => {
    const a = args('AT#X=0,7,+7,-7,65535,2147483647,-2147483648');
    assert.deepEqual([a.uint16(1), a.uint16(2), a.int32(3), a.int32(4), a.uint16(5), a.int32(6), a.int32(7)], [0, 7, 7, -7, 65535, 2147483647, -2147483648]);
    assert.ok(a.isInteger(1));
  });

  it('fails the whole line for 01, 0x10, -0, 1.5 and a space after a value', () => {
    for (const bad of ['AT#X=01', 'AT#X=0x10', 'AT#X=-0', 'AT#X=1.5', 'AT#X=1 ,2', 'AT#X=1,2 ', 'AT#X="a"b', 'AT#X=1,"unterminated']) {
      assert.throws(() => parseAtArgs(bad), AtParamError, bad);
    }
  });

  it('allows one space before a parameter, not two', () => {
    assert.equal(args('AT#X= 1, 2').int32(2), 2);
    assert.throws(() => parseAtArgs('AT#X=  1'), AtParamError);
  });

  it('checks uint16 and int32 ranges', () => {
    const a = args('AT#X=-1,65536,2147483648,-2147483649');
    assert.throws(() => a.uint16(1), AtParamError);
    assert.throws(() => a.uint16(2), AtParamError);
    assert.equal(a.int32(2), 65536);
    assert.throws(() => a.int32(3), AtParamError);
    assert.throws(() => a.int32(4), AtParamError);
  });

  it('refuses a string where a number is expected, and missing or empty parameters', () => {
    const a = args('AT#X="5",,');
    assert.equal(a.count, 4);
    assert.throws(() => a.int32(1), AtParamError);
    assert.throws(() => a.int32(2), AtParamError);
    assert.throws(() => a.int32(3), AtParamError);
    assert.throws(() => a.int32(4), AtParamError);
    assert.ok(a.has(3));
    assert.ok(!a.has(4));
    assert.throws(() => a.string(2), AtParamError);
  });

  it('reads quoted strings as is: commas, CR/LF, no escapes', () => {
    const a = args('AT#X="a,b\r\nc","\\"');
    assert.equal(a.string(1), 'a,b\r\nc');
    assert.equal(a.string(2), '\\');
    assert.throws(() => a.uint16(1), AtParamError);
  });

  it('tolerates unquoted strings of [A-Za-z0-9][A-Za-z0-9_.+- ]*', () => {
    assert.equal(args('AT#XGETADDRINFO=example.com').string(1), 'example.com');
    // The firmware then counts oddly: the comma after an unquoted string is an empty parameter.
    const odd = args('AT#XGETADDRINFO=example.com,1');
    assert.equal(odd.count, 4);
    assert.equal(odd.int32(3), 1);
    assert.throws(() => parseAtArgs('AT#X=_x'), AtParamError);
  });

  it('limits string length like util_string_get: strictly shorter than the buffer', () => {
    const a = args(`AT#X="${'h'.repeat(127)}","${'h'.repeat(128)}"`);
    assert.equal(a.string(1, 128).length, 127);
    assert.throws(() => a.string(2, 128), AtParamError);
  });

  it('reads a parenthesised array as a string token', () => {
    assert.equal(args('AT#X=(1,2),3').string(1), '(1,2)');
    assert.equal(args('AT#X=(1,2),3').int32(2), 3);
  });

  it('stops counting at an unquoted line break, as at_parser does', () => {
    assert.equal(args('AT#X=1,2\n3').count, 3);
  });
});
