// Bytes through emulated TCP and UDP sockets reach the loopback peer byte-exact and the
// peer's echo comes back byte-exact through #XRECV/#XRECVFROM in both modes, all 256
// byte values included; data mode sends each burst (one datagram per burst on UDP).

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  allByteValues, createDevice, eventually, receiveAll, startPeers, type Device, type Peers,
} from './emulator-commands-harness.ts';

let peers: Peers;
let device: Device;
before(async () => { peers = await startPeers(); });
after(async () => { await peers.close(); });
afterEach(async () => { await device.close(); });

/** All byte values a quoted AT string can carry (no NUL, no double quote). */
function quotableBytes(): Buffer {
  return Buffer.from([...allByteValues()].filter((byte) => byte !== 0x00 && byte !== 0x22));
}

describe('TCP round trip', () => {
  it('hex send, binary and hex receive: all 256 byte values', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    const peerIndex = peers.tcpReceived.length - 1;
    const bytes = allByteValues();
    assert.deepEqual((await device.at(`AT#XSEND=0,1,0,"${bytes.toString('hex')}"`)).lines, ['#XSEND: 0,512', 'OK']);
    assert.deepEqual(await receiveAll(device, 0, 0, bytes.length), bytes);
    assert.deepEqual(peers.tcpReceived[peerIndex], bytes);
    await device.at(`AT#XSEND=0,1,0,"${bytes.toString('hex').toUpperCase()}"`);
    assert.deepEqual(await receiveAll(device, 0, 1, bytes.length), bytes);
  });

  it('string send carries every quotable byte, CR and LF included', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    const bytes = quotableBytes();
    const answer = await device.at(`AT#XSEND=0,0,0,"${bytes.toString('latin1')}"`);
    assert.deepEqual(answer.lines, [`#XSEND: 0,${bytes.length}`, 'OK']);
    assert.deepEqual(await receiveAll(device, 0, 0, bytes.length), bytes);
  });

  it('data_len bounds each read; the rest stays queued', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    await device.at('AT#XSEND=0,0,0,"abcdef"');
    await eventually(() => device.socketCommands.table.find(0)!.pollEvents() % 2 === 1, 'echo queued');
    await device.settle();
    assert.deepEqual((await device.at('AT#XRECV=0,0,0,5,-1')).lines, ['ERROR'], 'data_len compared unsigned');
    const first = await device.at('AT#XRECV=0,0,2,5,6');
    assert.deepEqual(first.lines, ['#XRECV: 0,0,6', 'OK'], 'MSG_PEEK leaves the data');
    const second = await device.at('AT#XRECV=0,0,0,5,4');
    assert.equal(Buffer.concat(second.raw).toString(), 'abcd');
    const third = await device.at('AT#XRECV=0,1,0,5');
    assert.deepEqual(third.lines, ['#XRECV: 0,1,2', 'OK']);
    assert.equal(Buffer.concat(third.raw).toString(), '6566');
  });

  it('#XSENDTO on a connected TCP socket sends on the connection, the address ignored', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.expect('AT#XSENDTO=0,0,0,"test.server.com",1234,"x"', ['#XSENDTO: 0,0', 'ERROR']);
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    await device.expect('AT#XSENDTO=0,0,0,"192.168.0.1",1234,"via sendto"', ['#XSENDTO: 0,10', 'OK']);
    assert.equal((await receiveAll(device, 0, 0, 10)).toString(), 'via sendto');
    const answer = await device.at('AT#XRECVFROM=0,0,64,1');
    assert.deepEqual(answer.lines, ['ERROR'], 'nothing more queued');
  });

  it('peer closed: #XRECV answers OK only', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"close.server.com",1234');
    await device.at('AT#XSEND=0,0,0,"bye"');
    assert.equal((await receiveAll(device, 0, 0, 3)).toString(), 'bye');
    assert.deepEqual((await device.at('AT#XRECV=0,0,0,0')).lines, ['OK']);
  });

  it('data mode: bursts arrive in order and whole', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    const peerIndex = peers.tcpReceived.length - 1;
    assert.deepEqual((await device.at('AT#XSEND=0,2,0')).lines, ['OK']);
    const sink = device.dataMode!;
    const bytes = allByteValues();
    await sink.send(bytes.subarray(0, 100), 'quiet');
    await sink.send(bytes.subarray(100), 'full');
    assert.equal(await sink.end(), 0);
    await eventually(() => peers.tcpReceived[peerIndex]!.length === bytes.length, 'peer got all bytes');
    assert.deepEqual(peers.tcpReceived[peerIndex], bytes);
  });
});

