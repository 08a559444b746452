// Socket timeouts really bound the commands: SO_RCVTIMEO (set by every #XRECV) ends a
// blocking receive with ERROR, MSG_DONTWAIT answers at once, SO_SNDTIMEO ends a send that
// cannot proceed (flags 512) with `#XSEND: h,0` and ERROR.

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { createDevice, startPeers, type Device, type Peers } from './emulator-commands-harness.ts';

let peers: Peers;
let device: Device;
before(async () => { peers = await startPeers(); });
after(async () => { await peers.close(); });
afterEach(async () => { await device.close(); });

describe('receive timeout', () => {
  it('#XRECV with timeout 1 answers ERROR when nothing arrives', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    assert.deepEqual((await device.at('AT#XRECV=0,0,0,1')).lines, ['ERROR']);
    assert.deepEqual((await device.at('AT#XRECV=0,1,64,0')).lines, ['ERROR'], 'non-blocking, nothing queued');
  });

  it('a timeout beyond the timer range waits instead of expiring at once', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    let settled = false;
    const pending = device.at('AT#XRECV=0,0,0,2147483647').finally(() => { settled = true; });
    await device.settle();
    assert.equal(settled, false);
    await device.at('AT#XSEND=0,0,0,"late"');
    assert.deepEqual((await pending).lines, ['#XRECV: 0,0,4', 'OK']);
  });

  it('#XRECVFROM on UDP with timeout 1 answers ERROR', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    await device.at('AT#XBIND=0,5000');
    assert.deepEqual((await device.at('AT#XRECVFROM=0,0,0,1')).lines, ['ERROR']);
  });

  it('a blocked receive ends with ERROR when the table is closed (reset)', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    const pending = device.at('AT#XRECV=0,0,0,0');
    await device.settle();
    await device.socketCommands.closeAll();
    assert.deepEqual((await pending).lines, ['ERROR']);
  });
});

describe('send timeout', () => {
  let server: Server;
  const held: Socket[] = [];
  before(async () => {
    // A peer that accepts and never reads, so the send path fills up.
    server = createServer((socket) => {
      socket.pause();
      held.push(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('SO_SNDTIMEO bounds #XSEND with flags 512 when the peer does not read', { timeout: 20_000 }, async () => {
    device = createDevice(peers);
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    device.network.addRoute('198.51.100.200', 7000, 'tcp', { host: '127.0.0.1', port: address.port });
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"198.51.100.200",7000');
    assert.deepEqual((await device.at('AT#XSOCKETOPT=0,1,21,1')).lines, ['OK']);
    // Fill the kernel buffers through data mode (its send failures are only logged).
    await device.at('AT#XSEND=0,2,0');
    void device.dataMode!.send(Buffer.alloc(64 * 1024 * 1024), 'full');
    await device.dataMode!.end();
    assert.deepEqual((await device.at('AT#XSEND=0,0,512,"x"')).lines, ['#XSEND: 0,0', 'ERROR']);
    assert.deepEqual((await device.at('AT#XSOCKETOPT=0,1,21,0')).lines, ['OK']);
    assert.deepEqual((await device.at('AT#XSEND=0,0,64,"x"')).lines, ['#XSEND: 0,0', 'ERROR'], 'MSG_DONTWAIT: EAGAIN at once');
  });
});
