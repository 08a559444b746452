// The assembled emulator: host + identity + socket commands + network side, end to end
// on loopback peers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { EmulatorSession } from './emulator-host-session.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('assembled emulator', () => {
  it('opens, connects, sends, receives and closes through the socket commands', async () => {
    const session = await EmulatorSession.open();
    assert.equal(await session.send('AT#XSOCKET=1,1,0\r'), '\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XCONNECT=0,"test.server.com",1234\r'), '\r\n#XCONNECT: 0,1\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XSEND=0,0,0,"OK\r\n"\r'), '\r\n#XSEND: 0,4\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XRECV=0,0,0,5\r'), '\r\n#XRECV: 0,0,4\r\nOK\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XCLOSE\r'), '\r\n#XCLOSE: 0,0\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XSOCKET?\r'), '\r\nOK\r\n');
    await session.close();
  });

  it('carries 64 KiB through data mode to a TCP peer whole (sha256)', async () => {
    const session = await EmulatorSession.open({ dataModeQuietMs: 10 });
    const { peers } = await session.emulator.ready();
    const sink = peers!.peer('sink');
    await session.send('AT#XSOCKET=1,1,0\r');
    assert.equal(await session.send('AT#XCONNECT=0,"test.server.com",1236\r'), '\r\n#XCONNECT: 0,1\r\n\r\nOK\r\n');
    const payload = randomBytes(65536);
    for (let i = 0; i < payload.length; i++) if (payload[i] === 0x2b) payload[i] = 0x2d; // no '+'
    assert.equal(await session.send('AT#XSEND=0,2,0\r'), '\r\nOK\r\n');
    for (let offset = 0; offset < payload.length; offset += 1500) await session.emulator.write(payload.subarray(offset, offset + 1500));
    assert.equal(await session.send('+++'), '\r\n#XDATAMODE: 0\r\n');
    const received = await sink.record.waitForBytes(payload.length, { timeoutMs: 5000 });
    assert.equal(sha256(received), sha256(payload));
    await session.close();
  });

  it('refuses an unmapped destination with ERROR', async () => {
    const session = await EmulatorSession.open();
    await session.send('AT#XSOCKET=1,1,0\r');
    assert.equal(await session.send('AT#XCONNECT=0,"203.0.113.9",80\r'), '\r\nERROR\r\n');
    await session.close();
  });
});
