// A device's reset ladder (a pool entry's `reset`): the ways to bring a device back, tried in
// order until one works, when the device stops answering or before a scenario is retried.
// The run goes on afterwards; every rung tried is written to the transcript and returned
// for the report.
//
//   at       AT#XRESET, then the device's `Ready` (it reboots after the OK)
//   cmd      a shell command (a relay script, `nrfutil device reset --serial-number …`): exit 0
//   labgrid  `labgrid-client -p <place> power cycle` through the place (the device's own unless
//            the rung names one), then the device is opened again: a labgrid device's console
//            is looked up anew, since ser2net may come back on another port
//
// A rung worked when the device answers again (the caller's known-state reset says so).

import { execFile } from 'node:child_process';
import type { AtRunner } from '../at/at-runner.ts';
import { LabgridPlace } from './labgrid/labgrid-place.ts';
import { formatResetRung, type ResetRung } from './reset-rung.ts';

export interface ResetTarget {
  /** The runner on the device's link now (reopening gives a new one). */
  readonly runner: AtRunner;
  /** The place of a labgrid:<place> device, for a `labgrid` rung without a place of its own. */
  labgridPlace?: LabgridPlace;
  /** Drops the link and opens the device again (after a power cycle); resolves with where it is now. */
  reopen(why: string): Promise<string>;
  /** A line in the transcript. */
  note(text: string): void;
  /** Whether the device is back: it answers and is in the known state. */
  answers(): Promise<boolean>;
}

export interface ResetStep {
  rung: string;
  worked: boolean;
  detail: string;
}

/** Deadlines: how long a rebooting device may take to say `Ready`, and a command to finish. */
export const RESET_DEADLINES = { readyMs: 10_000, commandMs: 60_000 };

export async function climbResetLadder(rungs: readonly ResetRung[], target: ResetTarget, why: string): Promise<ResetStep[]> {
  const steps: ResetStep[] = [];
  for (const rung of rungs) {
    const name = formatResetRung(rung);
    target.note(`reset ladder (${why}): ${name}`);
    let detail: string;
    try {
      detail = await performRung(rung, target);
    } catch (error) {
      detail = (error as Error).message.split('\n', 1)[0]!;
      steps.push({ rung: name, worked: false, detail });
      target.note(`reset ladder: ${name} failed: ${detail}`);
      continue;
    }
    const worked = await target.answers().catch(() => false);
    steps.push({ rung: name, worked, detail: worked ? detail : `${detail}; the device still does not answer` });
    target.note(`reset ladder: ${name} ${worked ? 'brought the device back' : 'did not bring the device back'} (${detail})`);
    if (worked) break;
  }
  return steps;
}

async function performRung(rung: ResetRung, target: ResetTarget): Promise<string> {
  switch (rung.kind) {
    case 'at': {
      const response = await target.runner.send('AT#XRESET', { timeoutMs: 5000 });
      if (response.final.code !== 'OK') throw new Error(`AT#XRESET answered ${response.final.text}`);
      await target.runner.urc('Ready', { timeoutMs: RESET_DEADLINES.readyMs });
      return 'AT#XRESET answered OK, then Ready';
    }
    case 'cmd':
      await run('/bin/sh', ['-c', rung.command]);
      return `\`${rung.command}\` exited 0`;
    case 'labgrid': {
      const place = rung.place === undefined || rung.place === target.labgridPlace?.place ? target.labgridPlace : new LabgridPlace(rung.place);
      if (place === undefined) throw new Error('a labgrid rung needs a place (labgrid:<place>, or a --dut labgrid:<place> device)');
      await place.powerCycle();
      const where = await target.reopen(`labgrid place ${place.place} power-cycled`);
      return `labgrid-client -p ${place.place} power cycle, then reconnected to ${where}`;
    }
  }
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: RESET_DEADLINES.commandMs }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const said = stderr.trim().split('\n').pop();
      const code = (error as NodeJS.ErrnoException).code;
      reject(new Error(code === 'ENOENT' ? `${command} is not installed (not on PATH)` : `${[command, ...args].join(' ')} failed (${error.killed ? 'timed out' : `exit ${String(code ?? error.message)}`})${said ? `: ${said}` : ''}`));
    });
  });
}
