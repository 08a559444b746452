import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandByName } from '../src/catalogue/catalogue.ts';
import { ERRATA, erratumById } from '../src/catalogue/errata.ts';

test('errata E1..E27 are each present once, in order', () => {
  assert.deepEqual(ERRATA.map((erratum) => erratum.id), Array.from({ length: 27 }, (_, index) => `E${index + 1}`));
});

test('each erratum quotes the spec, says what the firmware does and names real commands', () => {
  for (const erratum of ERRATA) {
    assert.ok(erratum.specText.length > 0 && erratum.firmware.length > 0, erratum.id);
    for (const command of erratum.commands) assert.ok(commandByName(command), `${erratum.id}: ${command}`);
  }
  assert.deepEqual(ERRATA.filter((erratum) => !erratum.observable).map((erratum) => erratum.id), ['E5', 'E22', 'E25', 'E27']);
});

test('erratumById finds an erratum by its id only', () => {
  assert.equal(erratumById('E11')?.specText, 'The maximum size of the hostname is 128 bytes.');
  assert.deepEqual(erratumById('E9')?.examples, ['XSEND-3']);
  assert.equal(erratumById('E28'), undefined);
  assert.equal(erratumById('e11'), undefined);
});
