// The emulator takes what real host software sends: a python host program written for SM
// (test/host-scripts/smoke.py, standard library only) runs the smoke sequence of Nordic's
// SM testing page through `emulate --pty`, with a --map that routes a web server's name and
// port 80 to an HTTP server of this test on 127.0.0.1, and gets `HTTP/1.1 200 OK`.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulateCli, type RunningEmulator } from './emulator-serve-cli.ts';

const SCRIPT = fileURLToPath(new URL('./host-scripts/smoke.py', import.meta.url));
const WEB_SERVER = 'www.example.com';

function runPython(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/python3', [SCRIPT, ...args]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const guard = setTimeout(() => child.kill(), 60_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('a python host program drives the served emulator from AT to #XCLOSE', () => {
  const directory = mkdtempSync(join(tmpdir(), 'sm-smoke-'));
  const link = join(directory, 'modem');
  let web: Server;
  let emulator: RunningEmulator | undefined;
  const requests: string[] = [];

  before(async () => {
    web = createServer((request, response) => {
      requests.push(`${request.method} ${request.url} ${request.headers.host}`);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(request.method === 'HEAD' ? undefined : 'hello');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const address = web.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    const mapFile = join(directory, 'map.json');
    writeFileSync(mapFile, JSON.stringify({
      names: { [WEB_SERVER]: { ipv4: ['203.0.113.80'] } },
      routes: [{ address: WEB_SERVER, port: 80, transport: 'tcp', to: { host: '127.0.0.1', port: address.port } }],
    }));
    emulator = await startEmulateCli(['--pty', link, '--map', mapFile, '--attach-time', '300']);
  });

  after(async () => {
    await emulator?.stop();
    web.closeAllConnections();
    await new Promise((resolve) => web.close(resolve));
  });

  it('AT, AT#XSMVER, AT#XRESET → Ready, AT+CGEREP=1, AT+CFUN=1 → +CGEV: ME PDN ACT, TCP socket, HEAD via #XSEND, HTTP/1.1 200 OK via #XRECV, #XCLOSE', { timeout: 90_000 }, async () => {
    const run = await runPython([link, WEB_SERVER]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /^Ready$/m);
    assert.match(run.output, /^\+CGEV: ME PDN ACT 0$/m);
    assert.match(run.output, /^HTTP\/1\.1 200 OK$/m);
    assert.match(run.output, /> AT#XCLOSE=0\n#XCLOSE: 0,0\s+OK/);
    assert.deepEqual(requests, [`HEAD / ${WEB_SERVER}`]);
  });
});
