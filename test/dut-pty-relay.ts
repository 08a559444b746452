// A pseudo-terminal for serial adapter tests: python3 opens a pty pair, prints the device
// end's path and relays the other end to its stdin/stdout, where the test plays device.
// Until the emulator can serve itself on a pty this is the only way to get one from Node.

import { EventEmitter } from 'node:events';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

const RELAY = `
import os, pty, select, sys, tty
master, slave = pty.openpty()
tty.setraw(master)
tty.setraw(slave)
print(os.ttyname(slave), flush=True)
while True:
    ready, _, _ = select.select([master, 0], [], [])
    if 0 in ready:
        data = os.read(0, 4096)
        if not data:
            break
        os.write(master, data)
    if master in ready:
        try:
            data = os.read(master, 4096)
        except OSError:
            continue
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
`;

export const PYTHON_AVAILABLE = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

export interface PtyRelay {
  path: string;
  /** Bytes the host wrote to the serial port. */
  onHostBytes(listener: (bytes: Buffer) => void): void;
  /** Bytes the "device" sends to the host. */
  sendToHost(bytes: string | Buffer): void;
  close(): Promise<void>;
}

export async function openPtyRelay(): Promise<PtyRelay> {
  const child: ChildProcessWithoutNullStreams = spawn('python3', ['-c', RELAY]);
  // the path line may arrive split or together with the first device bytes
  let head = '';
  const hostBytes = new EventEmitter();
  const path = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.on('data', (bytes: Buffer) => {
      if (head.endsWith('\n')) { hostBytes.emit('data', bytes); return; }
      head += bytes.toString('latin1');
      const end = head.indexOf('\n');
      if (end < 0) return;
      const rest = Buffer.from(head.slice(end + 1), 'latin1');
      head = head.slice(0, end + 1);
      resolve(head.trim());
      if (rest.length > 0) hostBytes.emit('data', rest);
    });
  });
  return {
    path,
    onHostBytes: (listener) => { hostBytes.on('data', listener); },
    sendToHost: (bytes) => { child.stdin.write(bytes); },
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', () => resolve());
      child.stdin.end();
    }),
  };
}
