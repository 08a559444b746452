// `sm-conformance emulate --tcp` and its option checks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { serveTcp } from '../src/emulator/serve/tcp-server.ts';
import { runCli, startEmulateCli } from './emulator-serve-cli.ts';

/** A net client that collects what the emulator sends. */
async function client(port: number): Promise<{ socket: Socket; until(pattern: RegExp): Promise<string>; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    closed,
    async until(pattern) {
      while (!pattern.test(received)) await new Promise<void>((resolve) => waiters.push(resolve));
      const text = received;
      received = '';
      return text;
    },
  };
}

describe('emulate --tcp', () => {
  it('serves one client at a time; each connection starts with a fresh Ready and replaces the last', async () => {
    const server = await serveTcp(0, {});
    try {
      const first = await client(server.port);
      assert.equal(await first.until(/Ready\r\n$/), 'Ready\r\n');
      first.socket.write('ATE1\rAT\r');
      assert.equal(await first.until(/AT\r\r\nOK\r\n$/), '\r\nOK\r\nAT\r\r\nOK\r\n');
      first.socket.write('ATE0\rAT#XSOCKET=1,1,0\rAT#XCLOSE\r');
      assert.equal(
        await first.until(/#XCLOSE: 0,0\r\n\r\nOK\r\n$/),
        'ATE0\r\r\nOK\r\n\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n\r\n#XCLOSE: 0,0\r\n\r\nOK\r\n',
      );
      const second = await client(server.port);
      assert.equal(await second.until(/Ready\r\n$/), 'Ready\r\n');
      await first.closed; // taken over by the second
      second.socket.end();
      await second.closed;
      const third = await client(server.port);
      assert.equal(await third.until(/Ready\r\n$/), 'Ready\r\n');
      third.socket.write('AT\r'); // echo is off again: a fresh emulator
      assert.equal(await third.until(/OK\r\n$/), '\r\nOK\r\n');
      third.socket.destroy();
    } finally {
      await server.close();
    }
  });

  it('serves an LF-terminated build with --termination lf', async () => {
    const running = await startEmulateCli(['--tcp', '0', '--termination', 'lf']);
    try {
      const session = await client(Number(/:(\d+)$/.exec(running.line)![1]));
      await session.until(/Ready\r\n$/);
      session.socket.write('AT\n');
      assert.equal(await session.until(/OK\r\n$/), '\r\nOK\r\n');
      session.socket.destroy();
    } finally {
      assert.equal(await running.stop(), 0);
    }
  });

  it('prints the chosen port for --tcp 0 and serves the given profile', async () => {
    const running = await startEmulateCli(['--tcp', '0', '--profile', 'doc']);
    try {
      const match = /^serving SM emulator \(profile doc\) on tcp 127\.0\.0\.1:(\d+)$/.exec(running.line);
      assert.ok(match, running.line);
      const session = await client(Number(match[1]));
      await session.until(/Ready\r\n$/);
      session.socket.write('AT+CGMR\r');
      assert.match(await session.until(/OK\r\n$/), /profile doc\r\n/);
      session.socket.destroy();
    } finally {
      assert.equal(await running.stop(), 0);
    }
  });
});

describe('emulate options', () => {
  for (const [args, message] of [
    [['--tcp', '0', '--fault', 'bogus'], /unknown fault 'bogus'/],
    [['--tcp', '0', '--profile', 'bogus'], /unknown profile 'bogus'/],
    [['--tcp', '0', '--pty', '/tmp/x'], /exactly one of --pty and --tcp/],
    [[], /exactly one of --pty and --tcp/],
    [['--tcp', '70000'], /--tcp must be an integer/],
    [['--tcp', '0', '--termination', 'cr-lf'], /unknown termination 'cr-lf'/],
  ] as const) {
    it(`refuses ${args.join(' ') || 'no options'} in one line, exit 2`, async () => {
      const { code, stderr } = await runCli(['emulate', ...args]);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1);
    });
  }
});
