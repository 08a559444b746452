// Lines the firmware prints that the spec never shows (E6): they must validate as the
// firmware's shapes, not be mistaken for malformed output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResponseLine } from '../src/schemas/index.ts';

test('a cleared TLS hostname reads back as an empty unquoted value (E6)', () => {
  const check = checkResponseLine('#XSSOCKETOPT: 0,', { command: '#XSSOCKETOPT', form: 'set' });
  assert.equal(check.ok, true, check.findings.map((finding) => finding.message).join('\n'));
  assert.equal(check.shapeId, 'XSSOCKETOPT.set.hostname');
  assert.equal(check.value?.['value'], '');
});

test('a quoted hostname is still refused', () => {
  assert.equal(checkResponseLine('#XSSOCKETOPT: 0,"x"', { command: '#XSSOCKETOPT', form: 'set' }).ok, false);
});
