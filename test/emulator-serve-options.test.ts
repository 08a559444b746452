// `sm-conformance emulate --map <file> --credentials <dir>`: a host developer's own network
// map and credentials reach the served emulator; a bad file is one clear error, exit 2.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startEmulateCli } from './emulator-serve-cli.ts';

async function exchange(port: number, command: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const answered = new Promise<void>((resolve) => {
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('Ready\r\n') && !received.includes(command)) {
        received = '';
        socket.write(`${command}\r`);
        command = `${command}(sent)`;
      } else if (/\r\n(OK|ERROR)\r\n$/.test(received)) resolve();
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
