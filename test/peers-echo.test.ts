// The loopback peers: each echoes (or only records) byte-exact, all 256 byte values
// included, records the source of every chunk, lets a test await what it received, and
// leaves no handle behind when stopped.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';
import { startPeerSet, type PeerSet } from '../src/peers/peer-set.ts';
import { startStreamPeer } from '../src/peers/stream-peer.ts';
import { PeerRecord } from '../src/peers/peer-record.ts';
import { startDatagramPeer } from '../src/peers/datagram-peer.ts';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
let peers: PeerSet;
before(async () => { peers = await startPeerSet(); });
after(async () => { await peers.close(); });

function tcpConnect(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads from `socket` until `count` bytes arrived. */
function readBytes(socket: net.Socket, count: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= count) {
        socket.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

function udpExchange(host: string, port: number, datagram: Buffer): Promise<{ reply: Buffer; localPort: number }> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.once('message', (reply) => {
      const localPort = socket.address().port;
      socket.close(() => resolve({ reply, localPort }));
    });
    socket.send(datagram, port, host);
  });
}

describe('PeerSet', () => {
  it('runs every peer on 127.0.0.1 and ::1 with ephemeral ports', () => {
    assert.deepEqual([...peers.peers.keys()], ['tcp-echo', 'udp-echo', 'tls-echo', 'dtls-echo', 'sink', 'udp-sink', 'close-after-echo']);
    for (const peer of peers.peers.values()) {
      assert.deepEqual(peer.endpoints.map((e) => e.host), peers.hosts);
      for (const endpoint of peer.endpoints) assert.ok(endpoint.port > 0);
    }
  });

  it('refuses non-loopback hosts unless explicitly allowed, and non-IP hosts always', { timeout: 10_000 }, async () => {
    await assert.rejects(startPeerSet({ hosts: ['0.0.0.0'] }), /0\.0\.0\.0 is not loopback .*allowExternal/);
    await assert.rejects(startPeerSet({ hosts: ['localhost'], allowExternal: true }), /'localhost' is not an IP address/);
  });
});

describe('TCP echo peer', () => {
  for (const host of ['127.0.0.1', '::1']) {
    it(`echoes all 256 byte values byte-exact and records them with their source (${host})`, { timeout: 10_000 }, async (t) => {
      if (!peers.hosts.includes(host)) return t.skip('no IPv6 loopback on this machine');
      peers.clearRecords();
      const socket = await tcpConnect(host, peers.endpoint('tcp-echo', host).port);
      socket.write(ALL_BYTES);
      assert.deepEqual(await readBytes(socket, 256), ALL_BYTES);
      const record = peers.peer('tcp-echo').record;
      assert.deepEqual(await record.waitForBytes(256, { timeoutMs: 2000 }), ALL_BYTES);
      assert.equal(record.chunks[0]!.source.port, socket.localPort);
      assert.equal(record.chunks[0]!.source.address, host);
      socket.destroy();
    });
  }

  it('numbers connections so each can be checked apart', { timeout: 10_000 }, async () => {
    peers.clearRecords();
    const port = peers.endpoint('tcp-echo').port;
    const first = await tcpConnect('127.0.0.1', port);
    first.write('one');
    await readBytes(first, 3);
    const second = await tcpConnect('127.0.0.1', port);
    second.write('two');
    await readBytes(second, 3);
    const record = peers.peer('tcp-echo').record;
    const [a, b] = [record.chunks[0]!.connection, record.chunks[1]!.connection];
    assert.notEqual(a, b);
    assert.equal(record.bytes(a).toString(), 'one');
    assert.equal(record.bytes(b).toString(), 'two');
    first.destroy();
    second.destroy();
  });
});

describe('UDP echo peer', () => {
  it('echoes each datagram to its sender, all 256 byte values, and records its source', { timeout: 10_000 }, async () => {
    peers.clearRecords();
    const { reply, localPort } = await udpExchange('127.0.0.1', peers.endpoint('udp-echo').port, ALL_BYTES);
    assert.deepEqual(reply, ALL_BYTES);
    const [chunk] = await peers.peer('udp-echo').record.waitForChunks(1, { timeoutMs: 2000 });
    assert.deepEqual(chunk!.bytes, ALL_BYTES);
    assert.deepEqual(chunk!.source, { address: '127.0.0.1', port: localPort });
  });
});

