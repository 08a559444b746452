// Whether .build/ (tools/build-js.mjs) may be run: it exists whole and no source is newer
// than it, nor was one added or removed since. Checked at every start of bin/sm-conformance.mjs
// (a few hundred stat calls, milliseconds); when it says no, the sources run through tsx.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BUILD_DIR = join(PROJECT_ROOT, '.build');
export const BUILT_FOLDERS = ['src', 'steps'];
export const STAMP_FILE = 'build-stamp.json';

/** Every file under the built folders, sorted. */
export function sourceFiles(root = PROJECT_ROOT) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  for (const folder of BUILT_FOLDERS) walk(join(root, folder));
  return files.sort();
}

export function buildIsFresh(root = PROJECT_ROOT) {
  const stamp = join(root, '.build', STAMP_FILE);
  if (!existsSync(stamp)) return false;
  try {
    const built = statSync(stamp).mtimeMs;
    const { files } = JSON.parse(readFileSync(stamp, 'utf8'));
    const sources = sourceFiles(root);
    if (sources.length !== files) return false;
    if (statSync(join(root, 'package.json')).mtimeMs > built) return false;
    return sources.every((path) => statSync(path).mtimeMs <= built);
  } catch {
    return false;
  }
}
