// closeAll() (reset, emulator shutdown) leaves nothing behind: no socket, server or timer
// of any emulated socket kind, blocked commands answered, descriptors free again.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createDevice, eventually, startPeers, type Peers } from './emulator-commands-harness.ts';

let peers: Peers;
before(async () => { peers = await startPeers(); });
after(async () => { await peers.close(); });

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

describe('closeAll', () => {
  it('releases every socket, server, timer and descriptor', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const baseline = resourceCounts();
    const device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    await device.at('AT#XSOCKET=1,1,1');
    await device.at('AT#XBIND=1,1234');
    await device.at('AT#XLISTEN=1');
    const endpoint = device.socketCommands.table.localEndpointOf(1)!;
    const client = connect(endpoint.port, endpoint.host).on('error', () => undefined);
    await device.at('AT#XACCEPT=1,10');
    await device.at('AT#XSOCKET=1,2,0');
    await device.at('AT#XBIND=3,5000');
    await device.at('AT#XSOCKET=1,3,0');
    await device.at('AT#XSOCKET=1,2,0');
    await device.at('AT#XSENDTO=5,2,0,"test.server.com",1234');
    const sink = device.dataMode!;
    await device.at('AT#XAPOLL=1,5');
    const blocked = device.at('AT#XRECV=3,0,0,600');
    await device.settle();
    await device.close();
    assert.deepEqual((await blocked).lines, ['ERROR'], 'the blocked #XRECV is answered');
    client.destroy();
    await sink.send(Buffer.from('a burst after the reset'), 'terminator');
    assert.equal(await sink.end(), 0);
    assert.deepEqual(device.socketCommands.table.sockets(), []);
    assert.deepEqual((await device.at('AT#XAPOLL?')).lines, ['#XAPOLL: 0,0', 'OK']);
    for (let handle = 0; handle < 7; handle += 1) {
      assert.deepEqual((await device.at('AT#XSOCKET=1,3,0')).lines, [`#XSOCKET: ${handle},3,0`, 'OK']);
    }
    await device.expect('AT#XSENDTO=0,9,0,"test.server.com",1234,"x"', ['ERROR']);
    await device.close();
    await device.at('AT#XSOCKET=1,2,0');
    await device.at('AT#XSEND=0,2,0');
    const udpBefore = peers.udpReceived.length;
    await device.dataMode!.send(Buffer.from('no URL survives a reset'), 'terminator');
    await device.dataMode!.end();
    await device.settle();
    assert.equal(peers.udpReceived.length, udpBefore, 'the URL a failed #XSENDTO left was forgotten by closeAll');
    await device.close();
    await eventually(() => {
      const now = resourceCounts();
      return [...now].every(([name, count]) => count <= (baseline.get(name) ?? 0));
    }, `resources back to ${JSON.stringify([...baseline])}, now ${JSON.stringify(process.getActiveResourcesInfo())}`);
  });
});
