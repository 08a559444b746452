// A run that ends before its last scenario says why, and every process of the run sees it:
// the CLI on Ctrl-C or SIGTERM, a worker whose device link is gone for good, a worker
// whose device keeps failing the reset. The request is a small file (its path is a run
// parameter), so parallel workers, the in-process run and the CLI that chooses the exit
// code all read the same thing; without a file it lives in this process only.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export type RunStopCause =
  /** Ctrl-C or SIGTERM: the person or the CI job asked the run to end. */
  | 'interrupted'
  /** The link to the device went away and did not come back within --reconnect. */
  | 'link-lost'
  /** The device kept failing the reset that every scenario starts with. */
  | 'device-unresponsive';

export interface RunStop {
  cause: RunStopCause;
  /** One line, e.g. "the device link was lost at … and did not come back within 10 s". */
  reason: string;
}

const CAUSES: readonly RunStopCause[] = ['interrupted', 'link-lost', 'device-unresponsive'];

export class RunStopSignal {
  private stop: RunStop | undefined;

  constructor(readonly file?: string) {}

  /** The first request wins: a later one (the link dropping after Ctrl-C) does not change why. */
  request(stop: RunStop): void {
    if (this.requested()) return;
    this.stop = stop;
    if (this.file === undefined) return;
    // whole or not at all: another process may read it at any moment
    writeFileSync(`${this.file}.part`, `${JSON.stringify(stop)}\n`);
    renameSync(`${this.file}.part`, this.file);
  }

  requested(): RunStop | undefined {
    if (this.stop || this.file === undefined || !existsSync(this.file)) return this.stop;
    try {
      const read = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<RunStop>;
      if (read.cause !== undefined && CAUSES.includes(read.cause) && typeof read.reason === 'string') this.stop = { cause: read.cause, reason: read.reason };
    } catch {
      // written by another process this very moment: read it at the next look
    }
    return this.stop;
  }

  /** Forgets the request and removes the file (the end of a run). */
  clear(): void {
    this.stop = undefined;
    if (this.file !== undefined) rmSync(this.file, { force: true });
  }
}

/** The reason a scenario that never ran gives in every report. */
export function notRunReason(stop: RunStop): string {
  return `not run: ${stop.reason}`;
}
