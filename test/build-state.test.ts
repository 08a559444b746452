// The command runs the JavaScript build only while it is whole and newer than every source
// (tools/build-state.mjs): an edited, added or removed source, or package.json, sends it back
// to the TypeScript sources, so a stale build never runs.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIsFresh, sourceFiles, STAMP_FILE } from '../tools/build-state.mjs';

describe('build freshness', () => {
  const root = mkdtempSync(join(tmpdir(), 'sm-build-state-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const past = new Date(Date.now() - 60_000);
  const file = (path: string, when = past): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'x');
    utimesSync(join(root, path), when, when);
  };

  it('fresh after a build, stale after an edit, an added or removed file, or a new package.json', () => {
    for (const path of ['src/a.ts', 'src/at/b.ts', 'steps/c.ts', 'package.json']) file(path);
    assert.equal(buildIsFresh(root), false, 'no build yet');
    file(`.build/${STAMP_FILE}`, new Date());
    writeFileSync(join(root, '.build', STAMP_FILE), JSON.stringify({ files: sourceFiles(root).length }));
    assert.equal(buildIsFresh(root), true);

    file('src/at/b.ts', new Date(Date.now() + 5_000));
    assert.equal(buildIsFresh(root), false, 'an edited source');
    file('src/at/b.ts');
    assert.equal(buildIsFresh(root), true);

    file('steps/d.ts');
    assert.equal(buildIsFresh(root), false, 'an added source');
    rmSync(join(root, 'steps/d.ts'));
    rmSync(join(root, 'src/a.ts'));
    assert.equal(buildIsFresh(root), false, 'a removed source');
    file('src/a.ts');
    file('package.json', new Date(Date.now() + 5_000));
    assert.equal(buildIsFresh(root), false, 'a newer package.json');
  });
});
