// #XAPOLL as firmware-notes §7 describes it: one-shot POLLIN/POLLOUT re-armed by
// #XRECV/#XSEND/data-mode exit, ERR/HUP once then silence, the `AT#XAPOLL=1,0` quirk,
// nothing after #XCLOSE, accepted connections not polled, per-handle versus all.

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo } from 'node:net';
import { createDevice, eventually, startPeers, type Device, type Peers } from './emulator-commands-harness.ts';
import { POLLHUP, POLLIN } from '../src/emulator/sockets/poll-events.ts';

let peers: Peers;
let device: Device;
before(async () => { peers = await startPeers(); });
after(async () => { await peers.close(); });
afterEach(async () => { await device.close(); });

function urcsFor(handle: number): string[] {
  return device.urcs.filter((urc) => urc.startsWith(`#XAPOLL: ${handle},`));
}

async function lines(command: string): Promise<string[]> {
  return (await device.at(command)).lines;
}

describe('POLLOUT', () => {
  it('a connected TCP socket reports 4 once; any #XSEND re-arms it', async () => {
    device = createDevice(peers);
    await lines('AT#XAPOLL=1,4');
    await lines('AT#XSOCKET=1,1,0');
    await device.settle();
    assert.deepEqual(urcsFor(0), [], 'not writable before connect');
    await lines('AT#XCONNECT=0,"test.server.com",1234');
    await device.urc(/^#XAPOLL: 0,4$/);
    await device.settle();
    assert.deepEqual(urcsFor(0), ['#XAPOLL: 0,4'], 'one-shot');
    await lines('AT#XSEND=0,0,0,"x"');
    await eventually(() => urcsFor(0).length === 2, 'POLLOUT re-armed by #XSEND');
    await lines('AT#XSEND=0,1,0,"123"');
    await device.settle();
    assert.equal(urcsFor(0).length, 2, 'a send refused before sending does not re-arm');
  });

  it('a failed #XSENDTO re-arms too (the line was printed); data-mode exit re-arms', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XAPOLL=1,4');
    await device.urc(/^#XAPOLL: 0,4$/);
    assert.deepEqual(await lines('AT#XSENDTO=0,0,0,"10.9.9.9",9,"x"'), ['#XSENDTO: 0,0', 'ERROR']);
    await eventually(() => urcsFor(0).length === 2, 'POLLOUT re-armed after a failed send');
    await lines('AT#XSENDTO=0,2,0,"test.server.com",1234');
    await device.settle();
    assert.equal(urcsFor(0).length, 2, 'entering data mode does not report');
    await device.dataMode!.end();
    await eventually(() => urcsFor(0).length === 3, 'POLLOUT re-armed on data-mode exit');
  });
});

describe('POLLIN', () => {
  it('reports 1 once; #XRECV with data re-arms, a 0-byte read does not', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XCONNECT=0,"test.server.com",1234');
    await lines('AT#XAPOLL=1,1');
    await lines('AT#XSEND=0,0,0,"a"');
    await device.urc(/^#XAPOLL: 0,1$/);
    await lines('AT#XSEND=0,0,0,"b"');
    await eventually(() => (device.socketCommands.table.find(0)!.pollEvents() & POLLIN) !== 0, 'second datagram queued');
    await device.settle();
    assert.deepEqual(urcsFor(0), ['#XAPOLL: 0,1'], 'POLLOUT not requested; POLLIN one-shot');
    assert.deepEqual(await lines('AT#XRECV=0,0,0,1,0'), ['OK'], 'data_len 0 reads nothing');
    await device.settle();
    assert.equal(urcsFor(0).length, 1, 'a read without data does not re-arm');
    assert.deepEqual(await lines('AT#XRECV=0,0,0,1'), ['#XRECV: 0,0,1', 'OK']);
    await eventually(() => urcsFor(0).length === 2, 're-armed, "b" still queued');
    assert.deepEqual(await lines('AT#XRECV=0,0,0,1'), ['#XRECV: 0,0,1', 'OK']);
    await device.settle();
    assert.equal(urcsFor(0).length, 2, 'armed, but nothing queued');
    assert.deepEqual(await lines('AT#XRECV=0,0,64,1'), ['ERROR']);
    await lines('AT#XSEND=0,0,0,"c"');
    await eventually(() => urcsFor(0).length === 3, 'the armed POLLIN reports new data');
  });
});

describe('closure and errors', () => {
  it('peer close: 16 once, then nothing for that socket', async () => {
    device = createDevice(peers);
    await lines('AT#XAPOLL=1,1');
    await lines('AT#XSOCKET=1,1,0');
    await lines('AT#XCONNECT=0,"close.server.com",1234');
    await lines('AT#XSEND=0,0,0,"echo"');
    await device.urc(/^#XAPOLL: 0,(16|17)$/);
    const reports = urcsFor(0);
    assert.ok(['#XAPOLL: 0,17', '#XAPOLL: 0,1|#XAPOLL: 0,16'].includes(reports.join('|')), reports.join('|'));
    await lines('AT#XRECV=0,0,0,1');
    await lines('AT#XSEND=0,0,0,"more"');
    await device.settle();
    assert.deepEqual(urcsFor(0), reports, 'disabled after HUP');
  });

  it('connection reset: ERR reported once, then nothing; receive and send fail', async () => {
    device = createDevice(peers);
    const resetter = createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve));
    try {
      device.network.addRoute('198.51.100.99', 80, 'tcp', { host: '127.0.0.1', port: (resetter.address() as AddressInfo).port });
      await lines('AT#XSOCKET=1,1,0');
      await lines('AT#XCONNECT=0,"198.51.100.99",80');
      await lines('AT#XAPOLL=1,1');
      await lines('AT#XSEND=0,0,0,"x"');
      const report = await device.urc(/^#XAPOLL: 0,/);
      assert.ok((Number(report.split(',')[1]) & 8) !== 0, `${report} has POLLERR`);
      assert.deepEqual(await lines('AT#XRECV=0,0,0,1'), ['ERROR']);
      assert.deepEqual(await lines('AT#XSEND=0,0,0,"y"'), ['#XSEND: 0,0', 'ERROR']);
      await device.settle();
      assert.deepEqual(urcsFor(0), [report], 'disabled after ERR');
    } finally {
      resetter.close();
    }
  });

  it('data and FIN pending when polling starts: one URC 17', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,1,0');
    await lines('AT#XCONNECT=0,"close.server.com",1234');
    await lines('AT#XSEND=0,0,0,"echo"');
    const socket = device.socketCommands.table.find(0)!;
    await eventually(() => (socket.pollEvents() & (POLLIN | POLLHUP)) === (POLLIN | POLLHUP), 'echo and FIN queued');
    await lines('AT#XAPOLL=1,1');
    await device.urc(/^#XAPOLL: 0,/);
    await device.settle();
    assert.deepEqual(urcsFor(0), ['#XAPOLL: 0,17']);
  });

  it('firmware: AT#XAPOLL=1,0 registers nothing, so no HUP arrives; doc: HUP arrives', async () => {
    for (const profile of ['firmware', 'doc'] as const) {
      device = createDevice(peers, { profile });
      await lines('AT#XSOCKET=1,1,0');
      await lines('AT#XCONNECT=0,"close.server.com",1234');
      await lines('AT#XAPOLL=1,0');
      await lines('AT#XSEND=0,0,0,"x"');
      const socket = device.socketCommands.table.find(0)!;
      await eventually(() => (socket.pollEvents() & POLLHUP) !== 0, 'FIN queued');
      await device.settle();
      assert.deepEqual(urcsFor(0), profile === 'firmware' ? [] : ['#XAPOLL: 0,16'], profile);
      await device.close();
    }
  });

  it('nothing after #XCLOSE, and the closed handle leaves the read list', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,1,0');
    await lines('AT#XSOCKET=1,1,0');
    await lines('AT#XCONNECT=0,"close.server.com",1234');
    await lines('AT#XAPOLL=1,1');
    await lines('AT#XSEND=0,0,0,"x"');
    assert.deepEqual(await lines('AT#XCLOSE=0'), ['#XCLOSE: 0,0', 'OK']);
    await device.settle();
    assert.deepEqual(urcsFor(0), []);
    assert.deepEqual(await lines('AT#XAPOLL?'), ['#XAPOLL: 1,1,1', 'OK']);
  });

  it('a data-mode exit on a socket closed meanwhile (reset) reports nothing', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XSENDTO=0,2,0,"test.server.com",1234');
    const sink = device.dataMode!;
    await lines('AT#XAPOLL=1,4');
    await device.urc(/^#XAPOLL: 0,4$/);
    await lines('AT#XCLOSE=0');
    await sink.end();
    await device.settle();
    assert.deepEqual(device.urcs, ['#XAPOLL: 0,4']);
    await lines('AT#XSOCKET=1,2,0');
    await device.urc(/^#XAPOLL: 0,4$/);
    await device.settle();
    assert.deepEqual(device.urcs, ['#XAPOLL: 0,4', '#XAPOLL: 0,4'], 'the new socket 0 is polled once');
  });
});

describe('which sockets are polled', () => {
  it('per handle: only the listed ones; new sockets are not added', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XAPOLL=1,4,1');
    await device.urc(/^#XAPOLL: 1,4$/);
    await lines('AT#XSOCKET=1,2,0');
    await device.settle();
    assert.deepEqual(device.urcs, ['#XAPOLL: 1,4']);
    assert.deepEqual(await lines('AT#XAPOLL?'), ['#XAPOLL: 1,4,1', 'OK']);
  });

  it('all: every open socket and every new one (armed with the events)', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XAPOLL=1,5');
    assert.deepEqual(await lines('AT#XAPOLL?'), ['#XAPOLL: 1,5,0', 'OK']);
    await lines('AT#XSOCKET=1,2,0');
    await device.urc(/^#XAPOLL: 1,4$/);
    await device.urc(/^#XAPOLL: 0,4$/);
    assert.deepEqual(await lines('AT#XAPOLL?'), ['#XAPOLL: 1,5,0,1', 'OK']);
  });

  it('a new start replaces the previous one; stop clears everything without events (E19)', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XAPOLL=1,1,0');
    await lines('AT#XAPOLL=1,4,1');
    assert.deepEqual(await lines('AT#XAPOLL?'), ['#XAPOLL: 1,4,1', 'OK']);
    await device.urc(/^#XAPOLL: 1,4$/);
    assert.deepEqual(await lines('AT#XAPOLL=0'), ['OK']);
    assert.deepEqual(await lines('AT#XAPOLL?'), ['#XAPOLL: 0,0', 'OK']);
    await lines('AT#XSEND=1,0,0,"x"');
    await device.settle();
    assert.deepEqual(device.urcs, ['#XAPOLL: 1,4']);
  });

  it('running with no socket open reads without handles', async () => {
    device = createDevice(peers);
    await lines('AT#XAPOLL=1,5');
    assert.deepEqual(await lines('AT#XAPOLL?'), ['#XAPOLL: 1,5', 'OK']);
  });

  it('an unknown handle: the sockets marked before it wait for the next poll work (firmware)', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,2,0');
    await lines('AT#XSOCKET=1,2,0');
    await device.expect('AT#XAPOLL=1,4,0,1,5', ['ERROR']);
    await device.settle();
    assert.deepEqual(device.urcs, [], 'nothing registered yet');
    await device.expect('AT#XSENDTO=0,0,0,"test.server.com",1234,"x"', ['#XSENDTO: 0,1', 'OK']);
    await device.urc(/^#XAPOLL: 1,4$/);
    assert.deepEqual(device.urcs, ['#XAPOLL: 0,4', '#XAPOLL: 1,4'], 'slot order, both registered by one work run');
  });

  it('starting "poll all" again: firmware keeps a socket silenced by HUP, doc starts afresh', async () => {
    for (const profile of ['firmware', 'doc'] as const) {
      device = createDevice(peers, { profile });
      await lines('AT#XSOCKET=1,1,0');
      await lines('AT#XCONNECT=0,"close.server.com",1234');
      await lines('AT#XSEND=0,0,0,"x"');
      const socket = device.socketCommands.table.find(0)!;
      await eventually(() => (socket.pollEvents() & (POLLIN | POLLHUP)) === (POLLIN | POLLHUP), 'echo and FIN queued');
      await lines('AT#XAPOLL=1,1');
      await device.urc(/^#XAPOLL: 0,17$/);
      await lines('AT#XAPOLL=1,1');
      await device.settle();
      assert.deepEqual(device.urcs, profile === 'firmware' ? ['#XAPOLL: 0,17'] : ['#XAPOLL: 0,17', '#XAPOLL: 0,17'], profile);
      await device.close();
    }
  });

  it('an accepted connection is not polled', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,1,1');
    await lines('AT#XLISTEN=0');
    const endpoint = device.socketCommands.table.localEndpointOf(0)!;
    const client = connect(endpoint.port, endpoint.host).on('error', () => undefined);
    try {
      await lines('AT#XACCEPT=0,10');
      await lines('AT#XAPOLL=1,5');
      client.write('data');
      client.end();
      await device.settle();
      await device.settle();
      assert.deepEqual(device.urcs, []);
      assert.deepEqual(await lines('AT#XRECV=0,0,0,5'), ['#XRECV: 0,0,4', 'OK']);
    } finally {
      client.destroy();
    }
  });

  it('a listening socket reports a waiting connection as POLLIN', async () => {
    device = createDevice(peers);
    await lines('AT#XSOCKET=1,1,1');
    await lines('AT#XLISTEN=0');
    await lines('AT#XAPOLL=1,1');
    const endpoint = device.socketCommands.table.localEndpointOf(0)!;
    const client = connect(endpoint.port, endpoint.host).on('error', () => undefined);
    try {
      await device.urc(/^#XAPOLL: 0,1$/);
    } finally {
      client.destroy();
    }
  });
});
