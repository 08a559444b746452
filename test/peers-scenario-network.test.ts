// What a scenario checks on the far side of the wire: RecordCursor reads each peer on from
// the last check (bytes for streams, whole datagrams for UDP), the loopback client connects
// only to loopback and records what the device sends, and ScenarioNetwork ties them together.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { setImmediate } from 'node:timers/promises';
import { PeerRecord } from '../src/peers/peer-record.ts';
import { RecordCursor, UnexpectedDeliveryError } from '../src/peers/record-cursor.ts';
import { LoopbackClient, sendLoopbackDatagram } from '../src/peers/loopback-client.ts';
import { ScenarioNetwork } from '../src/peers/scenario-network.ts';
import type { PeerSet } from '../src/peers/peer-set.ts';
import { EnvironmentError } from '../src/blame/verdict-errors.ts';

const FROM = { address: '127.0.0.1', port: 5000 };
const SHORT = 200;

describe('RecordCursor', () => {
  it('checks a stream in order, each check starting where the last ended, across chunk boundaries', async () => {
    const record = new PeerRecord('tcp-echo');
    const cursor = new RecordCursor(record, 'stream');
    record.add(Buffer.from('Test T'), FROM, 1);
    const first = cursor.expectNext(Buffer.from('Test TCP'), 1000);
    record.add(Buffer.from('CPHello'), FROM, 1);
    await first;
    await cursor.expectNext(Buffer.from('Hello'), SHORT);
  });

  it('refuses different bytes, showing both', async () => {
    const record = new PeerRecord('tcp-echo');
    record.add(Buffer.from('Test TCQ'), FROM, 1);
    await assert.rejects(new RecordCursor(record, 'stream').expectNext(Buffer.from('Test TCP'), SHORT),
      (error: Error) => error instanceof UnexpectedDeliveryError && /"Test TCQ".*expected "Test TCP"/.test(error.message));
  });

  it('reports a short delivery with what did arrive once the deadline passes', async () => {
    const record = new PeerRecord('tcp-echo');
    record.add(Buffer.from('Test'), FROM, 1);
    await assert.rejects(new RecordCursor(record, 'stream').expectNext(Buffer.from('Test TCP'), SHORT), /received only "Test" within 200 ms, expected "Test TCP"/);
    await assert.rejects(new RecordCursor(new PeerRecord('sink'), 'stream').expectNext(Buffer.from('x'), SHORT), /received nothing/);
  });

  it('shows binary bytes as hex', async () => {
    const record = new PeerRecord('tcp-echo');
    record.add(Buffer.from('\r\nOK\r\n'), FROM, 1);
    await assert.rejects(new RecordCursor(record, 'stream').expectNext(Buffer.from('\r\nOK\r\r'), SHORT), /hex 0D0A4F4B0D0A/);
  });

  it('reads a stream per connection opened since it began: late bytes of an older connection are not the scenario\'s', async () => {
    const record = new PeerRecord('tcp-echo');
    const previous = record.openConnection(); // the last scenario's connection, silent so far
    const cursor = new RecordCursor(record, 'stream', 'now');
    const own = record.openConnection();
    record.add(Buffer.from('«late»'), FROM, previous);
    record.add(Buffer.from('Test data'), FROM, own);
    await cursor.expectNext(Buffer.from('Test data'), SHORT);
    await assert.rejects(cursor.expectNext(Buffer.from('«'), SHORT), /received nothing within/);
  });

  it('reads two connections of one scenario as two streams, whatever their interleaving', async () => {
    const record = new PeerRecord('tcp-echo');
    const cursor = new RecordCursor(record, 'stream', 'now');
    const first = record.openConnection();
    const second = record.openConnection();
    record.add(Buffer.from('Hel'), FROM, first);
    record.add(Buffer.from('Test'), FROM, second);
    record.add(Buffer.from('lo'), FROM, first);
    await cursor.expectNext(Buffer.from('Test'), SHORT);
    await cursor.expectNext(Buffer.from('Hello'), SHORT);
    record.add(Buffer.from('wrong'), FROM, second);
    await assert.rejects(cursor.expectNext(Buffer.from('right'), SHORT), /received "wrong" as the next 5 bytes, expected "right"/);
  });

  it('compares datagrams whole: a datagram holding more than expected does not pass', async () => {
    const record = new PeerRecord('udp-echo');
    const cursor = new RecordCursor(record, 'datagram');
    record.add(Buffer.from('Test UDP'), FROM, 1);
    record.add(Buffer.from('Hello!'), FROM, 1);
    await cursor.expectNext(Buffer.from('Test UDP'), SHORT);
    await assert.rejects(cursor.expectNext(Buffer.from('Hello'), SHORT), /"Hello!" as the next datagram, expected "Hello"/);
    await assert.rejects(cursor.expectNext(Buffer.from('more'), SHORT), /no further datagram within 200 ms/);
  });
});

