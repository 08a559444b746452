import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coverage } from '../src/cli/coverage.ts';
import { compareExamples } from '../src/catalogue/example-drift.ts';
import { extractExamples } from '../src/catalogue/extract-examples.ts';
import { SPEC_EXAMPLES } from '../src/catalogue/examples.ts';

const SPEC_PATH = fileURLToPath(new URL('../../shared/spec/socket_at_commands.rst', import.meta.url));
const SPEC_TEXT = readFileSync(SPEC_PATH, 'utf8');

/** Runs `coverage argv` with its output captured. */
async function runCoverage(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await coverage(argv, { out: (text) => { out += text; }, err: (text) => { err += text; } });
  return { code, out, err };
}

/** Writes `text` to a temporary spec file, runs the drift check on it, cleans up. */
async function coverageOf(text: string) {
  const directory = mkdtempSync(join(tmpdir(), 'spec-drift-'));
  try {
    const file = join(directory, 'socket_at_commands.rst');
    writeFileSync(file, text);
    return await runCoverage(['--spec', file]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function edited(search: string, replacement: string): string {
  assert.ok(SPEC_TEXT.includes(search), `the spec no longer contains ${JSON.stringify(search)}`);
  return SPEC_TEXT.replace(search, replacement);
}

test('the examples re-extracted from the spec are exactly the index (errata aside)', () => {
  const found = extractExamples(SPEC_TEXT);
  assert.deepEqual(found, SPEC_EXAMPLES.map(({ errata: _errata, ...example }) => example));
});

test('the drift check passes on the shared spec', async () => {
  const result = await runCoverage(['--spec', SPEC_PATH]);
  assert.equal(result.code, 0, result.out + result.err);
  assert.match(result.out, /47 in file, 47 in index, all agree/);
});

test('an example added to the spec is drift, named with its number in the file', async () => {
  const result = await coverageOf(edited('   AT#XBIND=0,1234\n   OK\n', '   AT#XBIND=0,1234\n   OK\n   AT#XBIND=1,80\n   OK\n'));
  assert.equal(result.code, 1);
  assert.match(result.out, /not in index: XBIND-2 AT#XBIND=1,80/);
  assert.match(result.out, /48 in file, 47 in index, 1 drift\n/);
});

test('an example added in the middle of a section does not shift the others', async () => {
  const result = await coverageOf(edited('   AT#XSOCKET=1,2,0\n', '   AT#XSOCKET=2,2,0\n   #XSOCKET: 1,2,17\n   OK\n   AT#XSOCKET=1,2,0\n'));
  assert.equal(result.code, 1);
  assert.deepEqual(result.out.trim().split('\n'), ['not in index: XSOCKET-2 AT#XSOCKET=2,2,0', 'spec examples: 48 in file, 47 in index, 1 drift']);
});

test('a changed response line is drift, naming the example and both lines', async () => {
  const result = await coverageOf(edited('#XSOCKET: 1,2,17', '#XSOCKET: 1,2,6'));
  assert.equal(result.code, 1);
  assert.match(result.out, /differs: XSOCKET-2 AT#XSOCKET=1,2,0/);
  assert.match(result.out, /spec file has \["#XSOCKET: 1,2,6","OK"\], index has \["#XSOCKET: 1,2,17","OK"\]/);
});

test('a changed payload, URC or data-mode line is drift too', async () => {
  for (const [search, replacement, id] of [
    ['   74205A6F63\n', '   74205A6F64\n', 'XRECV-2'],
    ['   #XAPOLL: 1,17\n', '   #XAPOLL: 1,16\n', 'XAPOLL-4'],
    ['   Test datamode with flags\n', '   Test datamode\n', 'XSEND-3'],
  ] as const) {
    const result = await coverageOf(edited(search, replacement));
    assert.equal(result.code, 1, id);
    assert.match(result.out, new RegExp(`differs: ${id} `), id);
  }
});

test('an example removed from the spec is drift', async () => {
  const result = await coverageOf(edited('   AT#XLISTEN=0\n   OK\n', ''));
  assert.equal(result.code, 1);
  assert.match(result.out, /not in spec file: XLISTEN-1 AT#XLISTEN=0/);
});

test('an unreadable spec file gives exit 2 and one line', async () => {
  const result = await runCoverage(['--spec', join(tmpdir(), 'no-such-dir-sm-conformance', 'spec.rst')]);
  assert.equal(result.code, 2);
  assert.match(result.err, /^sm-conformance coverage: cannot read spec file .*: ENOENT\n$/);
  assert.equal(result.out, '');
});

test('compareExamples reports nothing for identical lists and everything for an empty file', () => {
  const indexed = SPEC_EXAMPLES.map(({ errata: _errata, ...example }) => example);
  assert.deepEqual(compareExamples(indexed, SPEC_EXAMPLES), []);
  const drifts = compareExamples([], SPEC_EXAMPLES);
  assert.equal(drifts.length, 47);
  assert.ok(drifts.every((drift) => drift.kind === 'not-in-spec'));
});

test('extraction reads only literal blocks under Example(s) headings and skips comments', () => {
  const rst = [
    'Thing #XSEND', '============', '', 'Syntax', '~~~~~~', '', '::', '', '   AT#XSEND=0,0,0,"not an example"', '',
    'Example', '~~~~~~~', '', 'Some text::', '', '   // a comment', '   AT#XSEND=1,2,0', '   OK', '   hello', '   +++', '',
    '   AT#XRECV=0,0,0,1', '   #XRECV: 0,0,2', '   OK', '   OK', '   #XAPOLL: 0,1', '', 'Prose ends the block.', '   AT#XSEND=9,9,9',
  ].join('\n');
  assert.deepEqual(extractExamples(rst), [
    { id: 'XSEND-1', section: '#XSEND', command: '#XSEND', form: 'set', line: 'AT#XSEND=1,2,0', response: ['OK'], dataModeInput: ['hello', '+++'] },
    { id: 'XSEND-2', section: '#XSEND', command: '#XRECV', form: 'set', line: 'AT#XRECV=0,0,0,1', response: ['#XRECV: 0,0,2', 'OK'], payload: 'OK', urcs: ['#XAPOLL: 0,1'] },
  ]);
});
