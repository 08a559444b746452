// TCP server sockets: #XBIND/#XLISTEN/#XACCEPT with a loopback client; #XSEND/#XRECV on
// the listening handle use the accepted connection; the printed descriptor is not a
// handle (E8); the timeout of #XRECV on a server (the firmware bug, notes §4).

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { createDevice, eventually, receiveAll, startPeers, type Device, type Peers } from './emulator-commands-harness.ts';

let peers: Peers;
let device: Device;
let client: Socket | undefined;
before(async () => { peers = await startPeers(); });
after(async () => { await peers.close(); });
afterEach(async () => {
  client?.destroy();
  client = undefined;
  await device.close();
});

async function acceptClient(profile: 'firmware' | 'doc' = 'firmware'): Promise<{ received: Buffer[] }> {
  device = createDevice(peers, { profile });
  await device.at('AT#XSOCKET=1,1,1');
  await device.at('AT#XBIND=0,1234');
  await device.at('AT#XLISTEN=0');
  const endpoint = device.socketCommands.table.localEndpointOf(0)!;
  assert.equal(endpoint.host, '127.0.0.1');
  const received: Buffer[] = [];
  client = connect(endpoint.port, endpoint.host);
  client.on('data', (chunk: Buffer) => received.push(chunk));
  client.on('error', () => undefined);
  const answer = await device.at('AT#XACCEPT=0,10');
  assert.equal(answer.final, 'OK');
  return { received };
}

describe('TCP server', () => {
  it('exchanges data with the accepted client through the listening handle', async () => {
    const { received } = await acceptClient();
    client!.write(Buffer.from([0, 13, 10, 255, 79, 75]));
    assert.deepEqual(await receiveAll(device, 0, 0, 6), Buffer.from([0, 13, 10, 255, 79, 75]));
    assert.deepEqual((await device.at('AT#XSEND=0,1,0,"0D0A4F4B0D0A"')).lines, ['#XSEND: 0,6', 'OK']);
    await eventually(() => Buffer.concat(received).length === 6, 'client got the bytes');
    assert.equal(Buffer.concat(received).toString('latin1'), '\r\nOK\r\n');
  });

  it('the accepted descriptor is not a handle (E8); #XRECVFROM/#XSENDTO do not redirect', async () => {
    await acceptClient();
    assert.deepEqual((await device.at('AT#XSEND=1,0,0,"x"')).lines, ['ERROR']);
    assert.deepEqual((await device.at('AT#XCLOSE=1')).lines, ['ERROR']);
    assert.deepEqual((await device.at('AT#XRECVFROM=0,0,64,1')).lines, ['ERROR']);
    assert.deepEqual((await device.at('AT#XSENDTO=0,0,0,"test.server.com",1234,"x"')).lines, ['#XSENDTO: 0,0', 'ERROR']);
    assert.deepEqual((await device.at('AT#XSOCKET?')).lines, ['#XSOCKET: 0,1,1,1,0', 'OK']);
  });

  it('a second #XACCEPT replaces the served connection', async () => {
    await acceptClient();
    const endpoint = device.socketCommands.table.localEndpointOf(0)!;
    const second = connect(endpoint.port, endpoint.host).on('error', () => undefined);
    try {
      assert.deepEqual((await device.at('AT#XACCEPT=0,10')).lines, ['#XACCEPT: 2,"192.168.0.2"', 'OK']);
      second.write('second');
      client!.write('first');
      assert.equal((await receiveAll(device, 0, 0, 6)).toString(), 'second');
    } finally {
      second.destroy();
    }
  });

  it('closing the listening socket closes the accepted connection and frees its descriptor', async () => {
    await acceptClient();
    const closed = new Promise((resolve) => client!.on('close', resolve));
    assert.deepEqual((await device.at('AT#XCLOSE=0')).lines, ['#XCLOSE: 0,0', 'OK']);
    await closed;
    assert.deepEqual((await device.at('AT#XSOCKET=1,1,0')).lines, ['#XSOCKET: 0,1,6', 'OK']);
    assert.deepEqual((await device.at('AT#XSOCKET=1,1,0')).lines, ['#XSOCKET: 1,1,6', 'OK']);
  });

  it('doc: the #XRECV timeout bounds the read on the accepted connection', async () => {
    await acceptClient('doc');
    assert.deepEqual((await device.at('AT#XRECV=0,0,0,1')).lines, ['ERROR']);
  });

  it('firmware: the #XRECV timeout lands on the listening socket, the read keeps blocking (§4 bug)', async () => {
    await acceptClient();
    let settled = false;
    const pending = device.at('AT#XRECV=0,0,0,1').finally(() => { settled = true; });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(settled, false, 'still blocked after the 1 s timeout');
    client!.write('late');
    const answer = await pending;
    assert.deepEqual(answer.lines, ['#XRECV: 0,0,4', 'OK']);
  });

  it('a timed-out #XACCEPT=h,0 forgets the served connection; a timed-out poll (h,1) keeps it', async () => {
    await acceptClient();
    await device.expect('AT#XACCEPT=0,1', ['ERROR']);
    await device.expect('AT#XSEND=0,0,0,"kept"', ['#XSEND: 0,4', 'OK']);
    await device.at('AT#XSOCKETOPT=0,1,20,1');
    await device.expect('AT#XACCEPT=0,0', ['ERROR']);
    await device.expect('AT#XSEND=0,0,0,"gone"', ['ERROR']);
    await device.expect('AT#XRECV=0,0,0,1', ['ERROR']);
  });

  it('#XRECV on a server without a connection is refused before SO_RCVTIMEO changes', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,1');
    await device.at('AT#XLISTEN=0');
    await device.at('AT#XSOCKETOPT=0,1,20,5');
    await device.expect('AT#XRECV=0,0,0,9', ['ERROR']);
    await device.expect('AT#XSOCKETOPT=0,0,20', ['#XSOCKETOPT: 0,5', 'OK']);
  });

  it('#XACCEPT with timeout 0 follows SO_RCVTIMEO', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,1');
    await device.at('AT#XLISTEN=0');
    await device.at('AT#XSOCKETOPT=0,1,20,1');
    assert.deepEqual((await device.at('AT#XACCEPT=0,0')).lines, ['ERROR']);
  });
});
