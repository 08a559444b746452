// Output-level fault profiles and the identity commands.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatorSession, fakeCommand, ok, sleep } from './emulator-host-session.ts';
import type { EmulatorOptions } from '../src/emulator/emulator.ts';
import { EMULATOR_VERSION } from '../src/emulator/identity.ts';

/** Fakes that produce each kind of output: info line, hex and binary payloads, a URC. */
function faultSession(options: EmulatorOptions) {
  const socket = fakeCommand('#XSOCKET', () => ok([{ line: '#XSOCKET: 0,1,6' }]));
  const recv = fakeCommand('#XRECV', ({ args }) => {
    const mode = args.uint16(2);
    const bytes = Buffer.from([0xab, 0xcd, 0x0f]);
    return ok([{ line: `#XRECV: 0,${mode},3` }, { raw: mode === 1 ? Buffer.from(bytes.toString('hex').toUpperCase()) : bytes }]);
  });
  const poll = fakeCommand('#XPOLLNOW', ({ ctx }) => {
    ctx.urc('#XAPOLL: 0,1');
    ctx.urc('#XOTHER: 1');
    return ok();
  });
  return EmulatorSession.open({ lateResponseMs: 30, ...options, extraCommands: [socket, recv, poll] }, { keepReady: true });
}

describe('fault profiles', () => {
  it('without a fault, the output is faithful (the baseline the faults change)', async () => {
    const session = await faultSession({});
    assert.equal(session.take(), 'Ready\r\n');
    assert.equal(await session.send('AT#XSOCKET=1,1,0\r'), '\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XRECV=0,1,0,0\r'), '\r\n#XRECV: 0,1,3\r\nABCD0F\r\nOK\r\n');
    assert.equal(await session.send('AT#XPOLLNOW\r'), '\r\nOK\r\n\r\n#XAPOLL: 0,1\r\n\r\n#XOTHER: 1\r\n');
    await session.close();
  });

  it('missing-ok: OK is never sent, ERROR still is', async () => {
    const session = await faultSession({ fault: 'missing-ok' });
    session.take();
    assert.equal(await session.send('AT#XSOCKET=1,1,0\r'), '\r\n#XSOCKET: 0,1,6\r\n');
    assert.equal(await session.send('ATI\r'), '\r\nERROR\r\n');
    await session.close();
  });

  it('space-after-colon: two spaces after the colon', async () => {
    const session = await faultSession({ fault: 'space-after-colon' });
    session.take();
    assert.equal(await session.send('AT#XSOCKET=1,1,0\r'), '\r\n#XSOCKET:  0,1,6\r\n\r\nOK\r\n');
    await session.close();
  });

  it('lf-only: LF instead of CR LF in all framing', async () => {
    const session = await faultSession({ fault: 'lf-only' });
    assert.equal(session.take(), 'Ready\n');
    assert.equal(await session.send('AT#XSOCKET=1,1,0\r'), '\n#XSOCKET: 0,1,6\n\nOK\n');
    await session.close();
  });

  it('drop-apoll: #XAPOLL URCs vanish, others stay', async () => {
    const session = await faultSession({ fault: 'drop-apoll' });
    session.take();
    assert.equal(await session.send('AT#XPOLLNOW\r'), '\r\nOK\r\n\r\n#XOTHER: 1\r\n');
    await session.close();
  });

  it('lowercase-hex: hex payloads in lowercase, binary payloads untouched', async () => {
    const session = await faultSession({ fault: 'lowercase-hex' });
    session.take();
    assert.equal(await session.send('AT#XRECV=0,1,0,0\r'), '\r\n#XRECV: 0,1,3\r\nabcd0f\r\nOK\r\n');
    assert.equal(await session.send('AT#XRECV=0,0,0,0\r'), '\r\n#XRECV: 0,0,3\r\n\xab\xcd\x0f\r\nOK\r\n');
    await session.close();
  });

  it('lose-payload-byte: the payload is one byte short of its header', async () => {
    const session = await faultSession({ fault: 'lose-payload-byte' });
    session.take();
    assert.equal(await session.send('AT#XRECV=0,0,0,0\r'), '\r\n#XRECV: 0,0,3\r\n\xab\xcd\r\nOK\r\n');
    await session.close();
  });

  it('reboot-mid-run: right after the chosen final code, once, the device restarts unasked (echo off, sockets gone, modem offline)', async () => {
    const session = await EmulatorSession.open({ fault: 'reboot-mid-run', rebootAfterFinalCode: 3 });
    assert.equal(await session.send('ATE1\r'), '\r\nOK\r\n');
    assert.equal(await session.send('AT+CFUN?\r'), 'AT+CFUN?\r\r\n+CFUN: 1\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XSOCKET=1,1,0\r'), 'AT#XSOCKET=1,1,0\r\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\nReady\r\n');
    assert.equal(await session.send('AT+CFUN?\r'), '\r\n+CFUN: 0\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XSOCKET?\r'), '\r\nOK\r\n');
    for (let command = 0; command < 5; command += 1) assert.equal(await session.send('AT\r'), '\r\nOK\r\n', 'it restarts once');
    await session.close();
  });

  it('late-response: the final code comes late (configurable delay)', async () => {
    const session = await faultSession({ fault: 'late-response', lateResponseMs: 60 });
    session.take();
    await session.emulator.write(Buffer.from('AT#XSOCKET=1,1,0\r'));
    await sleep(20);
    assert.equal(session.take(), '\r\n#XSOCKET: 0,1,6\r\n');
    assert.equal(await session.waitFor((text) => text.length > 0), '\r\nOK\r\n');
    await session.close();
  });

  it('silence: Ready, then nothing at all', async () => {
    const session = await faultSession({ fault: 'silence' });
    assert.equal(session.take(), 'Ready\r\n');
    assert.equal(await session.send('ATE1\rAT\rAT#XPOLLNOW\r'), '');
    await session.close();
  });
});

describe('identity', () => {
  it('names the emulator, its version and its profile', async () => {
    for (const profile of ['firmware', 'doc'] as const) {
      const session = await EmulatorSession.open({ profile });
      assert.equal(await session.send('AT+CGMI\r'), '\r\nNordic Semiconductor ASA (sm-conformance emulator)\r\n\r\nOK\r\n');
      assert.equal(await session.send('AT+CGMM\r'), '\r\nnRF9151 SM emulator\r\n\r\nOK\r\n');
      assert.equal(await session.send('AT+CGMR\r'), `\r\nsm-conformance-emulator ${EMULATOR_VERSION} profile ${profile}\r\n\r\nOK\r\n`);
      assert.equal(await session.send('AT+CGMR=?\r'), '\r\nOK\r\n');
      assert.equal(await session.send('AT+CGMR?\r'), '\r\nERROR\r\n');
      assert.equal(session.emulator.profile.maxSockets, profile === 'firmware' ? 7 : 8);
      await session.close();
    }
  });
});
