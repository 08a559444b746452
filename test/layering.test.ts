// The folders under src/ form a straight stack: each imports only from folders below it.
// An import that points up means a shared piece wants a folder of its own lower down.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');

/** Bottom first. Folders on one line may not import each other. */
const STACK: readonly (readonly string[])[] = [
  ['blame', 'at'],
  ['catalogue'],
  ['schemas'],
  ['loopback'],
  ['peers'],
  ['emulator'],
  ['transcript'],
  ['dut'],
  ['report'],
  ['cli'],
];

function levelOf(folder: string): number {
  const level = STACK.findIndex((row) => row.includes(folder));
  assert.notEqual(level, -1, `src/${folder} has no place in the layer stack of test/layering.test.ts`);
  return level;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The src/ folder a path lies in, or undefined outside src/ (steps, node_modules). */
function folderOf(path: string): string | undefined {
  const inside = relative(SRC, path);
  if (inside.startsWith('..')) return undefined;
  const [first] = inside.split('/');
  return first?.endsWith('.ts') ? 'cli' : first; // src/cli.ts belongs with src/cli/
}

test('every import under src/ points down the layer stack', () => {
  const upward: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file)!;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = folderOf(resolve(dirname(file), match[1]!));
      if (to === undefined || to === from) continue;
      if (from === 'cli') continue; // the top may use anything, steps' configuration included
      if (levelOf(to) >= levelOf(from)) upward.push(`${relative(SRC, file)} imports ${match[1]} (src/${to} is not below src/${from})`);
    }
  }
  assert.deepEqual(upward, []);
});
