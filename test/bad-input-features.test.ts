import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { badInputFeatures } from '../src/catalogue/bad-input-features.ts';

// The catalogue is the single source of the bad-input features: the committed files must be
// exactly what the generator writes (node --import tsx tools/write-bad-input-features.ts).
test('the committed features/bad-input files are those the catalogue generates', async () => {
  const features = badInputFeatures();
  const committed = (await readdir('features/bad-input')).filter((name) => name.endsWith('.feature')).map((name) => `features/bad-input/${name}`).sort();
  assert.deepEqual(committed, features.map((feature) => feature.path).sort(), 'feature files differ: rerun tools/write-bad-input-features.ts');
  for (const feature of features) {
    assert.equal(await readFile(feature.path, 'utf8'), feature.text, `${feature.path} is out of date: rerun tools/write-bad-input-features.ts`);
  }
});

test('every bad-input feature is tagged with its command, @set and @negative, one file per command with a set form', () => {
  const features = badInputFeatures();
  assert.equal(features.length, 15);
  for (const feature of features) {
    const command = /\/\d\d-(\w+)\.feature$/.exec(feature.path)![1]!.toUpperCase();
    assert.match(feature.text, new RegExp(`^@${command} @set @negative$`, 'm'), feature.path);
  }
});
