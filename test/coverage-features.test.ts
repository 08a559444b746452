import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverage } from '../src/cli/coverage.ts';
import { UsageError } from '../src/blame/usage-error.ts';

async function runCoverage(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await coverage(argv, { out: (text) => { out += text; }, err: (text) => { err += text; } });
  return { code, out, err };
}

/** A copy of the repository's features to break, removed afterwards. */
async function withFeatureCopy(edit: (directory: string) => Promise<void>): Promise<{ code: number; out: string; err: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'sm-coverage-'));
  try {
    await cp('features', directory, { recursive: true });
    await edit(directory);
    return await runCoverage(['--features', directory]);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

test('the repository\'s features cover all 47 spec examples and every command × form', async () => {
  const result = await runCoverage([]);
  assert.equal(result.err, '');
  assert.match(result.out, /^spec examples covered: 47\/47$/m);
  assert.match(result.out, /^command × form covered: 45\/45$/m);
  assert.match(result.out, /^#XAPOLL +11\/11 /m);
  assert.doesNotMatch(result.out, /with no scenario|unknown example tag/);
  assert.equal(result.code, 0);
});

test('an example whose only tag is removed is reported, and coverage exits 1', async () => {
  const result = await withFeatureCopy(async (directory) => {
    const file = join(directory, '15-xgetaddrinfo.feature');
    const text = await readFile(file, 'utf8');
    assert.equal(text.split('@example:XGETADDRINFO-4').length, 2, 'the test expects exactly one scenario tagged XGETADDRINFO-4');
    await writeFile(file, text.replace('@example:XGETADDRINFO-4', ''));
  });
  assert.equal(result.code, 1);
  assert.match(result.out, /^spec examples covered: 46\/47$/m);
  assert.match(result.out, /^examples with no scenario: XGETADDRINFO-4$/m);
  assert.match(result.out, /^#XGETADDRINFO +3\/4 /m);
});

test('a command × form with no scenario is reported, and coverage exits 1', async () => {
  const result = await withFeatureCopy(async (directory) => {
    for (const name of ['15-xgetaddrinfo.feature', 'bad-input/15-xgetaddrinfo.feature']) await rm(join(directory, name));
  });
  assert.equal(result.code, 1);
  assert.match(result.out, /^command × form with no scenario: #XGETADDRINFO set, #XGETADDRINFO read, #XGETADDRINFO test$/m);
});

test('an @example tag naming no example of the index is reported (a typo would hide a gap)', async () => {
  const result = await withFeatureCopy(async (directory) => {
    await writeFile(join(directory, 'extra.feature'), 'Feature: extra\n  @XBIND @set @example:XBIND-9\n  Scenario: typo\n    When I send `AT`\n');
  });
  assert.equal(result.code, 1);
  assert.match(result.out, /^unknown example tag @example:XBIND-9 in extra\.feature \(typo\)$/m);
});

test('tags are inherited from Feature, Rule and Examples, one scenario per Examples row', async () => {
  const result = await withFeatureCopy(async (directory) => {
    await rm(directory, { recursive: true });
    await mkdir(directory);
    await writeFile(join(directory, 'outline.feature'), [
      '@XBIND', 'Feature: outline', '  @set', '  Rule: set', '    Scenario Outline: row <n>', '      When I send `AT`',
      '      @example:XBIND-1', '      Examples:', '        | n |', '        | 1 |', '        | 2 |', '',
    ].join('\n'));
  });
  assert.match(result.out, /^#XBIND +1\/1 +2 +-\* +-\*$/m);
  assert.match(result.out, /^scenarios: 2$/m);
});

test('a feature that does not parse, or a missing directory, is a one-line error and exit 2', async () => {
  const broken = await withFeatureCopy(async (directory) => {
    await writeFile(join(directory, 'broken.feature'), 'Feature: one\n  Scenario: a\n    When I send `AT`\nFeature: two\n');
  });
  assert.equal(broken.code, 2);
  assert.match(broken.err, /^sm-conformance coverage: broken\.feature: .+\n$/);
  const missing = await runCoverage(['--features', join(tmpdir(), 'no-such-features-sm-conformance')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^sm-conformance coverage: cannot read the features directory .*: ENOENT\n$/);
});

test('--spec and --features together are a usage error', async () => {
  await assert.rejects(coverage(['--spec', 'a.rst', '--features', 'features'], { out: () => undefined, err: () => undefined }), UsageError);
});
