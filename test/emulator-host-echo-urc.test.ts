// AT host: echo (firmware-notes §1.5), URC queueing and one-at-a-time commands (§1.7).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatorSession, fakeCommand, ok, sleep } from './emulator-host-session.ts';

describe('AT host echo', () => {
  it('is off by default; ATE1 turns it on, ATE0 off; bytes come back as received', async () => {
    const session = await EmulatorSession.open();
    assert.equal(session.emulator.echo, false);
    assert.equal(await session.send('ATE1\r'), '\r\nOK\r\n');
    assert.equal(await session.send('AT\r'), 'AT\r\r\nOK\r\n');
    assert.equal(await session.send('AX\x08T\r\n'), 'AX\x08T\r\r\nOK\r\n\n');
    assert.equal(await session.send('A'), 'A');
    assert.equal(await session.send('T\r'), 'T\r\r\nOK\r\n');
    assert.equal(await session.send('ATE0\r'), 'ATE0\r\r\nOK\r\n');
    assert.equal(await session.send('AT\r'), '\r\nOK\r\n');
    await session.close();
  });
});

describe('AT host URCs', () => {
  it('sends a URC right away while idle', async () => {
    // A URC from outside any command (like a network event) goes out at once.
    const emitter = fakeCommand('#XARM', ({ ctx }) => {
      setTimeout(() => ctx.urc('#XAPOLL: 0,1'), 5);
      return ok();
    });
    const session = await EmulatorSession.open({ extraCommands: [emitter] });
    assert.equal(await session.send('AT#XARM\r'), '\r\nOK\r\n');
    assert.equal(await session.waitFor((text) => text.length > 0), '\r\n#XAPOLL: 0,1\r\n');
    await session.close();
  });

  it('never puts a URC inside a response: it waits for the final code', async () => {
    const slow = fakeCommand('#XSLOW', async ({ ctx }) => {
      ctx.urc('#XAPOLL: 0,1');
      await sleep(20);
      ctx.urc('#XAPOLL: 1,4');
      return ok([{ line: '#XSLOW: 1' }, { raw: Buffer.from('data') }]);
    });
    const session = await EmulatorSession.open({ extraCommands: [slow] });
    assert.equal(await session.send('AT#XSLOW\r'), '\r\n#XSLOW: 1\r\ndata\r\nOK\r\n\r\n#XAPOLL: 0,1\r\n\r\n#XAPOLL: 1,4\r\n');
    await session.close();
  });

  it('runs commands one at a time, buffering input while one blocks', async () => {
    let release: () => void = () => undefined;
    const blocking = fakeCommand('#XBLOCK', () => new Promise((resolve) => {
      release = () => resolve(ok([{ line: '#XBLOCK: done' }]));
    }));
    const session = await EmulatorSession.open({ extraCommands: [blocking] });
    await session.emulator.write(Buffer.from('AT#XBLOCK\rAT+CGMM\r'));
    await sleep(10);
    assert.equal(session.take(), '');
    release();
    assert.equal(await session.waitFor((text) => text.endsWith('OK\r\n\r\nnRF9151 SM emulator\r\n\r\nOK\r\n')), '\r\n#XBLOCK: done\r\n\r\nOK\r\n\r\nnRF9151 SM emulator\r\n\r\nOK\r\n');
    await session.close();
  });

  it('drops URCs that do not fit the 4096-byte URC buffer', async () => {
    const flood = fakeCommand('#XFLOOD', ({ ctx }) => {
      for (let i = 0; i < 100; i++) ctx.urc(`#XAPOLL: ${String(i).padStart(3, '0')},${'1'.repeat(47)}`); // 64 bytes each with framing
      return ok();
    });
    const session = await EmulatorSession.open({ extraCommands: [flood] });
    const output = await session.send('AT#XFLOOD\r');
    assert.equal(output.match(/#XAPOLL/g)?.length, 64);
    assert.equal(session.emulator.droppedUrcs, 36);
    await session.close();
  });
});

describe('AT host URCs while a command is being typed with echo on', () => {
  async function typingSession(holdMs: number) {
    const arm = fakeCommand('#XARM');
    const session = await EmulatorSession.open({ urcHoldAfterPartialEchoMs: holdMs, extraCommands: [arm] });
    await session.send('AT#XARM\r');
    await session.send('ATE1\r');
    return { session, raiseUrc: (line: string) => arm.calls[0]!.ctx.urc(line) };
  }

  it('holds URCs until the line is finished', async () => {
    const { session, raiseUrc } = await typingSession(60_000);
    assert.equal(await session.send('AT+CG'), 'AT+CG');
    raiseUrc('#XAPOLL: 0,1');
    await sleep(10);
    assert.equal(await session.send(''), '');
    assert.equal(await session.send('MM\r'), 'MM\r\r\nnRF9151 SM emulator\r\n\r\nOK\r\n\r\n#XAPOLL: 0,1\r\n');
    await session.close();
  });

  it('sends them once the hold time has passed with the line still unfinished', async () => {
    const { session, raiseUrc } = await typingSession(15);
    assert.equal(await session.send('AT'), 'AT');
    raiseUrc('#XAPOLL: 0,1');
    assert.equal(await session.waitFor((text) => text.length > 0), '\r\n#XAPOLL: 0,1\r\n');
    await session.close();
  });

  it('does not hold URCs with echo off', async () => {
    const arm = fakeCommand('#XARM');
    const session = await EmulatorSession.open({ urcHoldAfterPartialEchoMs: 60_000, extraCommands: [arm] });
    await session.send('AT#XARM\r');
    assert.equal(await session.send('AT+CG'), '');
    arm.calls[0]!.ctx.urc('#XAPOLL: 0,1');
    assert.equal(await session.waitFor((text) => text.length > 0), '\r\n#XAPOLL: 0,1\r\n');
    await session.close();
  });
});
