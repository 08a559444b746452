// The served emulator's sandbox (issue 10 item 9): the device reaches only what its network
// map names. `AT#XCONNECT=0,"127.0.0.1",<port>` once reached any local service, the
// emulator's own serving port included (which took over, and so closed, the host's own
// connection). Now a local service is reached only with `emulate --allow-loopback` (or a
// map entry naming it), and the serving port never.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { startEmulateCli, type RunningEmulator } from './emulator-serve-cli.ts';
import { HostConnection } from './served-host-connection.ts';

function servedPort(emulator: RunningEmulator): number {
  return Number(/:(\d+)\s*$/.exec(emulator.line)?.[1]);
}

describe('the served emulator reaches only what its network map names', () => {
  let service: Server;
  let servicePort: number;
  let serviceConnections = 0;

  before(async () => {
    service = createServer((socket) => {
      serviceConnections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    servicePort = (service.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => service.close(() => resolve())));

  for (const allowLoopback of [false, true]) {
    const label = allowLoopback ? 'with --allow-loopback' : 'by default';
    it(`${label}: a local service ${allowLoopback ? 'is' : 'is not'} reachable; the serving port never is, and the host keeps its link`, { timeout: 20_000 }, async () => {
      const emulator = await startEmulateCli(['--tcp', '0', ...(allowLoopback ? ['--allow-loopback'] : [])]);
      const host = await HostConnection.open(servedPort(emulator)).catch(async (error: Error) => {
        await emulator.stop();
        throw error;
      });
      try {
        const before = serviceConnections;
        assert.match(await host.command('AT#XSOCKET=1,1,0'), /#XSOCKET: 0,1,6/);
        const toService = await host.command(`AT#XCONNECT=0,"127.0.0.1",${servicePort}`);
        if (allowLoopback) {
          assert.match(toService, /#XCONNECT: 0,1\r\n\r\nOK/);
        } else {
          assert.equal(toService, '\r\nERROR\r\n');
          assert.equal(serviceConnections, before, 'the local service saw no connection');
        }
        assert.match(await host.command('AT#XCLOSE=0'), /OK/);

        assert.match(await host.command('AT#XSOCKET=1,1,0'), /#XSOCKET: 0,1,6/);
        assert.equal(await host.command(`AT#XCONNECT=0,"127.0.0.1",${servedPort(emulator)}`), '\r\nERROR\r\n');
        assert.equal(host.closed, false, "the host's own connection is still up");
        assert.match(await host.command('AT#XCLOSE=0'), /OK/);
      } finally {
        host.close();
        assert.equal(await emulator.stop(), 0);
      }
    });
  }
});
