// `sm-conformance run` as a user meets it: the exit code (0 nothing FAILs, 1 something
// FAILs, 2 usage or device), one line on stderr for every usage or device problem (never a
// stack trace), and on stdout the verdict table, the report paths and cucumber's count lines.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { servePty } from '../src/emulator/serve/pty-server.ts';
import { runCli } from './emulator-serve-cli.ts';
import { reportsDirectory, runInProcess } from './run-in-process.ts';

function assertOneLineError(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${result.stderr}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

/** A loopback port with nothing listening: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sm-conformance run: usage and device problems are one line, exit 2', () => {
  it('an unknown option', async () => {
    assertOneLineError(await runCli(['run', '--colour']), /^sm-conformance run: unknown option --colour \(sm-conformance run --help lists the options\)$/);
  });

  it('a serial port that does not exist', async () => {
    assertOneLineError(await runCli(['run', '--dut', 'serial:/dev/ttySM-CONFORMANCE-NONE']), /no such serial port \/dev\/ttySM-CONFORMANCE-NONE/);
  });

  it('a TCP target nobody listens on', async () => {
    const port = await closedPort();
    assertOneLineError(await runCli(['run', '--dut', `tcp:127.0.0.1:${port}`]), new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  it('a serial port another program holds', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sm-run-busy-'));
    const server = await servePty(join(directory, 'board'));
    const holder = new SerialPort({ path: server.linkPath, baudRate: 115200, lock: true, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => holder.open((error) => (error ? reject(error) : resolve())));
      assertOneLineError(await runCli(['run', '--dut', `serial:${server.linkPath}`]), /busy/);
    } finally {
      await new Promise<void>((resolve) => (holder.isOpen ? holder.close(() => resolve()) : resolve()));
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('a tag expression that does not parse, and one that selects nothing', async () => {
    assertOneLineError(await runCli(['run', '--tags', '@XSOCKET and (', '--reports', reportsDirectory('bad-tags')]), /^sm-conformance run: Tag expression "@XSOCKET and \(" could not be parsed/);
    assertOneLineError(await runCli(['run', '--tags', '@no-such-tag', '--reports', reportsDirectory('no-tags')]), /no scenario matches --tags '@no-such-tag'/);
  });
});

describe('sm-conformance run: verdicts, table, reports and exit code', () => {
  it('prints progress, the verdict table per command, the report paths and cucumber\'s counts; exit 0', async () => {
    const reports = reportsDirectory('smoke');
    const result = await runCli(['run', '--tags', '@smoke', '--reports', reports]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stderr, /^\[ *3\/3\] PASS 3$/m, 'the last progress line');
    const table = result.stdout.split('\n');
    const header = table.findIndex((line) => /^command +PASS +NON-STRICT +FAIL +INCONCLUSIVE +N\/A/.test(line));
    assert.ok(header >= 0, result.stdout);
    const commands = table.slice(header + 2, header + 17).map((line) => line.split(/ +/)[0]);
    assert.deepEqual(commands, ['#XSOCKET', '#XSSOCKET', '#XCLOSE', '#XSOCKETOPT', '#XSSOCKETOPT', '#XBIND', '#XCONNECT', '#XLISTEN', '#XACCEPT', '#XSEND', '#XRECV', '#XSENDTO', '#XRECVFROM', '#XAPOLL', '#XGETADDRINFO']);
    assert.match(result.stdout, /^\(other\) +3 +0 +0 +0 +0/m, 'the smoke scenarios name no command');
    assert.match(result.stdout, new RegExp(`^  verdict matrix +${reports}/verdict-matrix\\.html$`, 'm'));
    assert.match(result.stdout, /^3 scenarios \(3 passed\)$/m);
    assert.match(result.stdout, /^verdicts: PASS 3 · NON-STRICT 0 · FAIL 0 · INCONCLUSIVE 0 · N\/A 0 — no scenario FAILs$/m);
    assert.ok(existsSync(join(reports, 'junit.xml')));
    assert.ok(existsSync(join(reports, 'allure-results')));
  });

  it('exits 1 and lists the FAILing scenario when one FAILs', async () => {
    const run = await runInProcess(['--tags', '@smoke', '--fault', 'wrong-protocol', '--reports', reportsDirectory('smoke-fail')]);
    assert.equal(run.exitCode, 1);
    assert.match(run.out, /^FAIL \(\d+\):\n  features\/smoke\.feature:\d+  A socket handle is captured and reused: /m);
    assert.match(run.out, /^3 scenarios \(1 failed, 2 passed\)$/m);
    assert.match(run.out, /^verdicts: PASS 2 · NON-STRICT 0 · FAIL 1 · INCONCLUSIVE 0 · N\/A 0 — FAIL$/m);
  });

  it('--strict turns the erratum deviations of the firmware into FAILs', async () => {
    const lenient = await runInProcess(['--tags', '@erratum:E1', '--reports', reportsDirectory('e1')]);
    assert.equal(lenient.exitCode, 0);
    assert.ok(lenient.scenarios.some((scenario) => scenario.verdict === 'NON-STRICT'));
    const strict = await runInProcess(['--tags', '@erratum:E1', '--strict', '--reports', reportsDirectory('e1-strict')]);
    assert.equal(strict.exitCode, 1);
    assert.deepEqual(strict.scenarios.filter((scenario) => scenario.verdict === 'FAIL').map((scenario) => scenario.name),
      lenient.scenarios.filter((scenario) => scenario.verdict === 'NON-STRICT').map((scenario) => scenario.name));
  });
});
