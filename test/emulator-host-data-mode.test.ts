// AT host data mode (firmware-notes §6) and AT#XDATACTRL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { EmulatorSession, RecordingSink, fakeCommand, ok, sleep } from './emulator-host-session.ts';
import type { EmulatorOptions } from '../src/emulator/emulator.ts';
import type { Reply } from '../src/emulator/types.ts';

/** A session with a fake AT#XSEND=<h>,<mode>,<flags> that enters data mode in mode 2. */
async function dataModeSession(sink: RecordingSink, options: EmulatorOptions = {}, final: Reply['final'] = 'OK') {
  const send = fakeCommand('#XSEND', ({ args, ctx }) => {
    if (args.uint16(2) === 2) ctx.enterDataMode(sink);
    return { parts: [], final };
  });
  // #XPOKE keeps the context so a test can raise URCs later, as a network event would.
  const poke = fakeCommand('#XPOKE');
  const session = await EmulatorSession.open({ dataModeQuietMs: 15, ...options, extraCommands: [send, poke] });
  return Object.assign(session, { raiseUrc: (line: string) => poke.calls[0]!.ctx.urc(line) });
}

const EXIT = '\r\n#XDATAMODE: 0\r\n';

describe('AT host data mode', () => {
  it('enters after the OK; the terminator ends it with #XDATAMODE: 0', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink);
    assert.equal(await session.send('AT#XSEND=0,2,0\r'), '\r\nOK\r\n');
    assert.ok(session.emulator.inDataMode);
    assert.equal(await session.send('hello AT\r'), '');
    assert.equal(await session.send('+++'), EXIT);
    assert.equal(sink.payload.toString('latin1'), 'hello AT\r');
    assert.equal(sink.ended, 1);
    assert.ok(!session.emulator.inDataMode);
    assert.equal(await session.send('AT\r'), '\r\nOK\r\n');
    await session.close();
  });

  it('stays in command mode when the command answers ERROR', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, {}, 'ERROR');
    assert.equal(await session.send('AT#XSEND=0,2,0\rAT\r'), '\r\nERROR\r\n\r\nOK\r\n');
    assert.equal(sink.bursts.length, 0);
    await session.close();
  });

  it('sends each burst separated by the quiet time on its own', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink);
    await session.send('AT#XSEND=0,2,0\r');
    await session.send('first');
    await waitUntil(() => sink.bursts.length === 1);
    await session.send('second');
    await waitUntil(() => sink.bursts.length === 2);
    assert.deepEqual(sink.bursts.map((b) => [b.bytes.toString(), b.trigger]), [['first', 'quiet'], ['second', 'quiet']]);
    assert.equal(await session.send('+++'), EXIT);
    await session.close();
  });

  it('finds +++ in the middle of a buffer: the rest is the next command line', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, { dataModeQuietMs: 10_000 });
    await session.send('AT#XSEND=0,2,0\r');
    assert.equal(await session.send('a+++AT\r'), `${EXIT}\r\nOK\r\n`);
    assert.deepEqual(sink.bursts.map((b) => [b.bytes.toString(), b.trigger]), [['a', 'terminator']]);
    await session.close();
  });

  it('finds a terminator split across writes, and treats near-misses as data', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, { dataModeQuietMs: 10_000 });
    await session.send('AT#XSEND=0,2,0\r');
    await session.send('x++y+');
    await session.send('+');
    assert.equal(await session.send('+z'), EXIT);
    assert.equal(sink.payload.toString(), 'x++y');
    // The "z" after the terminator starts the next command line, as leading garbage.
    assert.equal(await session.send('AT\r'), '\r\nOK\r\n');
    await session.close();
  });

  it('counts a partial terminator as data when the quiet time elapses', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink);
    await session.send('AT#XSEND=0,2,0\r');
    await session.send('ab++');
    await waitUntil(() => sink.bursts.length === 1);
    assert.equal(sink.payload.toString(), 'ab++');
    // Quirk kept from the firmware: the timer acts only when the buffer holds data, so a
    // lone partial terminator stays pending and can still complete.
    await session.send('+');
    await sleep(40);
    assert.equal(sink.bursts.length, 1);
    assert.equal(await session.send('++'), EXIT);
    assert.equal(sink.payload.toString(), 'ab++');
    await session.close();
  });

  it('sends when the buffer fills', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, { dataModeBufferSize: 16, dataModeQuietMs: 10_000 });
    await session.send('AT#XSEND=0,2,0\r');
    await session.send('0123456789abcdef0123456789ABCDEFxyz');
    assert.deepEqual(sink.bursts.map((b) => [b.bytes.toString(), b.trigger]), [['0123456789abcdef', 'full'], ['0123456789ABCDEF', 'full']]);
    assert.equal(await session.send('+++'), EXIT);
    assert.equal(sink.bursts.at(-1)?.bytes.toString(), 'xyz');
    await session.close();
  });

  it('firmware profile: the LF of a CRLF after the entering command is the first payload byte', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, { dataModeQuietMs: 10_000 });
    assert.equal(await session.send('AT#XSEND=0,2,0\r\nhi+++'), `\r\nOK\r\n${EXIT}`);
    assert.equal(sink.payload.toString(), '\nhi');
    await session.close();
  });

  it('doc profile: that LF is dropped', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, { profile: 'doc', dataModeQuietMs: 10_000 });
    await session.send('AT#XSEND=0,2,0\r');
    assert.equal(await session.send('\nhi+++'), EXIT);
    assert.equal(sink.payload.toString(), 'hi');
    await session.close();
  });

  it('never echoes in data mode, and holds URCs until it ends', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, { dataModeQuietMs: 10_000 });
    await session.send('ATE1\r');
    assert.equal(await session.send('AT#XPOKE\r'), 'AT#XPOKE\r\r\nOK\r\n');
    assert.equal(await session.send('AT#XSEND=0,2,0\r'), 'AT#XSEND=0,2,0\r\r\nOK\r\n');
    // A URC raised while in data mode waits for the exit line.
    session.raiseUrc('#XAPOLL: 0,1');
    await sleep(5);
    assert.equal(await session.send('payload'), '');
    assert.equal(await session.send('+++'), `${EXIT}\r\n#XAPOLL: 0,1\r\n`);
    assert.equal(sink.payload.toString(), 'payload');
    await session.close();
  });

  it('drops input until the terminator after a failed send, then reports end()', async () => {
    const sink = new RecordingSink({ failSend: true, status: -122 });
    const session = await dataModeSession(sink, { dataModeBufferSize: 8, dataModeQuietMs: 10_000 });
    await session.send('AT#XSEND=0,2,0\r');
    assert.equal(await session.send('0123456789'), '');
    assert.equal(await session.send('more data+++AT\r'), '\r\n#XDATAMODE: -122\r\n\r\nOK\r\n');
    assert.equal(sink.ended, 1);
    await session.close();
  });

  it('carries 64 KiB through to the sink whole (sha256)', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, { dataModeQuietMs: 10_000 });
    const payload = randomBytes(65536);
    for (let i = 0; i < payload.length; i++) if (payload[i] === 0x2b) payload[i] = 0x2a; // no '+'
    await session.send('AT#XSEND=0,2,0\r');
    for (let offset = 0; offset < payload.length; ) {
      const size = 1 + ((offset * 7919) % 3000);
      await session.emulator.write(payload.subarray(offset, offset + size));
      offset += size;
    }
    assert.equal(await session.send('+++'), EXIT);
    const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    assert.equal(digest(sink.payload), digest(payload));
    await session.close();
  });
});

