import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Captures } from '../steps/support/captures.ts';
import { alternativesOf, answerOf } from '../steps/support/response-alternatives.ts';
import { socketOpening } from '../steps/support/socket-kinds.ts';

describe('Captures.matchLines', () => {
  it('captures from every line when all of them match', () => {
    const captures = new Captures();
    assert.equal(captures.matchLines(['#XCLOSE: <a>,0', '#XCLOSE: <b>,0', 'OK'], ['#XCLOSE: 0,0', '#XCLOSE: 1,0', 'OK']), true);
    assert.deepEqual([captures.get('a'), captures.get('b')], ['0', '1']);
  });

  it('keeps no capture when a later line differs', () => {
    const captures = new Captures();
    assert.equal(captures.matchLines(['#XSEND: <handle>,8', 'OK'], ['#XSEND: 0,8', 'ERROR']), false);
    assert.equal(captures.get('handle'), undefined);
  });

  it('needs as many lines as templates', () => {
    const captures = new Captures();
    assert.equal(captures.matchLines(['OK'], ['#XSOCKET: 0,1,6', 'OK']), false);
    assert.equal(captures.matchLines(['#XSOCKET: <h>,1,6', 'OK'], ['OK']), false);
    assert.equal(captures.matchLines(['#XCLOSE: <a>,0'], ['#XCLOSE: 0,0', '#XCLOSE: 1,0', 'OK']), false);
  });

  it('holds a name captured on an earlier line for the later ones', () => {
    assert.equal(new Captures().matchLines(['#XSOCKET: <h>,1,0,1,0', '#XCLOSE: <h>,0'], ['#XSOCKET: 2,1,0,1,0', '#XCLOSE: 3,0']), false);
  });
});

describe('expected answers in steps', () => {
  it('reads one line as that line then OK, and a final result code alone', () => {
    assert.deepEqual(answerOf('#XSOCKET: <handle>,1,6'), ['#XSOCKET: <handle>,1,6', 'OK']);
    assert.deepEqual(answerOf('ERROR'), ['ERROR']);
    assert.deepEqual(answerOf('OK'), ['OK']);
  });

  it('reads a docstring as the spec answer, then each erratum answer', () => {
    const text = '  #XSEND: <h>,8\n  OK\n\n  or as erratum E12 says:\n  #XSEND: <h>,0\n  ERROR\n';
    assert.deepEqual(alternativesOf(text), [
      { lines: ['#XSEND: <h>,8', 'OK'] },
      { erratum: 'E12', lines: ['#XSEND: <h>,0', 'ERROR'] },
    ]);
  });

  it('reads a docstring without errata as one answer', () => {
    assert.deepEqual(alternativesOf('#XCLOSE: <a>,0\nOK'), [{ lines: ['#XCLOSE: <a>,0', 'OK'] }]);
  });

  it('refuses an alternative with no lines', () => {
    assert.throws(() => alternativesOf('OK\nor as erratum E6 says:\n'), /erratum E6 has no lines/);
    assert.throws(() => alternativesOf('or as erratum E6 says:\nERROR'), /expected response has no lines/);
  });
});

describe('sockets by name', () => {
  it('opens each kind with the spec command and expects the spec answer', () => {
    assert.deepEqual(socketOpening({ family: 'IPv4', kind: 'TCP', role: 'client' }, 'tcp'), { command: 'AT#XSOCKET=1,1,0', response: '#XSOCKET: <tcp>,1,6' });
    assert.deepEqual(socketOpening({ family: 'IPv6', kind: 'UDP', role: 'server' }, 'u'), { command: 'AT#XSOCKET=2,2,1', response: '#XSOCKET: <u>,2,17' });
    assert.deepEqual(socketOpening({ family: 'IPv4', kind: 'raw', role: 'client' }, 'r'), { command: 'AT#XSOCKET=1,3,0', response: '#XSOCKET: <r>,3,0' });
    assert.deepEqual(socketOpening({ family: 'IPv4', kind: 'TLS', role: 'client' }, 't'), { command: 'AT#XSSOCKET=1,1,0,16842753', response: '#XSSOCKET: <t>,1,258' });
    assert.deepEqual(socketOpening({ family: 'IPv6', kind: 'DTLS', role: 'client' }, 'd'), { command: 'AT#XSSOCKET=2,2,0,16842753', response: '#XSSOCKET: <d>,2,273' });
  });
});

describe('captured fields', () => {
  it('refuse a space at either end of a value, which is a framing error', () => {
    assert.equal(new Captures().match('#XSOCKET: <handle>,1,6', '#XSOCKET:  0,1,6'), false);
    assert.equal(new Captures().match('#XSOCKET: <handle>,1,6', '#XSOCKET: 0 ,1,6'), false);
  });

  it('keep spaces inside a value and allow an empty one', () => {
    const captures = new Captures();
    assert.equal(captures.match('#XSSOCKETOPT: 0,<name>', '#XSSOCKETOPT: 0,a b'), true);
    assert.equal(captures.get('name'), 'a b');
    assert.equal(captures.match('#XSSOCKETOPT: 1,<empty>', '#XSSOCKETOPT: 1,'), true);
    assert.equal(captures.get('empty'), '');
  });
});
