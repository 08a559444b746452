// The exporters labs put in front of a board, run here in front of a served emulator:
// Debian's ser2net (raw TCP or RFC 2217, ser2net 4 YAML) and pyserial's example
// rfc2217_server.py. Each listens on a free loopback port and is ended by close().

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PYSERIAL_RFC2217_SERVER = '/usr/share/doc/python3-serial/examples/rfc2217_server.py';
export const SER2NET_AVAILABLE = spawnSync('ser2net', ['-v'], { stdio: 'ignore' }).status === 0;
export const PYSERIAL_SERVER_AVAILABLE = existsSync(PYSERIAL_RFC2217_SERVER)
  && spawnSync('/usr/bin/python3', ['-c', 'import serial.rfc2217'], { stdio: 'ignore' }).status === 0;

export interface Exporter {
  port: number;
  /** What the exporter printed (for assertion messages). */
  log(): string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** ser2net 4 in front of a serial device: `raw` TCP, or Telnet with RFC 2217. */
export async function startSer2net(devicePath: string, mode: 'raw' | 'rfc2217', baud = 115200): Promise<Exporter> {
  const directory = mkdtempSync(join(tmpdir(), 'sm-ser2net-'));
  const port = await freePort();
  const config = join(directory, 'ser2net.yaml');
  writeFileSync(config, ser2netConfig(devicePath, port, mode, baud));
  // -n: stay in the foreground; -u: no UUCP lock file (a pty needs none, /var/lock may be closed to us)
  const child = spawn('ser2net', ['-n', '-u', '-c', config, '-P', join(directory, 'ser2net.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
  return started(child, port, () => rmSync(directory, { recursive: true, force: true }));
}

/** The ser2net 4 YAML a lab host would have for one board (the README shows the same). */
export function ser2netConfig(devicePath: string, port: number, mode: 'raw' | 'rfc2217', baud = 115200): string {
  return [
    'connection: &board',
    `  accepter: ${mode === 'rfc2217' ? 'telnet(rfc2217),' : ''}tcp,127.0.0.1,${port}`,
    `  connector: serialdev,${devicePath},${baud}n81,local`,
    '  options:',
    '    kickolduser: true',
    '',
  ].join('\n');
}

/**
 * pyserial's example RFC 2217 server in front of `serialUrl` (a device path or a pyserial
 * URL). It serves one client at a time and takes up to its port's 3 s read timeout to notice
 * a client left, so it is not probed with a connection: its log says when it listens.
 */
export async function startPyserialRfc2217Server(serialUrl: string): Promise<Exporter> {
  const port = await freePort();
  const child = spawn('/usr/bin/python3', [PYSERIAL_RFC2217_SERVER, '-p', String(port), serialUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  return started(child, port, () => undefined, (output) => output.includes(`TCP/IP port: ${port}`));
}

async function started(child: ChildProcess, port: number, cleanUp: () => void, listening?: (output: string) => boolean): Promise<Exporter> {
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => { gone = true; });
  const close = async (): Promise<void> => {
    if (!gone) child.kill();
    await exited;
    cleanUp();
  };
  try {
    await untilListening(port, () => gone, () => output, listening);
  } catch (error) {
    await close();
    throw error;
  }
  return { port, log: () => output, close };
}

async function untilListening(port: number, gone: () => boolean, output: () => string, listening?: (output: string) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (gone()) throw new Error(`the exporter exited: ${output()}`);
    const accepted = listening ? listening(output()) : await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the exporter never listened on 127.0.0.1:${port}: ${output()}`);
}
