// Rewrites features/bad-input/*.feature from the catalogue (src/catalogue/bad-input-features.ts).
// Run from the repository root: node --import tsx tools/write-bad-input-features.ts

import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { badInputFeatures } from '../src/catalogue/bad-input-features.ts';

const DIRECTORY = 'features/bad-input';

await mkdir(DIRECTORY, { recursive: true });
const features = badInputFeatures();
const wanted = new Set(features.map((feature) => feature.path));
for (const name of await readdir(DIRECTORY)) {
  if (name.endsWith('.feature') && !wanted.has(`${DIRECTORY}/${name}`)) await rm(`${DIRECTORY}/${name}`);
}
for (const feature of features) await writeFile(feature.path, feature.text);
process.stdout.write(`wrote ${features.length} feature files to ${DIRECTORY}\n`);
