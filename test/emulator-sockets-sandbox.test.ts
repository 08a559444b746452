// The sandbox: a destination the network map does not route is refused with ERROR and
// nothing is sent anywhere; even a map that routes off loopback cannot make a socket
// leave it. Raw sockets send into a capture instead of the network.

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import type { LoopbackEndpoint } from '../src/emulator/types.ts';
import { createDevice, startPeers, TestNetworkMap, type Device, type Peers } from './emulator-commands-harness.ts';

let peers: Peers;
let device: Device;
before(async () => { peers = await startPeers(); });
after(async () => { await peers.close(); });
afterEach(async () => { await device.close(); });

/** Records every host a TCP connect or UDP send/connect in this process is aimed at. */
function spyOnDestinations(): { hosts: string[]; restore(): void } {
  const hosts: string[] = [];
  const tcpConnect = net.Socket.prototype.connect;
  const udpSend = dgram.Socket.prototype.send;
  const udpConnect = dgram.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // net.connect() hands over its normalised [options, callback] array.
    const options = Array.isArray(args[0]) ? args[0][0] : args[0];
    const host = typeof options === 'object' && options !== null ? (options as { host?: string }).host : args[1];
    hosts.push(String(host));
    return (tcpConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof tcpConnect;
  dgram.Socket.prototype.send = function (this: dgram.Socket, ...args: unknown[]) {
    const host = args.find((arg, index) => index > 0 && typeof arg === 'string');
    if (host !== undefined) hosts.push(String(host));
    return (udpSend as (...a: unknown[]) => void).apply(this, args);
  } as typeof udpSend;
  dgram.Socket.prototype.connect = function (this: dgram.Socket, ...args: unknown[]) {
    hosts.push(String(args[1]));
    return (udpConnect as (...a: unknown[]) => void).apply(this, args);
  } as typeof udpConnect;
  return {
    hosts,
    restore() {
      net.Socket.prototype.connect = tcpConnect;
      dgram.Socket.prototype.send = udpSend;
      dgram.Socket.prototype.connect = udpConnect;
    },
  };
}

class OffLoopbackNetworkMap extends TestNetworkMap {
  override route(): LoopbackEndpoint | undefined {
    return { host: '8.8.8.8', port: 53 } as unknown as LoopbackEndpoint;
  }
}

describe('network sandbox', () => {
  it('refuses a connect to an unmapped address: ERROR, no connect attempted', async () => {
    device = createDevice(peers);
    const spy = spyOnDestinations();
    try {
      await device.at('AT#XSOCKET=1,1,0');
      assert.deepEqual((await device.at('AT#XCONNECT=0,"10.1.2.3",80')).lines, ['ERROR']);
      await device.at('AT#XSOCKET=1,2,0');
      assert.deepEqual((await device.at('AT#XCONNECT=1,"10.1.2.3",53')).lines, ['ERROR']);
      assert.deepEqual((await device.at('AT#XSENDTO=1,0,0,"10.1.2.3",53,"x"')).lines, ['#XSENDTO: 1,0', 'ERROR']);
    } finally {
      spy.restore();
    }
    assert.deepEqual(device.network.refused, [
      { address: '10.1.2.3', port: 80, transport: 'tcp' },
      { address: '10.1.2.3', port: 53, transport: 'udp' },
      { address: '10.1.2.3', port: 53, transport: 'udp' },
    ]);
    assert.deepEqual(spy.hosts, []);
    assert.equal(device.socketCommands.table.find(0)!.pollEvents(), 0, 'socket 0 never connected');
  });

  it('never leaves loopback even when the map routes elsewhere', async () => {
    device = createDevice(peers, { network: new OffLoopbackNetworkMap(peers) });
    const spy = spyOnDestinations();
    try {
      await device.at('AT#XSOCKET=1,1,0');
      assert.deepEqual((await device.at('AT#XCONNECT=0,"test.server.com",1234')).lines, ['ERROR']);
      await device.at('AT#XSOCKET=1,2,0');
      assert.deepEqual((await device.at('AT#XCONNECT=1,"test.server.com",1234')).lines, ['ERROR']);
      assert.deepEqual((await device.at('AT#XSENDTO=1,0,0,"test.server.com",1234,"x"')).lines, ['#XSENDTO: 1,0', 'ERROR']);
    } finally {
      spy.restore();
    }
    assert.deepEqual(spy.hosts, []);
  });

  it('sends only to loopback when the route is mapped (the spy sees it)', async () => {
    device = createDevice(peers);
    const spy = spyOnDestinations();
    try {
      await device.at('AT#XSOCKET=1,1,0');
      assert.deepEqual((await device.at('AT#XCONNECT=0,"test.server.com",1234')).lines, ['#XCONNECT: 0,1', 'OK']);
    } finally {
      spy.restore();
    }
    assert.ok(spy.hosts.length > 0 && spy.hosts.every((host) => host === '127.0.0.1' || host === '::1'), JSON.stringify(spy.hosts));
  });
});

describe('raw sockets', () => {
  it('open, options, send into the capture, nothing received, close', async () => {
    device = createDevice(peers);
    assert.deepEqual((await device.at('AT#XSOCKET=1,3,0')).lines, ['#XSOCKET: 0,3,0', 'OK']);
    assert.deepEqual((await device.at('AT#XSOCKETOPT=0,1,30,1')).lines, ['OK']);
    assert.deepEqual((await device.at('AT#XSOCKETOPT=0,0,30')).lines, ['#XSOCKETOPT: 0,1', 'OK']);
    assert.deepEqual((await device.at('AT#XSEND=0,1,0,"4500001C"')).lines, ['#XSEND: 0,4', 'OK']);
    // #XSENDTO resolves with the socket's packet family, which getaddrinfo does not know.
    assert.deepEqual((await device.at('AT#XSENDTO=0,0,0,"test.server.com",1234,"raw"')).lines, ['ERROR']);
    assert.deepEqual(device.socketCommands.table.rawCapture, [{ handle: 0, bytes: Buffer.from('4500001C', 'hex') }]);
    assert.deepEqual((await device.at('AT#XRECV=0,0,64,1')).lines, ['ERROR']);
    assert.deepEqual((await device.at('AT#XCONNECT=0,"test.server.com",1234')).lines, ['ERROR']);
    await device.expect('AT#XSEND=0,2,0', ['OK']);
    await device.dataMode!.send(Buffer.alloc(4096, 0x45), 'full');
    assert.equal(await device.dataMode!.end(), 0, 'a raw burst never overflows (only SOCK_DGRAM does)');
    assert.equal(device.socketCommands.table.rawCapture[1]?.bytes.length, 4096);
    assert.deepEqual((await device.at('AT#XCLOSE=0')).lines, ['#XCLOSE: 0,0', 'OK']);
  });
});
