// `sm-conformance peers`: prints one `<name> <port>` line per peer in the documented order,
// the ports really serve, it refuses non-loopback hosts without --allow-external, and it
// stops cleanly on SIGINT.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { runPeers } from '../src/cli/peers.ts';
import { UsageError } from '../src/blame/usage-error.ts';

const NAMES = ['tcp-echo', 'udp-echo', 'tls-echo', 'dtls-echo', 'sink', 'close-after-echo'];

function inProcess(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let stop = () => undefined as void;
  const stopped = new Promise<void>((resolve) => { stop = resolve; });
  let printed = () => undefined as void;
  const ready = new Promise<void>((resolve) => { printed = resolve; });
  const exit = runPeers(argv, {
    out: (line) => { out.push(line); if (out.length === NAMES.length) printed(); },
    err: (line) => err.push(line),
    stopped,
  });
  return { out, err, ready, stop, exit };
}

describe('sm-conformance peers', () => {
  it('prints `<name> <port>` for each peer, in order, and the ports serve', { timeout: 10_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-peers-cli-'));
    const run = inProcess(['--ca-out', join(dir, 'ca.pem')]);
    await Promise.race([run.ready, run.exit]);
    assert.deepEqual(run.out.map((line) => line.split(' ')[0]), NAMES);
    for (const line of run.out) assert.match(line, /^[a-z-]+ \d+$/);
    assert.match(run.err.join('\n'), /peers listening on 127\.0\.0\.1; test CA written to .*ca\.pem; stop with Ctrl-C/);
    assert.match(await readFile(join(dir, 'ca.pem'), 'utf8'), /BEGIN CERTIFICATE/);
    const port = Number(run.out[0]!.split(' ')[1]);
    const echoed = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write('ping'));
      socket.once('data', (chunk) => { socket.destroy(); resolve(chunk.toString()); });
      socket.once('error', reject);
    });
    assert.equal(echoed, 'ping');
    run.stop();
    assert.equal(await run.exit, 0);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a non-loopback host without --allow-external, and bad usage', { timeout: 10_000 }, async () => {
    await assert.rejects(inProcess(['--host', '0.0.0.0']).exit, (error: Error) =>
      error instanceof UsageError && /--host 0\.0\.0\.0 is not loopback; .* needs --allow-external/.test(error.message));
    await assert.rejects(inProcess(['--host', 'example.com']).exit, /--host must be an IP address, not 'example\.com'/);
    await assert.rejects(inProcess(['--port', '1']).exit, /unknown option --port/);
    await assert.rejects(inProcess(['extra']).exit, /unexpected argument 'extra'/);
  });

  it('runs as a command until SIGINT, then exits 0', { timeout: 10_000 }, async () => {
    const child = spawn(process.execPath, ['bin/sm-conformance.mjs', 'peers', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.split('\n').length > NAMES.length) resolve();
      });
      child.once('exit', (code) => reject(new Error(`peers exited early with ${code}`)));
    });
    assert.deepEqual(stdout.trim().split('\n').map((line) => line.split(' ')[0]), NAMES);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });
});
