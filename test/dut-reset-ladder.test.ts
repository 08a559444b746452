// The reset ladder (issue 11 item 4): rungs tried in order until the device answers again,
// each one noted; `at` (AT#XRESET, then Ready), `cmd` (a shell command), `labgrid` (a power
// cycle through labgrid-client, here a stand-in on PATH). In a run, a pool entry's ladder is
// climbed before every retry and when the device stops answering, and what it did is in the
// scenario's report and the transcript.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { climbResetLadder, type ResetTarget } from '../src/dut/reset-ladder.ts';
import type { AtRunner } from '../src/at/at-runner.ts';
import { reportsDirectory, runInProcess } from './run-in-process.ts';

const directory = mkdtempSync(join(tmpdir(), 'sm-reset-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function target(answers: boolean[], runner: Partial<AtRunner> = {}): ResetTarget & { notes: string[]; sent: string[] } {
  const notes: string[] = [];
  const sent: string[] = [];
  return {
    notes,
    sent,
    runner: {
      send: async (line: string) => { sent.push(line); return { final: { code: 'OK', text: 'OK' }, lines: [], events: [] }; },
      urc: async (name: string) => { sent.push(`wait ${name}`); return { kind: 'urc', name, text: name }; },
      ...runner,
    } as unknown as AtRunner,
    note: (text) => notes.push(text),
    answers: async () => answers.shift() ?? false,
  };
}

describe('reset ladder', () => {
  it('at: AT#XRESET, then waits for Ready; stops at the first rung that brings the device back', async () => {
    const device = target([true]);
    const steps = await climbResetLadder([{ kind: 'at' }, { kind: 'cmd', command: 'exit 0' }], device, 'before a retry');
    assert.deepEqual(steps, [{ rung: 'at', worked: true, detail: 'AT#XRESET answered OK, then Ready' }]);
    assert.deepEqual(device.sent, ['AT#XRESET', 'wait Ready']);
    assert.deepEqual(device.notes, ['reset ladder (before a retry): at', 'reset ladder: at brought the device back (AT#XRESET answered OK, then Ready)']);
  });

  it('cmd: a failing command or a device still silent moves on to the next rung', async () => {
    const device = target([false, true]);
    const steps = await climbResetLadder([{ kind: 'cmd', command: 'echo relay jammed >&2; exit 3' }, { kind: 'cmd', command: 'true' }, { kind: 'cmd', command: 'true' }, { kind: 'cmd', command: 'exit 0' }], device, 'the device stopped answering');
    assert.deepEqual(steps.map((step) => [step.rung, step.worked]), [['cmd:echo relay jammed >&2; exit 3', false], ['cmd:true', false], ['cmd:true', true]]);
    assert.match(steps[0]!.detail, /failed \(exit 3\): relay jammed$/);
    assert.match(steps[1]!.detail, /the device still does not answer$/);
  });

  it('labgrid: labgrid-client -p <place> power cycle (a stand-in on PATH); a missing place or client is one line', async () => {
    const bin = join(directory, 'bin');
    const calls = join(directory, 'labgrid-calls');
    rmSync(bin, { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.mkdirSync(bin));
    writeFileSync(join(bin, 'labgrid-client'), `#!/bin/sh\necho "$@" >> ${calls}\n`);
    chmodSync(join(bin, 'labgrid-client'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const steps = await climbResetLadder([{ kind: 'labgrid' }], { ...target([true]), labgridPlace: 'rack-2-board-a' }, 'before a retry');
      assert.equal(steps[0]!.worked, true);
      assert.equal(readFileSync(calls, 'utf8'), '-p rack-2-board-a power cycle\n');
      const placeless = await climbResetLadder([{ kind: 'labgrid' }], target([true]), 'before a retry');
      assert.match(placeless[0]!.detail, /a labgrid rung needs a place/);
    } finally {
      process.env.PATH = path;
    }
    process.env.PATH = directory;
    try {
      const missing = await climbResetLadder([{ kind: 'labgrid', place: 'p' }], target([true]), 'before a retry');
      assert.deepEqual([missing[0]!.worked, missing[0]!.detail], [false, 'labgrid-client is not installed (not on PATH)']);
    } finally {
      process.env.PATH = path;
    }
  });

  it('a run climbs the pool entry\'s ladder before every retry, in the report and the transcript', { timeout: 300_000 }, async () => {
    const resets = join(directory, 'resets');
    const pool = join(directory, 'pool.yaml');
    writeFileSync(pool, `- id: emu\n  dut: emulator\n  reset: ["cmd:echo reset >> ${resets}"]\n  tags: [rack-2]\n`);
    const reports = reportsDirectory('reset-ladder');
    const run = await runInProcess(['--pool', pool, '--fault', 'flaky', '--retry', '2', '--tags', '@XSOCKET', '--reports', reports]);
    const retried = run.scenarios.reduce((sum, scenario) => sum + (scenario.failedAttempts?.length ?? 0), 0);
    assert.ok(retried > 0, 'the flaky fault made some scenario retry');
    assert.equal(readFileSync(resets, 'utf8'), 'reset\n'.repeat(retried));
    const messages = readFileSync(join(reports, 'cucumber-messages.ndjson'), 'utf8');
    assert.equal(messages.split(`reset (before a retry): cmd:echo reset >> ${resets}: \`echo reset >> ${resets}\` exited 0`).length - 1, retried);
    assert.equal(readFileSync(join(reports, 'transcript.txt'), 'utf8').split('reset ladder: cmd:').length - 1, retried);
    // the pool entry's id and tags name the device in the reports
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    assert.equal(junit.split('<property name="device" value="emu"/>\n        <property name="device-tag" value="rack-2"/>').length - 1, run.scenarios.length);
  });

  it('a device that stops answering gets its ladder; when no rung brings it back the scenario FAILs saying so and the run goes on', { timeout: 300_000 }, async () => {
    const resets = join(directory, 'silent-resets');
    const pool = join(directory, 'silent.yaml');
    writeFileSync(pool, `- id: emu\n  dut: emulator\n  reset: ["cmd:echo reset >> ${resets}"]\n`);
    const run = await runInProcess(['--pool', pool, '--fault', 'silence', '--tags', '@example:XSOCKET-1', '--reports', reportsDirectory('reset-silent')]);
    assert.equal(run.scenarios.length, 2, 'both scenarios ran');
    for (const scenario of run.scenarios) {
      assert.equal(scenario.verdict, 'FAIL');
      assert.match(scenario.reasons.join('; '), /does not answer AT.*; the reset ladder did not bring it back \(reset \(the device stopped answering\): cmd:.*: did not work: .* exited 0; the device still does not answer\)/);
    }
    assert.equal(readFileSync(resets, 'utf8'), 'reset\n'.repeat(2));
  });

  it('at in a run: the emulator reboots on AT#XRESET as the firmware does, says Ready, and the retry runs on the fresh device', { timeout: 300_000 }, async () => {
    const pool = join(directory, 'at.yaml');
    writeFileSync(pool, '- id: emu\n  dut: emulator\n  reset: [at]\n');
    const reports = reportsDirectory('reset-at');
    const run = await runInProcess(['--pool', pool, '--fault', 'flaky', '--retry', '2', '--tags', '@XSOCKET', '--reports', reports]);
    const retried = run.scenarios.reduce((sum, scenario) => sum + (scenario.failedAttempts?.length ?? 0), 0);
    assert.ok(retried > 0, 'the flaky fault made some scenario retry');
    const messages = readFileSync(join(reports, 'cucumber-messages.ndjson'), 'utf8');
    assert.equal(messages.split('reset (before a retry): at: AT#XRESET answered OK, then Ready').length - 1, retried);
    assert.ok(run.scenarios.some((scenario) => scenario.verdict === 'FLAKY'));
  });
});
