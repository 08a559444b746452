// Serves one emulator on a pseudo-terminal: a python3 helper (stdlib only) owns the PTY and
// relays its bytes over stdio; `<link-path>` is a symlink to the device end, so any serial
// program can open it at any baud setting. The helper tells us each line speed the serial
// program sets (termios), so an emulator paced like a UART (lineRateBaud) runs at that rate,
// as a board's UART would after the host changed it.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { lstat, stat, symlink, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator.ts';
import { connectHost, type HostFlow } from './host-flow.ts';

const BRIDGE = fileURLToPath(new URL('./pty-bridge.py', import.meta.url));

export interface PtyServer {
  /** The device end of the PTY (e.g. /dev/pts/7). */
  devicePath: string;
  linkPath: string;
  emulator: Emulator;
  /** The flow to the host (bytes queued each way). */
  flow: HostFlow;
  /** The last line speed the serial side set (undefined: none set since the pty was made). */
  readonly lineSpeed: number | undefined;
  /** Resolves when the helper exits on its own (it should not). */
  exited: Promise<void>;
  close(): Promise<void>;
}

/**
 * Refuses, before anything is started, a link path that cannot become the link: one in a
 * folder that does not exist, or where something other than a symlink already is.
 */
async function checkLinkPath(linkPath: string): Promise<void> {
  const folder = dirname(linkPath);
  const folderStats = await stat(folder).catch(() => undefined);
  if (!folderStats) throw new Error(`cannot create the link ${linkPath}: the folder ${folder} does not exist`);
  if (!folderStats.isDirectory()) throw new Error(`cannot create the link ${linkPath}: ${folder} is not a folder`);
  const existing = await lstat(linkPath).catch(() => undefined);
  if (existing && !existing.isSymbolicLink()) throw new Error(`${linkPath} exists and is not a symlink; refusing to replace it`);
}

type Bridge = ChildProcessByStdio<Writable, Readable, null>;

function readDevicePath(bridge: Bridge): Promise<{ path: string; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      seen = Buffer.concat([seen, chunk]);
      const newline = seen.indexOf(0x0a);
      if (newline < 0) return;
      bridge.stdout.off('data', onData);
      bridge.off('exit', onExit);
      resolve({ path: seen.subarray(0, newline).toString('utf8'), rest: seen.subarray(newline + 1) });
    };
    const onExit = (code: number | null): void => reject(new Error(`the pty helper (python3) exited with ${code} before creating a device`));
    bridge.stdout.on('data', onData);
    bridge.once('exit', onExit);
    bridge.once('error', (error) => reject(new Error(`cannot run python3 for the pty helper: ${error.message}`)));
  });
}

export async function servePty(linkPath: string, options: EmulatorOptions = {}): Promise<PtyServer> {
  await checkLinkPath(linkPath);
  // fd 3 carries the helper's `speed <baud>` lines
  const bridge = spawn('python3', [BRIDGE], { stdio: ['pipe', 'pipe', 'inherit', 'pipe'] }) as Bridge;
  const control = bridge.stdio[3] as Readable;
  const exited = new Promise<void>((resolve) => bridge.once('exit', () => resolve()));
  let device: { path: string; rest: Buffer };
  try {
    device = await readDevicePath(bridge);
    await unlink(linkPath).catch(() => undefined);
    await symlink(device.path, linkPath).catch((error: Error) => {
      throw new Error(`cannot create the link ${linkPath}: ${error.message}`);
    });
  } catch (error) {
    // Whatever failed, the helper must not outlive the attempt.
    bridge.kill();
    await exited;
    throw error;
  }

  const emulator = createEmulator(options);
  bridge.stdin.on('error', () => undefined); // the helper went away; `exited` reports it
  if (device.rest.length > 0) void emulator.write(device.rest).catch(() => undefined);
  const flow = connectHost(emulator, bridge.stdout, bridge.stdin);

  let lineSpeed: number | undefined;
  let controlText = '';
  control.on('data', (chunk: Buffer) => {
    controlText += chunk.toString('latin1');
    let newline: number;
    while ((newline = controlText.indexOf('\n')) >= 0) {
      const match = /^speed (\d+)$/.exec(controlText.slice(0, newline));
      controlText = controlText.slice(newline + 1);
      if (!match) continue;
      lineSpeed = Number(match[1]);
      emulator.setLineRate(lineSpeed);
    }
  });
  control.on('error', () => undefined);

  let closing: Promise<void> | undefined;
  return {
    devicePath: device.path,
    linkPath,
    emulator,
    flow,
    get lineSpeed() { return lineSpeed; },
    exited,
    close() {
      closing ??= (async () => {
        await emulator.close();
        bridge.stdin.end();
        bridge.kill();
        await exited;
        await unlink(linkPath).catch(() => undefined);
      })();
      return closing;
    },
  };
}
