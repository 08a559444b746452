// `sm-conformance emulate` fails cleanly (issue 10 item 11): a link path in a missing folder,
// a link path where a file already is, a TCP port another program holds. Each gives one
// line and exit 2, within a few seconds, and leaves no process behind (the pty helper
// included): the command runs in a process group of its own, which must be empty once it
// has exited.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/sm-conformance.mjs', import.meta.url));
const LIMIT_MS = 10_000;
/** How long the group may take to empty once emulate has exited (tsx's esbuild service ends on its own). */
const GROUP_GRACE_MS = 3000;

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a process of the group is still there once the grace period is over. */
async function groupOutlives(pid: number): Promise<boolean> {
  for (let waited = 0; waited < GROUP_GRACE_MS && groupAlive(pid); waited += 50) await delay(50);
  return groupAlive(pid);
}

/** Runs `emulate` in its own process group; kills the group if it has not exited in time. */
function emulateAlone(args: string[]): Promise<{ code: number | null; stderr: string; groupLeft: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'emulate', ...args], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), LIMIT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      void groupOutlives(child.pid!).then((groupLeft) => {
        if (groupLeft) process.kill(-child.pid!, 'SIGKILL');
        resolve({ code: signal === null ? code : null, stderr, groupLeft });
      });
    });
  });
}

function assertOneLine(stderr: string, message: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0]!, message);
}

describe('emulate refuses what it cannot serve: one line, exit 2, nothing left running', () => {
  it('--pty in a folder that does not exist', { timeout: LIMIT_MS + 5000 }, async () => {
    const result = await emulateAlone(['--pty', '/missing-dir/tty']);
    assert.equal(result.code, 2, `it must exit by itself: ${result.stderr}`);
    assertOneLine(result.stderr, /^sm-conformance emulate: cannot create the link \/missing-dir\/tty: the folder \/missing-dir does not exist$/);
    assert.equal(result.groupLeft, false, 'a process of emulate (the pty helper) outlived it');
  });

  it('--pty on a path where a file already is', { timeout: LIMIT_MS + 5000 }, async () => {
    const directory = await mkdtemp(join(tmpdir(), 'served-emulate-'));
    try {
      const file = join(directory, 'notes.txt');
      await writeFile(file, 'keep me');
      const result = await emulateAlone(['--pty', file]);
      assert.equal(result.code, 2);
      assertOneLine(result.stderr, /exists and is not a symlink; refusing to replace it$/);
      assert.equal(result.groupLeft, false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('--tcp on a port another program holds', { timeout: LIMIT_MS + 5000 }, async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const port = (holder.address() as AddressInfo).port;
      const result = await emulateAlone(['--tcp', String(port)]);
      assert.equal(result.code, 2);
      assertOneLine(result.stderr, new RegExp(`^sm-conformance emulate: cannot serve on 127\\.0\\.0\\.1:${port}: the port is taken by another program$`));
      assert.equal(result.groupLeft, false);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});