/** A server on 127.0.0.1 standing in for the device's: records and answers as told. */
async function deviceServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('LoopbackClient', () => {
  it('records what the server sends, sends what it is told and sees the server close', { timeout: 5000 }, async () => {
    const received: Buffer[] = [];
    const server = await deviceServer((socket) => {
      socket.write('Test TCP');
      socket.on('data', (bytes) => {
        received.push(bytes);
        socket.end();
      });
    });
    const client = await LoopbackClient.connect({ host: '127.0.0.1', port: server.port });
    await new RecordCursor(client.record, 'stream').expectNext(Buffer.from('Test TCP'), 1000);
    await client.send(Buffer.from('Test OK'));
    await client.waitForEnd(1000);
    assert.equal(client.ended, true);
    assert.equal(Buffer.concat(received).toString(), 'Test OK');
    await assert.rejects(client.send(Buffer.from('late')), /no longer connected/);
    client.close();
    await server.close();
  });

  it('waiting for the end fails at its deadline while the server keeps the connection', { timeout: 5000 }, async () => {
    const server = await deviceServer(() => undefined);
    const client = await LoopbackClient.connect({ host: '127.0.0.1', port: server.port });
    await assert.rejects(client.waitForEnd(SHORT), /did not close the connection within 200 ms/);
    client.close();
    await server.close();
  });

  it('a refused connection is the device\'s fault (a plain Error), not the environment\'s', { timeout: 5000 }, async () => {
    const server = await deviceServer(() => undefined);
    const port = server.port;
    await server.close();
    await assert.rejects(LoopbackClient.connect({ host: '127.0.0.1', port }), (error: Error) => !(error instanceof EnvironmentError) && /ECONNREFUSED/.test(error.message));
  });

  it('connects to loopback only', async () => {
    await assert.rejects(LoopbackClient.connect({ host: '192.0.2.1', port: 1234 }), /127\.0\.0\.1 or ::1 only/);
    await assert.rejects(sendLoopbackDatagram({ host: '192.0.2.1', port: 1234 }, Buffer.from('x')), /127\.0\.0\.1 or ::1 only/);
  });

  it('sends one datagram to a UDP socket on loopback', { timeout: 5000 }, async () => {
    const device = dgram.createSocket('udp4');
    try {
      await new Promise<void>((resolve) => device.bind(0, '127.0.0.1', resolve));
      const arrived = new Promise<Buffer>((resolve) => device.once('message', resolve));
      await sendLoopbackDatagram({ host: '127.0.0.1', port: (device.address() as { port: number }).port }, Buffer.from('Test UDP'));
      assert.equal((await arrived).toString(), 'Test UDP');
    } finally {
      device.close();
    }
  });
});

/** A PeerSet of two records: a TCP echo and a UDP echo. */
function fakePeers(tcp: PeerRecord, udp: PeerRecord): PeerSet {
  const peers = new Map([['tcp-echo', { transport: 'tcp', record: tcp }], ['udp-echo', { transport: 'udp', record: udp }]]);
  return { peers, peer: (name: string) => peers.get(name) } as unknown as PeerSet;
}

describe('ScenarioNetwork', () => {
  it('starts without peers, and a check of a peer then fails with the run\'s reason', async () => {
    const network = await ScenarioNetwork.start(() => { throw new EnvironmentError('no peers'); }, SHORT);
    assert.throws(() => network.client, /no loopback client has connected/);
    await assert.rejects(network.expectReceived('tcp-echo', Buffer.from('x')), EnvironmentError);
    await assert.rejects(network.expectReceived('loopback client', Buffer.from('x')), /no loopback client has connected/);
    network.close();
  });

  it('reads a UDP peer by datagram and a TCP peer by bytes', async () => {
    const tcp = new PeerRecord('tcp-echo');
    const udp = new PeerRecord('udp-echo');
    const network = await ScenarioNetwork.start(() => fakePeers(tcp, udp), SHORT);
    tcp.add(Buffer.from('ab'), FROM, 1);
    udp.add(Buffer.from('ab'), FROM, 1);
    await network.expectReceived('tcp-echo', Buffer.from('a'));
    await network.expectReceived('tcp-echo', Buffer.from('b'));
    await assert.rejects(network.expectReceived('udp-echo', Buffer.from('a')), /as the next datagram/);
  });

  it('does not count what reached a peer before it started, a late datagram of the last scenario included', async () => {
    const tcp = new PeerRecord('tcp-echo');
    const udp = new PeerRecord('udp-echo');
    tcp.add(Buffer.from('old'), FROM, tcp.openConnection());
    udp.add(Buffer.from('old'), FROM, 1);
    const late = dgram.createSocket('udp4');
    const sender = dgram.createSocket('udp4');
    try {
      await new Promise<void>((resolve) => late.bind(0, '127.0.0.1', resolve));
      late.on('message', (bytes, from) => udp.add(bytes, { address: from.address, port: from.port }, 2));
      // Sent, so in the kernel's buffer, but not yet read by the event loop when start() is called.
      await new Promise<void>((resolve) => sender.send('late', (late.address() as { port: number }).port, '127.0.0.1', () => resolve()));
      const network = await ScenarioNetwork.start(() => fakePeers(tcp, udp), SHORT);
      await setImmediate(); // the scenario's own steps come later than one turn of the event loop
      assert.equal(udp.chunks.length, 2, 'the late datagram has been read by now');
      udp.add(Buffer.from('new'), FROM, 1);
      tcp.add(Buffer.from('new'), FROM, tcp.openConnection());
      await network.expectReceived('udp-echo', Buffer.from('new'));
      await network.expectReceived('tcp-echo', Buffer.from('new'));
    } finally {
      sender.close();
      late.close();
    }
  });
});
