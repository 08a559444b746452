// The smoke feature through each adapter: in process, over TCP (the emulator served as a
// ser2net-style exporter) and over a serial port (the emulator served on a pseudo-terminal),
// with the same verdicts.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servePty } from '../src/emulator/serve/pty-server.ts';
import { serveTcp } from '../src/emulator/serve/tcp-server.ts';
import { PYTHON_AVAILABLE } from './dut-pty-relay.ts';
import { runSuite, verdictSummary } from './verdict-suite-run.ts';

let reports: string;

function runSmoke(dut: string, parallel = 0) {
  return runSuite({ paths: ['features/smoke.feature'], reports, worldParameters: { dut }, parallel });
}

describe('the smoke feature through every adapter', () => {
  let inProcess: Record<string, [string, string]>;

  before(async () => {
    reports = await mkdtemp(join(tmpdir(), 'sm-transports-'));
    inProcess = verdictSummary(await runSmoke('emulator'));
  });
  after(async () => {
    await rm(reports, { recursive: true, force: true });
  });

  it('passes in process', () => {
    assert.ok(Object.keys(inProcess).length >= 1);
    for (const [name, [verdict, status]] of Object.entries(inProcess)) assert.deepEqual([name, verdict, status], [name, 'PASS', 'PASSED']);
  });

  it('gives the same verdicts with two parallel workers, each with its own transcript', async () => {
    assert.deepEqual(verdictSummary(await runSmoke('emulator', 2)), inProcess);
    const files = await readdir(reports);
    assert.ok(files.includes('transcript-worker-0.txt') && files.includes('transcript-worker-1.txt'), files.join(' '));
  });

  it('gives the same verdicts over TCP', async () => {
    const server = await serveTcp(0);
    try {
      assert.deepEqual(verdictSummary(await runSmoke(`tcp:127.0.0.1:${server.port}`)), inProcess);
    } finally {
      await server.close();
    }
  });

  it('gives the same verdicts over a serial port', { skip: PYTHON_AVAILABLE ? false : 'python3 is needed for a pseudo-terminal' }, async () => {
    const server = await servePty(join(reports, 'ttySM'));
    try {
      assert.deepEqual(verdictSummary(await runSmoke(`serial:${server.linkPath}`)), inProcess);
    } finally {
      await server.close();
    }
  });
});
