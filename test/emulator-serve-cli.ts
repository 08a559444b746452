// Test support: runs `sm-conformance emulate ...` as a child process and waits for the
// line saying where it serves.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/sm-conformance.mjs', import.meta.url));

export interface RunningEmulator {
  child: ChildProcessWithoutNullStreams;
  /** The "serving ..." line. */
  line: string;
  /** Every whole line printed on stdout so far. */
  readonly lines: string[];
  /** Resolves once `count` lines have been printed (or the process has ended). */
  untilLines(count: number): Promise<void>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A command that has not exited by then hangs: it is killed, so the test fails instead of CI stalling. */
const HANG_MS = 300_000;

export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    const hang = setTimeout(() => {
      stderr += `\n[test] sm-conformance ${args.join(' ')} did not exit within ${HANG_MS / 1000} s: killed`;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      clearTimeout(hang);
      resolve({ code, stdout, stderr });
    });
  });
}

export function startEmulateCli(args: string[], limitMs = 15000): Promise<RunningEmulator> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'emulate', ...args]);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`emulate did not start: ${stderr}`));
    }, limitMs);
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const lines: string[] = [];
    const waiting: { count: number; wake: () => void }[] = [];
    const wakeWaiting = (ended: boolean): void => {
      for (const waiter of [...waiting]) {
        if (!ended && lines.length < waiter.count) continue;
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.wake();
      }
    };
    child.once('exit', () => wakeWaiting(true));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      lines.splice(0, lines.length, ...stdout.split('\n').slice(0, -1));
      wakeWaiting(false);
      if (lines.length === 0) return;
      clearTimeout(timer);
      resolve({
        child,
        line: lines[0]!,
        lines,
        untilLines: (count) => (lines.length >= count || child.exitCode !== null ? Promise.resolve() : new Promise((wake) => waiting.push({ count, wake }))),
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulate exited with ${code}: ${stderr}`));
    });
  });
}