describe('UDP round trip', () => {
  it('hex and string datagrams, binary and hex #XRECVFROM, boundaries kept', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    const bytes = allByteValues();
    const sent = peers.udpReceived.length;
    assert.deepEqual((await device.at(`AT#XSENDTO=0,1,0,"test.server.com",1234,"${bytes.toString('hex')}"`)).lines, ['#XSENDTO: 0,512', 'OK']);
    const quotable = quotableBytes();
    await device.at(`AT#XSENDTO=0,0,0,"test.server.com",1234,"${quotable.toString('latin1')}"`);
    const binary = await device.at('AT#XRECVFROM=0,0,0,5');
    assert.deepEqual(binary.lines, ['#XRECVFROM: 0,0,512,"192.168.1.100",24210', 'OK']);
    assert.deepEqual(binary.raw[0], bytes);
    const hex = await device.at('AT#XRECVFROM=0,1,0,5');
    assert.deepEqual(hex.lines, [`#XRECVFROM: 0,1,${quotable.length},"192.168.1.100",24210`, 'OK']);
    assert.equal(hex.raw[0]!.toString('latin1'), quotable.toString('hex').toUpperCase());
    assert.deepEqual(peers.udpReceived.slice(sent), [bytes, quotable]);
  });

  it('a datagram longer than data_len is cut and the rest discarded', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    await device.at('AT#XSENDTO=0,0,0,"test.server.com",1234,"0123456789"');
    await device.at('AT#XSENDTO=0,0,0,"test.server.com",1234,"next"');
    assert.equal(Buffer.concat((await device.at('AT#XRECVFROM=0,0,0,5,4')).raw).toString(), '0123');
    assert.equal(Buffer.concat((await device.at('AT#XRECVFROM=0,0,0,5')).raw).toString(), 'next');
  });

  it('an empty datagram: #XSENDTO says 0, #XRECVFROM answers OK only', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    await device.expect('AT#XSENDTO=0,0,0,"test.server.com",1234,""', ['#XSENDTO: 0,0', 'OK']);
    await eventually(() => device.socketCommands.table.find(0)!.pollEvents() % 2 === 1, 'empty echo queued');
    await device.expect('AT#XRECVFROM=0,0,0,5', ['OK']);
    await device.expect('AT#XRECVFROM=0,0,64,5', ['ERROR']);
  });

  it('connected UDP: #XSEND and #XRECV', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    assert.deepEqual((await device.at('AT#XSEND=0,0,0,"x"')).lines, ['#XSEND: 0,0', 'ERROR'], 'no default peer yet');
    assert.deepEqual((await device.at('AT#XCONNECT=0,"test.server.com",1234')).lines, ['#XCONNECT: 0,1', 'OK']);
    await device.at('AT#XSEND=0,1,0,"00FF22"');
    const answer = await device.at('AT#XRECV=0,1,0,5');
    assert.deepEqual(answer.lines, ['#XRECV: 0,1,3', 'OK']);
    assert.equal(answer.raw[0]!.toString(), '00FF22');
  });

  it('a #XSENDTO that failed before sending leaves its URL to the next data mode (firmware only)', async () => {
    for (const profile of ['firmware', 'doc'] as const) {
      device = createDevice(peers, { profile });
      await device.at('AT#XSOCKET=1,2,0');
      await device.expect('AT#XSENDTO=0,9,0,"test.server.com",1234,"x"', ['ERROR']);
      const before = peers.udpReceived.length;
      await device.expect('AT#XSEND=0,2,0', ['OK']);
      await device.dataMode!.send(Buffer.from(`stale URL ${profile}`), 'terminator');
      assert.equal(await device.dataMode!.end(), 0);
      if (profile === 'firmware') {
        await eventually(() => peers.udpReceived.length === before + 1, 'the burst went to the stale URL');
        assert.equal(peers.udpReceived.at(-1)!.toString(), 'stale URL firmware');
        // Data-mode exit cleared it: the next #XSEND data mode has no destination (unconnected UDP).
        await device.expect('AT#XSEND=0,2,0', ['OK']);
        await device.dataMode!.send(Buffer.from('nowhere'), 'terminator');
        await device.dataMode!.end();
      }
      await device.expect('AT#XSENDTO=0,0,0,"test.server.com",1234,"marker"', ['#XSENDTO: 0,6', 'OK']);
      const expected = profile === 'firmware' ? ['stale URL firmware', 'marker'] : ['marker'];
      await eventually(() => peers.udpReceived.length === before + expected.length, 'marker arrived');
      assert.deepEqual(peers.udpReceived.slice(before).map(String), expected);
      await device.close();
    }
  });

  it('data mode: each burst is one datagram; a full buffer fails with -EOVERFLOW', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    const before = peers.udpReceived.length;
    assert.deepEqual((await device.at('AT#XSENDTO=0,2,0,"test.server.com",1234')).lines, ['OK']);
    let sink = device.dataMode!;
    await sink.send(Buffer.from('one'), 'quiet');
    await sink.send(Buffer.from('two'), 'terminator');
    assert.equal(await sink.end(), 0);
    await eventually(() => peers.udpReceived.length === before + 2, 'two datagrams');
    assert.deepEqual(peers.udpReceived.slice(before).map(String), ['one', 'two']);
    await device.at('AT#XSENDTO=0,2,0,"test.server.com",1234');
    sink = device.dataMode!;
    await assert.rejects(sink.send(Buffer.alloc(4096), 'full'));
    assert.equal(await sink.end(), -139);
  });
});
