// Link loss over a serial port (issue 10): the emulator served on a pseudo-terminal, as
// `sm-conformance emulate --pty` serves it, goes away mid-scenario: its pty bridge ends, and
// its link path goes too (or is left dangling by an `emulate` killed outright). If it never
// comes back, the scenario in progress is INCONCLUSIVE, the run stops after --reconnect with
// the rest "not run", every report written, exit 3; if it comes back at the same path within
// --reconnect, the run reopens it and goes on. The same claims as over TCP
// (run-link-faults.test.ts).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servePty, type PtyServer } from '../src/emulator/serve/pty-server.ts';
import { assertReconnected, assertStoppedForGood, type RunWithReports } from './link-loss-verdicts.ts';
import { reportsDirectory, runInProcess, type CollectedRun } from './run-in-process.ts';

/** A few scenarios with a handful of commands each: the loss lands mid-run. */
const SUBSET = '@XCLOSE';
/** The pty goes away as the host sends the third socket opening: a scenario's step, mid-run. */
const FAULT_AT_OPENING = 3;

let directory: string;
let linkPath: string;
let served: PtyServer | undefined;
let healthy: CollectedRun;

async function serve(): Promise<PtyServer> {
  served = await servePty(linkPath);
  return served;
}

/** Calls `strike` once, as the host sends its FAULT_AT_OPENING-th `AT#XSOCKET=` line to the served emulator. */
function atMidScenarioCommand(server: PtyServer, strike: () => void): void {
  const emulator = server.emulator;
  const write = emulator.write.bind(emulator);
  let openings = 0;
  let line = '';
  emulator.write = (bytes: Buffer): Promise<void> => {
    for (const char of bytes.toString('latin1')) {
      if (char !== '\r') { line += char; continue; }
      if (line.replace(/^\n/, '').startsWith('AT#XSOCKET=') && ++openings === FAULT_AT_OPENING) setImmediate(strike);
      line = '';
    }
    return write(bytes);
  };
}

/**
 * The served emulator stops and its pty with it. `emulate` stopped by a signal it handles
 * removes its link path; one killed outright leaves the link dangling.
 */
async function unplug(how: 'stopped' | 'killed' = 'stopped'): Promise<void> {
  const server = served;
  served = undefined;
  if (!server) return;
  await server.close();
  if (how === 'killed') symlinkSync(server.devicePath, linkPath);
}

async function runThroughPty(label: string, ...extra: string[]): Promise<RunWithReports> {
  const reports = reportsDirectory(label);
  const run = await runInProcess(['--dut', `serial:${linkPath}`, '--tags', SUBSET, '--reports', reports, ...extra]);
  return { ...run, dir: reports };
}

describe('the device link over a serial port (a served pty that goes away)', { timeout: 60_000 }, () => {
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sm-serial-link-'));
    linkPath = join(directory, 'board');
    await serve();
    healthy = await runThroughPty('serial-healthy');
    assert.equal(healthy.exitCode, 0, healthy.out);
    assert.ok(healthy.scenarios.length > 4);
  });
  after(async () => {
    await unplug();
    rmSync(directory, { recursive: true, force: true });
  });

  it('the pty gone mid-run for good (emulate killed, its link left dangling): INCONCLUSIVE "device link lost", the rest not run after --reconnect, every report, exit 3', async () => {
    atMidScenarioCommand(served ?? await serve(), () => void unplug('killed'));
    assertStoppedForGood(await runThroughPty('serial-gone', '--reconnect', '1'), healthy, 1);
  });

  it('the pty back at the same path within --reconnect: the run reopens it and goes on', async () => {
    atMidScenarioCommand(served ?? await serve(), () => {
      void unplug().then(() => new Promise((resolve) => setTimeout(resolve, 300))).then(() => serve());
    });
    assertReconnected(await runThroughPty('serial-back', '--reconnect', '5'), healthy);
  });
});
