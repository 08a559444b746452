// AT host: output framing, line assembly and dispatch (firmware-notes §1).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatorSession, fakeCommand, ok } from './emulator-host-session.ts';
import { LineAssembler } from '../src/emulator/host/line-assembler.ts';
import { AtHost } from '../src/emulator/host/at-host.ts';
import { FramedOutput } from '../src/emulator/host/output.ts';
import { DataModeTiming } from '../src/emulator/host/data-mode-timing.ts';
import { createProfile } from '../src/emulator/profile.ts';

function echoCommand() {
  // #XECHO=<string> answers its first parameter as a line: shows what the host handed over.
  return fakeCommand('#XECHO', ({ args }) => ok([{ line: `#XECHO: ${args.string(1)}` }]));
}

describe('AT host framing', () => {
  it('sends Ready with no leading CRLF at start', async () => {
    const session = await EmulatorSession.open({}, { keepReady: true });
    assert.equal(session.take(), 'Ready\r\n');
    await session.close();
  });

  it('frames OK, ERROR, information lines and raw payloads byte-exact', async () => {
    const recv = fakeCommand('#XRECV', () => ok([{ line: '#XRECV: 0,0,6' }, { raw: Buffer.from('OK\r\n\0x', 'latin1') }]));
    const close = fakeCommand('#XCLOSE', () => ok([{ line: '#XCLOSE: 0,0' }, { line: '#XCLOSE: 1,0' }]));
    const session = await EmulatorSession.open({ extraCommands: [recv, close] });
    assert.equal(await session.send('AT\r'), '\r\nOK\r\n');
    assert.equal(await session.send('AT+CGMM\r'), '\r\nnRF9151 SM emulator\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XCLOSE\r'), '\r\n#XCLOSE: 0,0\r\n\r\n#XCLOSE: 1,0\r\n\r\nOK\r\n');
    assert.equal(await session.send('AT#XRECV=0,0,0,1\r'), '\r\n#XRECV: 0,0,6\r\nOK\r\n\0x\r\nOK\r\n');
    assert.equal(await session.send('AT#XNOSUCH\r'), '\r\nERROR\r\n');
    await session.close();
  });

  it('ignores an empty line and answers an unknown command ERROR', async () => {
    const session = await EmulatorSession.open();
    assert.equal(await session.send('\r'), '');
    assert.equal(await session.send('AT+CXYZ=1\r'), '\r\nERROR\r\n');
    await session.close();
  });

  it('accepts CRLF-terminated lines: the LF is leading garbage of the next line', async () => {
    const session = await EmulatorSession.open();
    assert.equal(await session.send('AT\r\nAT\r\nAT\r\n'), '\r\nOK\r\n\r\nOK\r\n\r\nOK\r\n');
    await session.close();
  });

  it('waits for CR in the default build: an LF alone is an ordinary character', async () => {
    const session = await EmulatorSession.open();
    assert.equal(await session.send('AT\n'), '');
    // The line is "AT\n", which fails the grammar check, as on the firmware.
    assert.equal(await session.send('\r'), '\r\nERROR\r\n');
    await session.close();
  });

  it('ends lines at LF in an LF build and at CR LF in a CRLF build', async () => {
    const lf = await EmulatorSession.open({ termination: 'lf' });
    assert.equal(await lf.send('AT\n'), '\r\nOK\r\n');
    assert.equal(await lf.send('AT\r'), '');
    assert.equal(await lf.send('\n'), '\r\nERROR\r\n'); // the CR was part of the line
    await lf.close();
    const crlf = await EmulatorSession.open({ termination: 'crlf' });
    assert.equal(await crlf.send('AT\r'), '');
    assert.equal(await crlf.send('\n'), '\r\nOK\r\n');
    assert.equal(await crlf.send('AT\n'), '');
    await crlf.close();
  });

  it('discards text before the first AT pair', async () => {
    const session = await EmulatorSession.open();
    assert.equal(await session.send('\x00\xffnoise AT\r'), '\r\nOK\r\n');
    assert.equal(await session.send('xyzat+cgmm\r'), '\r\nnRF9151 SM emulator\r\n\r\nOK\r\n');
    assert.equal(await session.send('no command here\r'), '\r\nERROR\r\n');
    await session.close();
  });

  it('lets quotes protect CR and LF inside a parameter', async () => {
    const session = await EmulatorSession.open({ extraCommands: [echoCommand()] });
    assert.equal(await session.send('AT#XECHO="a\rb\nc"\r'), '\r\n#XECHO: a\rb\nc\r\n\r\nOK\r\n');
    await session.close();
  });

  it('handles backspace and DEL, keeping the quote state right', async () => {
    const echo = echoCommand();
    const session = await EmulatorSession.open({ extraCommands: [echo] });
    assert.equal(await session.send('\x08\x7fAX\x08T\r'), '\r\nOK\r\n');
    // The deleted quote no longer protects the CR, so the line ends there.
    assert.equal(await session.send('AT#XECHO=abc"\x7f\r'), '\r\n#XECHO: abc\r\n\r\nOK\r\n');
    await session.close();
  });

  it('answers ERROR to a line over 4096 characters, read to its terminator', async () => {
    const echo = fakeCommand('#XECHO', ({ args }) => ok([{ line: `#XECHO: ${args.string(1).length}` }]));
    const session = await EmulatorSession.open({ extraCommands: [echo] });
    const fits = `AT#XECHO="${'x'.repeat(4096 - 11)}"`;
    assert.equal(fits.length, 4096);
    assert.equal(await session.send(`${fits}\r`), '\r\n#XECHO: 4085\r\n\r\nOK\r\n');
    assert.equal(await session.send(`${fits}y\r`), '\r\nERROR\r\n');
    assert.equal(await session.send(`AT#XECHO="${'y'.repeat(200_000)}"\rAT\r`), '\r\nERROR\r\n\r\nOK\r\n');
    assert.equal(echo.calls.length, 1);
    await session.close();
  });

  it('cuts an information line at the 2100-byte response buffer, as rsp_send does', async () => {
    const session = await EmulatorSession.open({ extraCommands: [echoCommand()] });
    const output = await session.send(`AT#XECHO="${'x'.repeat(3000)}"\r`);
    assert.equal(output, `\r\n#XECHO: ${'x'.repeat(2099 - 10)}\r\nOK\r\n`);
    await session.close();
  });

  it('keeps memory bounded while reading an over-long line', () => {
    const assembler = new LineAssembler('cr', 4096);
    const chunk = Buffer.alloc(1 << 20, 0x41);
    for (let i = 0; i < 8; i++) assert.equal(assembler.push(chunk).line, undefined);
    const { line } = assembler.push(Buffer.from('\r'));
    assert.ok(line?.overflowed);
    assert.equal(line.bytes.length, 4096);
  });

  it('rejects what the grammar check rejects, without dispatching', async () => {
    const echo = echoCommand();
    const session = await EmulatorSession.open({ extraCommands: [echo] });
    for (const line of ['ATI', 'AT&F', 'ATE', 'ATE2', 'AT#', 'AT#XECHO =1', 'AT#XECHO=1;AT', 'AT#XECHO?x', 'AT#XECHO=?x', 'AT #XECHO', 'AT#XECHO;']) {
      assert.equal(await session.send(`${line}\r`), '\r\nERROR\r\n', line);
    }
    assert.equal(echo.calls.length, 0);
    await session.close();
  });

  it('passes the forms set, read and test, with at_parser counts', async () => {
    const echo = fakeCommand('#XFORM', ({ form, args }) => ok([{ line: `${form} ${args.count}` }]));
    const session = await EmulatorSession.open({ extraCommands: [echo] });
    const lineOf = async (command: string) => /\r\n(.*)\r\n\r\nOK/.exec(await session.send(`${command}\r`))?.[1];
    assert.equal(await lineOf('AT#XFORM'), 'set 1');
    assert.equal(await lineOf('AT#XFORM='), 'set 1');
    assert.equal(await lineOf('AT#XFORM=1,1,0'), 'set 4');
    assert.equal(await lineOf('AT#XFORM?'), 'read 1');
    assert.equal(await lineOf('AT#XFORM=?'), 'test 1');
    await session.close();
  });

  it('matches SM command names case-sensitively and modem commands in any case', async () => {
    const echo = echoCommand();
    const session = await EmulatorSession.open({ extraCommands: [echo] });
    assert.equal(await session.send('at#xecho="a"\r'), '\r\nERROR\r\n');
    assert.equal(await session.send('aT#XECHO="a"\r'), '\r\n#XECHO: a\r\n\r\nOK\r\n');
    assert.equal(await session.send('at\r'), '\r\nOK\r\n');
    assert.equal(await session.send('at+cgmm\r'), '\r\nnRF9151 SM emulator\r\n\r\nOK\r\n');
    await session.close();
  });

  it('sends each name to its own command: #XSEND vs #XSENDTO, #XSOCKET vs #XSOCKETOPT', async () => {
    const names = ['#XSEND', '#XSENDTO', '#XSOCKET', '#XSOCKETOPT'];
    const commands = names.map((name) => fakeCommand(name, () => ok([{ line: name }])));
    const session = await EmulatorSession.open({ extraCommands: commands });
    for (const name of names) assert.equal(await session.send(`AT${name}=1\r`), `\r\n${name}\r\n\r\nOK\r\n`);
    assert.equal(await session.send('AT#XSENDT=1\r'), '\r\nERROR\r\n');
    await session.close();
  });

  it('answers ERROR, without a handler call, when at_parser cannot tokenise the line', async () => {
    const echo = echoCommand();
    const session = await EmulatorSession.open({ extraCommands: [echo] });
    assert.equal(await session.send('AT#XECHO=1 ,2\r'), '\r\nERROR\r\n');
    assert.equal(await session.send('AT#XECHO=01\r'), '\r\nERROR\r\n');
    assert.equal(echo.calls.length, 0);
    await session.close();
  });

  it('answers ERROR when a command throws, and keeps serving', async () => {
    const broken = fakeCommand('#XBROKEN', () => {
      throw new TypeError('bug');
    });
    const session = await EmulatorSession.open({ extraCommands: [broken] });
    assert.equal(await session.send('AT#XBROKEN\rAT\r'), '\r\nERROR\r\n\r\nOK\r\n');
    await session.close();
  });
});

describe('AT host start-up', () => {
  it('sends INIT ERROR instead of Ready when start-up fails, and still answers', async () => {
    const written: Buffer[] = [];
    const host = new AtHost({
      profile: createProfile(),
      commands: [fakeCommand('AT')],
      output: new FramedOutput((bytes) => written.push(bytes)),
      timing: new DataModeTiming(),
    });
    host.start(async () => {
      throw new Error('no network');
    });
    host.receive(Buffer.from('AT\r'));
    await host.idle();
    assert.equal(Buffer.concat(written).toString(), 'INIT ERROR\r\n\r\nOK\r\n');
  });

  it('wires the network side: AT%CMNG lists the spec example sec_tag', async () => {
    const session = await EmulatorSession.open();
    const network = await session.emulator.ready();
    assert.ok(network.peers, 'the default network starts its peers');
    assert.match(await session.send('AT%CMNG=1\r'), /^\r\n%CMNG: 16842753,0,"[0-9A-F]+"\r\n(\r\n.*\r\n)*\r\nOK\r\n$/);
    await session.close();
  });
});
