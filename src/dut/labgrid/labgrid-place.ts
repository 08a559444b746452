// A labgrid place, driven through labgrid-client as a person would: `acquire` before the
// run, `env` for where its serial console is exported, `power cycle` for the reset ladder,
// `release` at the end (also when the process exits on a signal). labgrid reserves boards;
// this never schedules anything itself.

import { spawn, spawnSync } from 'node:child_process';
import { serialPortOfEnvironment, type LabgridSerialPort } from './labgrid-env.ts';

export const LABGRID_CLIENT = 'labgrid-client';

/** labgrid-client failed or is missing; the message is one line a person can act on. */
export class LabgridError extends Error {}

export class LabgridPlace {
  private acquired = false;
  private readonly releaseAtExit = (): void => this.releaseSync();

  /** `place` as given to `-p`: a name, or `+` for the place of LG_TOKEN. */
  constructor(readonly place: string) {}

  get isAcquired(): boolean {
    return this.acquired;
  }

  async acquire(): Promise<void> {
    await this.client(['acquire']);
    this.acquired = true;
    process.on('exit', this.releaseAtExit);
  }

  /** Releases the place if this process acquired it. */
  async release(): Promise<void> {
    if (!this.acquired) return;
    this.acquired = false;
    process.off('exit', this.releaseAtExit);
    await this.client(['release']);
  }

  /** For exit and signal handlers, where nothing asynchronous runs any more. */
  releaseSync(): void {
    if (!this.acquired) return;
    this.acquired = false;
    process.off('exit', this.releaseAtExit);
    spawnSync(LABGRID_CLIENT, ['-p', this.place, 'release'], { stdio: 'ignore', timeout: 30_000 });
  }

  /** Where the place's serial console is exported now (asked anew each time: ser2net may have moved). */
  async serialPort(): Promise<LabgridSerialPort> {
    const text = await this.client(['env']);
    try {
      return serialPortOfEnvironment(text, this.place);
    } catch (error) {
      throw new LabgridError(`labgrid place ${this.place}: ${(error as Error).message}`);
    }
  }

  async powerCycle(): Promise<void> {
    await this.client(['power', 'cycle']);
  }

  /** Runs `labgrid-client -p <place> <args>`; resolves with stdout, rejects with its error line. */
  private client(args: string[]): Promise<string> {
    const command = `${LABGRID_CLIENT} -p ${this.place} ${args.join(' ')}`;
    return new Promise((resolve, reject) => {
      const child = spawn(LABGRID_CLIENT, ['-p', this.place, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => { out += chunk; });
      child.stderr.on('data', (chunk) => { err += chunk; });
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(new LabgridError(error.code === 'ENOENT'
          ? `${LABGRID_CLIENT} is not on PATH (labgrid:<place> needs labgrid ≥ 25: pip install labgrid)`
          : `${command}: ${error.message}`));
      });
      child.once('close', (code) => {
        if (code === 0) resolve(out);
        else reject(new LabgridError(`${command} failed (exit ${code}): ${lastLine(err) ?? lastLine(out) ?? 'no message'}`));
      });
    });
  }
}

function lastLine(text: string): string | undefined {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '').at(-1);
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Ctrl-C or SIGTERM while `places` are held: when nothing else in the process handles the
 * signal, the process would die without a release, so release them and exit as the signal
 * would (130 for SIGINT, 143 for SIGTERM). A run that stops gracefully on the signal handles
 * it itself and releases on its way out. `places` may grow after the call. Returns the
 * function that stops listening.
 */
export function releaseOnSignal(places: readonly LabgridPlace[]): () => void {
  const listener = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    for (const place of places) place.releaseSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  for (const signal of SIGNALS) process.on(signal, listener);
  return () => {
    for (const signal of SIGNALS) process.off(signal, listener);
  };
}