describe('TLS echo peer', () => {
  it('speaks TLS 1.2 with the test server certificate and echoes byte-exact', { timeout: 10_000 }, async () => {
    peers.clearRecords();
    const socket = tls.connect({
      host: '127.0.0.1', port: peers.endpoint('tls-echo').port, ca: peers.certificates.caCertificate,
      servername: 'test.server.com', maxVersion: 'TLSv1.2',
    });
    await new Promise<void>((resolve, reject) => { socket.once('secureConnect', resolve); socket.once('error', reject); });
    assert.equal(socket.getProtocol(), 'TLSv1.2');
    assert.equal(socket.authorized, true);
    socket.write(ALL_BYTES);
    assert.deepEqual(await readBytes(socket, 256), ALL_BYTES);
    assert.deepEqual(await peers.peer('tls-echo').record.waitForBytes(256), ALL_BYTES);
    socket.destroy();
  });
});

describe('sink peers', () => {
  it('record what arrives and never answer', { timeout: 10_000 }, async () => {
    peers.clearRecords();
    const socket = await tcpConnect('127.0.0.1', peers.endpoint('sink').port);
    const answered: Buffer[] = [];
    socket.on('data', (chunk) => answered.push(chunk));
    socket.write(ALL_BYTES);
    await peers.peer('sink').record.waitForPayload(ALL_BYTES, { timeoutMs: 2000 });
    // A round trip through the echo peer on another connection orders events after any stray answer.
    const echo = await tcpConnect('127.0.0.1', peers.endpoint('tcp-echo').port);
    echo.write('x');
    await readBytes(echo, 1);
    assert.equal(Buffer.concat(answered).length, 0);
    socket.destroy();
    echo.destroy();

    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    udp.send(Buffer.from('to the sink'), peers.endpoint('udp-sink').port, '127.0.0.1');
    await peers.peer('udp-sink').record.waitForPayload('to the sink', { timeoutMs: 2000 });
    await new Promise<void>((resolve) => udp.close(() => resolve()));
  });
});

describe('close-after-echo peer', () => {
  it('echoes the first read and then closes the connection (the #XAPOLL example)', { timeout: 10_000 }, async () => {
    peers.clearRecords();
    const socket = await tcpConnect('127.0.0.1', peers.endpoint('close-after-echo').port);
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    socket.write('echo');
    await ended;
    assert.equal(Buffer.concat(received).toString(), 'echo');
    assert.equal(peers.peer('close-after-echo').record.bytes().toString(), 'echo');
    socket.destroy();
  });
});

describe('PeerRecord waits', () => {
  it('wakes a waiter on the chunk that satisfies it, and times out with what it has', { timeout: 10_000 }, async () => {
    const record = new PeerRecord('test');
    const waiting = record.waitForPayload('needle', { timeoutMs: 2000 });
    record.add(Buffer.from('hay ne'), { address: '127.0.0.1', port: 1 }, 1);
    record.add(Buffer.from('edle hay'), { address: '127.0.0.1', port: 1 }, 1);
    await waiting;
    await assert.rejects(record.waitForBytes(100, { timeoutMs: 20 }),
      /peer test did not receive 100 bytes within 20 ms \(it has 14 bytes in 2 chunks\)/);
    await assert.rejects(record.waitForBytes(1, { timeoutMs: 20, connection: 2 }), /did not receive 1 bytes/);
  });

  it('wakes a waiter on a connection accepted before any byte (the peer-reach probe)', { timeout: 10_000 }, async () => {
    const record = new PeerRecord('test');
    const waiting = record.waitUntil(() => record.connectionsOpened > 0, 'a connection', { timeoutMs: 5000 });
    assert.equal(record.openConnection(), 1);
    await waiting;
  });
});

describe('stopping peers', () => {
  it('releases every listening socket and connection', { timeout: 10_000 }, async () => {
    const handleCount = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap' || kind === 'UDPWrap' || kind === 'TCPSocketWrap').length;
    const baseline = handleCount();
    const stream = await startStreamPeer({ name: 'tmp', hosts: ['127.0.0.1'], behaviour: 'echo' });
    const datagram = await startDatagramPeer({ name: 'tmp-udp', hosts: ['127.0.0.1'], behaviour: 'echo' });
    const client = await tcpConnect('127.0.0.1', stream.endpoints[0]!.port);
    client.resume(); // consume the echo, or the client never sees the end
    client.write('hello');
    await stream.record.waitForBytes(5);
    assert.ok(handleCount() > baseline);
    const clientClosed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await stream.close();
    await datagram.close();
    await clientClosed; // the peer dropped the connection: the client sees it close
    assert.equal(handleCount(), baseline);
  });

  it('refuses a behaviour a transport cannot have', { timeout: 10_000 }, async () => {
    await assert.rejects(startDatagramPeer({ name: 'u', hosts: ['127.0.0.1'], behaviour: 'close-after-echo' }), /UDP has no connection to close/);
  });
});
