// Test support: runs `sm-conformance emulate ...` as a child process and waits for the
// line saying where it serves.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/sm-conformance.mjs', import.meta.url));

export interface RunningEmulator {
  child: ChildProcessWithoutNullStreams;
  /** The "serving ..." line. */
  line: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
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
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve({
        child,
        line: stdout.slice(0, newline),
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
