// The default network end to end: the spec examples' destinations resolve and reach real
// loopback peers, sec_tag 16842753 opens TLS to the TLS peer as the examples do, AT%CMNG
// works on the same store, and no socket is ever aimed at anything but loopback.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { startDefaultNetwork, type DefaultNetwork } from '../src/emulator/network/index.ts';
import type { LoopbackEndpoint } from '../src/emulator/types.ts';

// Every destination any socket in this process is aimed at while the tests run.
const destinations: string[] = [];
const originalConnect = net.Socket.prototype.connect;
const originalSend = dgram.Socket.prototype.send;

let network: DefaultNetwork;
before(async () => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // net.connect hands over its normalised arguments as one array.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const options = first as { host?: string; port?: number; path?: string };
    if (typeof options === 'object' && options !== null && !options.path) destinations.push(String(options.host ?? 'localhost'));
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  dgram.Socket.prototype.send = function (this: dgram.Socket, ...args: unknown[]) {
    const host = args.find((arg, index) => index > 0 && typeof arg === 'string');
    if (typeof host === 'string') destinations.push(host);
    return (originalSend as (...a: unknown[]) => void).apply(this, args);
  } as typeof dgram.Socket.prototype.send;
  network = await startDefaultNetwork({ handshakeTimeoutMs: 3000 });
});
after(async () => {
  await network.close();
  net.Socket.prototype.connect = originalConnect;
  dgram.Socket.prototype.send = originalSend;
});

function echoOverTcp(to: LoopbackEndpoint, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: to.host, port: to.port }, () => socket.write(payload));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.length >= payload.length) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.once('error', reject);
  });
}

/** What the emulator's socket layer does for #XCONNECT: resolve in the socket's family, then route. */
function destination(name: string, family: 1 | 2, port: number, transport: 'tcp' | 'udp'): LoopbackEndpoint | undefined {
  const [address] = network.map.resolve(name, family);
  return address === undefined ? undefined : network.map.route(address, port, transport);
}

describe('default network', () => {
  it('reaches a TCP echo peer for each #XCONNECT example', { timeout: 10_000 }, async (t) => {
    assert.equal(await echoOverTcp(destination('test.server.com', 1, 1234, 'tcp')!, 'Test TCP'), 'Test TCP');
    assert.equal(await echoOverTcp(destination('192.168.0.1', 1, 1234, 'tcp')!, 'Test TCP'), 'Test TCP');
    if (!network.peers.hosts.includes('::1')) return t.skip('no IPv6 loopback on this machine');
    const v6 = destination('2a02:c207:2051:8976::1', 2, 4567, 'tcp')!;
    assert.equal(v6.host, '::1');
    assert.equal(await echoOverTcp(v6, 'over IPv6'), 'over IPv6');
  });

  it('echoes #XSENDTO to test.server.com:1234 from where #XRECVFROM says: "192.168.1.100",24210', { timeout: 10_000 }, async () => {
    const to = destination('test.server.com', 1, 1234, 'udp')!;
    const socket = dgram.createSocket('udp4');
    const reply = new Promise<{ data: Buffer; from: dgram.RemoteInfo }>((resolve) => socket.once('message', (data, from) => resolve({ data, from })));
    socket.send(Buffer.from('Test UDP'), to.port, to.host);
    const { data, from } = await reply;
    assert.equal(data.toString(), 'Test UDP');
    assert.deepEqual(network.map.deviceViewOf({ host: from.address as '127.0.0.1', port: from.port }, 'udp'), { address: '192.168.1.100', port: 24210 });
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  });

  it('offers the #XAPOLL example\'s echo-and-close server on test.server.com:1235', { timeout: 10_000 }, async () => {
    const to = destination('test.server.com', 1, 1235, 'tcp')!;
    const ended = await new Promise<string>((resolve, reject) => {
      let received = '';
      const socket = net.connect({ host: to.host, port: to.port }, () => socket.write('echo'));
      socket.on('data', (chunk) => { received += chunk.toString(); });
      socket.once('end', () => { socket.destroy(); resolve(received); });
      socket.once('error', reject);
    });
    assert.equal(ended, 'echo');
  });

  it('sec_tag 16842753 holds the test CA: TLS with peer_verify 2 to test.server.com:8443 works', { timeout: 10_000 }, async () => {
    const to = destination('test.server.com', 1, 8443, 'tcp')!;
    const socket = await network.secure.connectTls(to, { secTag: 16842753, peerVerify: 2, hostname: 'test.server.com' });
    assert.equal(socket.getProtocol(), 'TLSv1.2');
    socket.destroy();
    const channel = await network.secure.connectDtls(destination('test.server.com', 1, 8443, 'udp')!, { secTag: 16842753, peerVerify: 2 });
    await channel.close();
  });

  it('serves AT%CMNG on the same credential store', { timeout: 10_000 }, async () => {
    assert.equal(network.cmng.name, '%CMNG');
    assert.deepEqual(network.credentials.list(), [{ secTag: 16842753, type: 0 }]);
  });

  it('refuses unmapped destinations, and no socket was ever aimed off loopback', () => {
    assert.equal(destination('example.com', 1, 80, 'tcp'), undefined, 'unknown name');
    assert.equal(network.map.route('8.8.8.8', 53, 'udp'), undefined);
    assert.equal(network.map.route('142.251.42.142', 443, 'tcp'), undefined);
    assert.ok(network.map.refused.some((r) => r.address === '8.8.8.8'));
    assert.ok(destinations.length > 0, 'the spy saw the sockets of the tests above');
    assert.deepEqual(destinations.filter((host) => host !== '127.0.0.1' && host !== '::1'), []);
  });
});
