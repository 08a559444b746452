// `sm-conformance emulate --map <file> --credentials <dir>`: a host developer's own network
// map and credentials reach the served emulator; a bad file is one clear error, exit 2.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startEmulateCli } from './emulator-serve-cli.ts';

/**
 * Connects, attaches the emulator (it boots offline, as the firmware: AT+CFUN=1, then
 * +CEREG: 1), sends `command` and returns its answer.
 */
async function exchange(port: number, command: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const steps: { send: string; until: RegExp }[] = [
    { send: 'AT+CEREG=1', until: /\r\nOK\r\n$/ },
    { send: 'AT+CFUN=1', until: /\+CEREG: 1\r\n$/ },
    { send: command, until: /\r\n(OK|ERROR)\r\n$/ },
  ];
  let step = -1;
  const answered = new Promise<void>((resolve) => {
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const done = step < 0 ? received.includes('Ready\r\n') : steps[step]!.until.test(received);
      if (!done) return;
      if (step === steps.length - 1) return resolve();
      received = '';
      step += 1;
      socket.write(`${steps[step]!.send}\r`);
    });
  });
  await answered;
  socket.destroy();
  return received;
}

describe('emulate --map / --credentials', () => {
  it('resolves names from the user\'s map file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'sm-emulate-map-'));
    try {
      const mapFile = join(directory, 'map.json');
      await writeFile(mapFile, JSON.stringify({ names: { 'my.host': { ipv4: ['198.51.100.7'] } }, routes: [] }));
      const emulator = await startEmulateCli(['--tcp', '0', '--map', mapFile]);
      try {
        const port = Number(/:(\d+)\s*$/.exec(emulator.line)?.[1]);
        assert.equal(await exchange(port, 'AT#XGETADDRINFO="my.host",1'), '\r\n#XGETADDRINFO: "198.51.100.7"\r\n\r\nOK\r\n');
      } finally {
        assert.equal(await emulator.stop(), 0);
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  for (const [args, message] of [
    [['--map', '/nonexistent/map.json'], /cannot read network map/],
    [['--credentials', '/nonexistent/credentials'], /cannot read credential directory/],
  ] as const) {
    it(`refuses ${args.join(' ')} with a clear error, exit 2`, async () => {
      const { code, stderr } = await runCli(['emulate', '--tcp', '0', ...args]);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    });
  }
});
