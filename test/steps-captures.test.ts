import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Captures } from '../steps/support/captures.ts';

describe('Captures', () => {
  it('captures a new placeholder from the observed line and reuses it', () => {
    const captures = new Captures();
    assert.equal(captures.match('#XSOCKET: <handle>,1,6', '#XSOCKET: 3,1,6'), true);
    assert.equal(captures.get('handle'), '3');
    assert.equal(captures.expand('AT#XCLOSE=<handle>'), 'AT#XCLOSE=3');
  });

  it('requires a captured placeholder to equal its value', () => {
    const captures = new Captures();
    captures.set('handle', '3');
    assert.equal(captures.match('#XCLOSE: <handle>,0', '#XCLOSE: 4,0'), false);
    assert.equal(captures.match('#XCLOSE: <handle>,0', '#XCLOSE: 3,0'), true);
  });

  it('does not capture when the rest of the line differs', () => {
    const captures = new Captures();
    assert.equal(captures.match('#XSOCKET: <handle>,1,6', '#XSOCKET: 3,1,17'), false);
    assert.equal(captures.get('handle'), undefined);
  });

  it('requires a new name used twice to be the same both times', () => {
    assert.equal(new Captures().match('#XAPOLL: 1,5,<h>,<h>', '#XAPOLL: 1,5,0,1'), false);
    assert.equal(new Captures().match('#XAPOLL: 1,5,<h>,<h>', '#XAPOLL: 1,5,0,0'), true);
  });

  it('takes a capture up to the next comma only', () => {
    const captures = new Captures();
    assert.equal(captures.match('#XRECVFROM: 0,0,4,<ip>,<port>', '#XRECVFROM: 0,0,4,"192.168.0.1",1234'), true);
    assert.deepEqual([captures.get('ip'), captures.get('port')], ['"192.168.0.1"', '1234']);
  });

  it('reads regular-expression characters and escaped < literally', () => {
    const captures = new Captures();
    assert.equal(captures.match('#XAPOLL: (0,1),\\<0,1,4,5>,\\<handle1>', '#XAPOLL: (0,1),<0,1,4,5>,<handle1>'), true);
    assert.equal(captures.get('handle1'), undefined);
    assert.equal(captures.match('a.b', 'axb'), false);
    assert.equal(captures.expand('\\<x>'), '<x>');
  });

  it('says which placeholder is missing when expanding', () => {
    assert.throws(() => new Captures().expand('AT#XCLOSE=<handle>'), /^Error: <handle> has not been captured yet in this scenario$/);
  });

  it('accepts hyphenated names', () => {
    const captures = new Captures();
    assert.equal(captures.match('#XBIND: <local-port>', '#XBIND: 8080'), true);
    assert.equal(captures.expand('<local-port>'), '8080');
  });
});
