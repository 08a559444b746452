// A lock file per local serial device, so that no two runs (and no two workers) talk to one
// tty at once. The file holds the pid of its holder; a holder that no longer exists left a
// stale lock, which is taken over. Labgrid devices need none: labgrid's acquire is the lock.
//
// `sm-conformance run` locks every local tty of its pool before it starts the workers; a
// worker finds its device locked by its parent (the run) and goes ahead; a cucumber run
// started directly locks the device in the worker itself.

import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DutUnavailableError } from './dut.ts';

export interface DeviceLock {
  /** Removes the lock file if this process made it; safe to call twice. */
  release(): void;
}

/** Where lock files live: SM_CONFORMANCE_LOCK_DIR, else <tmpdir>/sm-conformance-locks. */
export function lockDirectory(): string {
  return process.env.SM_CONFORMANCE_LOCK_DIR ?? join(tmpdir(), 'sm-conformance-locks');
}

/**
 * Locks `devicePath` for this process, or accepts the lock this process's parent holds
 * (`inherit`: a worker of the run that locked it). Throws DutUnavailableError('busy') when
 * another live process holds it.
 */
export function lockDevice(devicePath: string, options: { inherit?: boolean } = {}): DeviceLock {
  const directory = lockDirectory();
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${encodeURIComponent(canonicalPath(devicePath))}.lock`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (holderOf(file) === process.pid) rmSync(file, { force: true });
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new DutUnavailableError('failed', `cannot lock ${devicePath} in ${directory}: ${(error as Error).message}`);
    }
    const holder = holderOf(file);
    if (holder === process.pid || (options.inherit === true && holder === process.ppid)) return { release: () => undefined };
    if (holder !== undefined && isAlive(holder)) {
      throw new DutUnavailableError('busy', `${devicePath} is in use by another sm-conformance run (process ${holder}, lock ${file})`);
    }
    // A stale lock: its holder is gone.
    rmSync(file, { force: true });
  }
  throw new DutUnavailableError('busy', `${devicePath}: could not take the lock ${file}`);
}

function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