describe('AT#XDATACTRL', () => {
  it('reads 0 and the minimum until set or first entry; refuses 0 and below the minimum', async () => {
    const sink = new RecordingSink();
    const session = await dataModeSession(sink, { dataModeQuietMs: undefined });
    assert.equal(await session.send('AT#XDATACTRL?\r'), '\r\n#XDATACTRL: 0,32\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XDATACTRL=?\r'), '\r\n#XDATACTRL=<time_limit>\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XDATACTRL=0\r'), '\r\nERROR\r\n');
    assert.equal(await session.send('AT#XDATACTRL=31\r'), '\r\nERROR\r\n');
    assert.equal(await session.send('AT#XDATACTRL=70000\r'), '\r\nERROR\r\n');
    assert.equal(await session.send('AT#XDATACTRL\r'), '\r\nERROR\r\n');
    assert.equal(await session.send('AT#XDATACTRL=50\r'), '\r\nOK\r\n');
    assert.equal(await session.send('AT#XDATACTRL?\r'), '\r\n#XDATACTRL: 50,32\r\n\r\nOK\r\n');
    await session.close();
  });

  it('shows the computed default after the first data-mode entry', async () => {
    const session = await dataModeSession(new RecordingSink(), { dataModeQuietMs: undefined });
    await session.send('AT#XSEND=0,2,0\r');
    await session.send('+++');
    assert.equal(await session.send('AT#XDATACTRL?\r'), '\r\n#XDATACTRL: 32,32\r\n\r\nOK\r\n');
    await session.close();
  });

  it('computes the minimum from the line rate', async () => {
    const session = await dataModeSession(new RecordingSink(), { lineRateBaud: 9600 });
    await session.waitFor((text) => text === 'Ready\r\n');
    await session.emulator.write(Buffer.from('AT#XDATACTRL?\r'));
    assert.equal(await session.waitFor((text) => text.includes('OK')), '\r\n#XDATACTRL: 0,276\r\n\r\nOK\r\n');
    await session.close();
  });
});

async function waitUntil(condition: () => boolean, limitMs = 2000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never became true');
    await sleep(2);
  }
}
