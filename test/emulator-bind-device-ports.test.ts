// A served emulator (bindDevicePorts) listens on the loopback port equal to the device's port,
// so `run --device-host 127.0.0.1` finds its servers where a board's would be; a port already
// taken falls back to an ephemeral one, and the in-process default never uses the device port.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { AtRunner } from '../src/at/at-runner.ts';
import { EmulatorDut } from '../src/dut/emulator-dut.ts';
import { LoopbackClient } from '../src/peers/loopback-client.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { describeTakenDevicePort, type TakenDevicePort } from '../src/emulator/sockets/device-ports.ts';

const GUARD = { timeout: 10_000 };

async function withDevice(bindDevicePorts: boolean, body: (dut: EmulatorDut, ok: (line: string) => Promise<void>, runner: AtRunner) => Promise<void>, onDevicePortTaken?: (taken: TakenDevicePort) => void): Promise<void> {
  const dut = new EmulatorDut({ bindDevicePorts, modem: { attachedAtBoot: true }, ...(onDevicePortTaken ? { onDevicePortTaken } : {}) });
  try {
    const runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 3000 });
    const ok = async (line: string) => assert.equal((await runner.send(line)).final.text, 'OK', line);
    await body(dut, ok, runner);
    runner.detach();
  } finally {
    await dut.close();
  }
}

/** Holds a loopback TCP port nobody else has; close() frees it. */
function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  return new Promise((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, () => {
    const address = server.address();
    resolve({ port: typeof address === 'object' && address ? address.port : 0, server });
  }));
}

async function freePort(): Promise<number> {
  const { port, server } = await occupiedPort();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('emulator option bindDevicePorts', () => {
  it('listens on the device\'s port, where a client reaches the #XACCEPT', GUARD, async () => {
    const port = await freePort();
    await withDevice(true, async (dut, ok, runner) => {
      await ok('AT#XSOCKET=1,1,1');
      await ok(`AT#XBIND=0,${port}`);
      await ok('AT#XLISTEN=0');
      assert.deepEqual(dut.serverEndpoint(port), { host: '127.0.0.1', port });
      const accepting = runner.send('AT#XACCEPT=0,0');
      const client = await LoopbackClient.connect({ host: '127.0.0.1', port });
      assert.match((await accepting).lines[0] ?? '', /^#XACCEPT: \d+,/);
      client.close();
    });
  });

  it('binds a UDP socket to the device\'s port', GUARD, async () => {
    const port = await freePort();
    await withDevice(true, async (dut, ok) => {
      await ok('AT#XSOCKET=1,2,1');
      await ok(`AT#XBIND=0,${port}`);
      assert.deepEqual(dut.serverEndpoint(port, 'udp'), { host: '127.0.0.1', port });
    });
  });

  it('falls back to an ephemeral port when the device\'s port is taken, and says so', GUARD, async () => {
    const taken = await occupiedPort();
    const told: TakenDevicePort[] = [];
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind({ address: '127.0.0.1', port: taken.port }, resolve));
    try {
      await withDevice(true, async (dut, ok) => {
        await ok('AT#XSOCKET=1,1,1');
        await ok(`AT#XBIND=0,${taken.port}`);
        await ok('AT#XLISTEN=0');
        const server = dut.serverEndpoint(taken.port);
        assert.ok(server && server.port !== taken.port, `TCP server on ${server?.port}`);
        await ok('AT#XSOCKET=1,2,1');
        await ok(`AT#XBIND=1,${taken.port}`);
        const datagrams = dut.serverEndpoint(taken.port, 'udp');
        assert.ok(datagrams && datagrams.port !== taken.port, `UDP socket on ${datagrams?.port}`);
        assert.deepEqual(told, [
          { transport: 'tcp', host: '127.0.0.1', port: taken.port, instead: server.port },
          { transport: 'udp', host: '127.0.0.1', port: taken.port, instead: datagrams.port },
        ]);
        assert.equal(describeTakenDevicePort(told[0]!), `the device's TCP port 127.0.0.1:${taken.port} is held by another program on this machine; the device uses port ${server.port} instead, so a client sent to 127.0.0.1:${taken.port} (run --device-host) will not reach it`);
      }, (notice) => told.push(notice));
    } finally {
      udp.close();
      await new Promise((resolve) => taken.server.close(resolve));
    }
  });

  it('is off by default: in process, servers are on ephemeral ports', GUARD, async () => {
    await withDevice(false, async (dut, ok) => {
      await ok('AT#XSOCKET=1,1,1');
      await ok('AT#XBIND=0,1234');
      await ok('AT#XLISTEN=0');
      assert.notEqual(dut.serverEndpoint(1234)?.port, 1234);
      await ok('AT#XSOCKET=1,2,1');
      await ok('AT#XBIND=1,1234');
      assert.notEqual(dut.serverEndpoint(1234, 'udp')?.port, 1234);
    });
  });
});
