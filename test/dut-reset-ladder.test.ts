// The reset ladder (issue 11 item 4): rungs tried in order until the device answers again,
// each one noted; `at` (AT#XRESET, then Ready), `cmd` (a shell command), `labgrid` (a power
// cycle through the place's labgrid-client, here the stand-in on PATH, then the device reopened). In a run, a pool entry's ladder is
// climbed before every retry and when the device stops answering, and what it did is in the
// scenario's report and the transcript.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { climbResetLadder, type ResetTarget } from '../src/dut/reset-ladder.ts';
import type { AtRunner } from '../src/at/at-runner.ts';
import { LabgridPlace } from '../src/dut/labgrid/labgrid-place.ts';
import { installLabgridStandIn } from './labgrid-stand-in.ts';
import { reportsDirectory, runInProcess } from './run-in-process.ts';

const directory = mkdtempSync(join(tmpdir(), 'sm-reset-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function target(answers: boolean[], runner: Partial<AtRunner> = {}): ResetTarget & { notes: string[]; sent: string[] } {
  const notes: string[] = [];
  const sent: string[] = [];
  return {
    notes,
    sent,
    reopen: async (why) => { sent.push(`reopen (${why})`); return 'board-7 (tcp://127.0.0.1:3007)'; },
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

  it('labgrid: a power cycle through the device\'s place (labgrid-client, here the stand-in), then the device opened again', async () => {
    const standIn = installLabgridStandIn({ 'board-7': { host: '127.0.0.1', port: 2007, acquired: 'stand-in-host/me' }, 'pdu-3': { host: '127.0.0.1', port: 1, acquired: 'stand-in-host/me' } });
    try {
      const device = { ...target([true, true]), labgridPlace: new LabgridPlace('board-7') };
      const steps = await climbResetLadder([{ kind: 'labgrid' }], device, 'the device stopped answering');
      assert.deepEqual(steps, [{ rung: 'labgrid', worked: true, detail: 'labgrid-client -p board-7 power cycle, then reconnected to board-7 (tcp://127.0.0.1:3007)' }]);
      assert.deepEqual(device.sent, ['reopen (labgrid place board-7 power-cycled)']);
      // a rung naming another place (the board's power on a PDU place of its own)
      const other = await climbResetLadder([{ kind: 'labgrid', place: 'pdu-3' }], device, 'before a retry');
      assert.equal(other[0]!.detail, 'labgrid-client -p pdu-3 power cycle, then reconnected to board-7 (tcp://127.0.0.1:3007)');
      assert.deepEqual(standIn.calls(), ['-p board-7 power cycle', '-p pdu-3 power cycle']);
      const placeless = await climbResetLadder([{ kind: 'labgrid' }], target([true]), 'before a retry');
      assert.match(placeless[0]!.detail, /a labgrid rung needs a place/);
    } finally {
      standIn.remove();
    }
  });

  it('labgrid: a failed power cycle is labgrid\'s own line and the device is not reopened; no labgrid-client is one line', async () => {
    const standIn = installLabgridStandIn({ 'board-7': { host: '127.0.0.1', port: 2007 } });
    try {
      const device = { ...target([true]), labgridPlace: new LabgridPlace('board-7') };
      const steps = await climbResetLadder([{ kind: 'labgrid' }], device, 'before a retry');
      assert.deepEqual(steps, [{ rung: 'labgrid', worked: false, detail: 'labgrid-client -p board-7 power cycle failed (exit 1): labgrid-client: error: place board-7 is not acquired' }]);
      assert.deepEqual(device.sent, []);
    } finally {
      standIn.remove();
    }
    const path = process.env.PATH;
    process.env.PATH = directory;
    try {
      const missing = await climbResetLadder([{ kind: 'labgrid', place: 'p' }], target([true]), 'before a retry');
      assert.deepEqual([missing[0]!.worked, missing[0]!.detail.split(' (')[0]], [false, 'labgrid-client is not on PATH']);
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
