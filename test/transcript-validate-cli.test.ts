import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { validate } from '../src/cli/validate.ts';
import { UsageError } from '../src/blame/usage-error.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], stdinText = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await validate(argv, { stdin: Readable.from([Buffer.from(stdinText)]), stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

const directory = mkdtempSync(join(tmpdir(), 'sm-validate-'));
test.after(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, text: string | Buffer): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

const CLEAN = 'AT#XSOCKET=1,1,0\r\n#XSOCKET: 0,1,6\r\nOK\r\n';
const BROKEN = 'AT#XSOCKET=1,1,0\r\n#XSOCKET: 0,1,7\r\nOK\r\nAT#XBIND=0,1\r\n';

test('exit 0 and a PASS summary for a clean log', async () => {
  const result = await run([file('clean.log', CLEAN)]);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /verdict: PASS {2}\(0 FAIL, 0 NON-STRICT, 0 WARN\)/);
  assert.equal(result.stderr, '');
});

test('exit 1 with counts per rule and the first findings with context', async () => {
  const result = await run([file('broken.log', BROKEN)]);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /verdict: FAIL {2}\(2 FAIL/);
  assert.match(result.stdout, /response\.line\s+1\s+0\s+0/);
  assert.match(result.stdout, /line 2: FAIL response\.line/);
  assert.match(result.stdout, />\s+2 \| #XSOCKET: 0,1,7/);
});

test('exit 2 with one line for unreadable input, never a stack trace', async () => {
  for (const [argv, pattern] of [
    [[join(directory, 'missing.log')], /cannot read '.*missing\.log': no such file/],
    [[directory], /it is a directory/],
    [[file('bad.transcript', '#sm-conformance-transcript 1\nnot a record\n')], /line 2: bad time 'not'/],
    [[file('binary.log', Buffer.from([0, 1, 2, 3]))], /binary data/],
  ] as const) {
    const result = await run([...argv]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, pattern);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
  await assert.rejects(run([]), UsageError);
  await assert.rejects(run(['a', 'b']), UsageError);
  await assert.rejects(run(['x', '--format', 'pcap']), UsageError);
});

test('--strict fails on NON-STRICT findings too', async () => {
  const path = file('nonstrict.log', 'AT#XAPOLL=0\r\nOK\r\n');
  assert.equal((await run([path])).code, 0);
  assert.equal((await run([path, '--strict'])).code, 1);
});

test('- reads standard input; --json gives every finding and the summary', async () => {
  const result = await run(['-', '--json'], BROKEN);
  assert.equal(result.code, 1);
  const document = JSON.parse(result.stdout) as { findings: { rule: string; line: number }[]; summary: { passed: boolean; input: string; lines: number } };
  assert.deepEqual(document.findings.map((finding) => [finding.rule, finding.line]), [['response.line', 2], ['response.final', 4]]);
  assert.equal(document.summary.passed, false);
  assert.equal(document.summary.input, 'stdin');
  assert.equal(document.summary.lines, 4);
});

test('--junit writes one testcase per rule, failures for FAIL rules, device text escaped', async () => {
  const junit = join(directory, 'validate.xml');
  const log = 'AT#XSOCKET=1,1,0\r\n#XSOCKET: <script>alert(1)</script>\r\nOK\r\n';
  const result = await run([file('xss.log', log), '--junit', junit]);
  assert.equal(result.code, 1);
  const xml = readFileSync(junit, 'utf8');
  assert.match(xml, /<testsuite [^>]*failures="1"/);
  const declared = Number(/<testsuite [^>]*tests="(\d+)"/.exec(xml)?.[1]);
  assert.ok(declared > 10);
  assert.equal((xml.match(/<testcase /g) ?? []).length, declared);
  assert.match(xml, /<failure message="1 FAIL finding/);
  assert.doesNotMatch(xml, /<script>/);
  assert.match(xml, /&lt;script&gt;/);
});

test('--format overrides detection', async () => {
  const path = file('looks-like.log', CLEAN);
  assert.equal((await run([path, '--format', 'terminal'])).code, 0);
  const forced = await run([path, '--format', 'transcript']);
  assert.equal(forced.code, 2);
  assert.match(forced.stderr, /not an sm-conformance transcript/);
});
