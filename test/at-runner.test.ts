import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtRunner, type AtRunnerOptions, type WireDirection } from '../src/at/at-runner.ts';
import { AtLinkClosedError, AtNoFinalCodeError, AtTimeoutError } from '../src/at/at-errors.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { memoryLink, type ScriptedDevice } from './at-memory-link.ts';

const frame = (line: string): string => `\r\n${line}\r\n`;

function setUp(options: Partial<AtRunnerOptions> = {}): { runner: AtRunner; device: ScriptedDevice } {
  const { link, device } = memoryLink();
  const runner = new AtRunner(link, { payloadRule, clock: () => 7, timeoutMs: 1000, ...options });
  return { runner, device };
}

/** Answers each written command with the next scripted reply (after the write returns, as a real device would). */
function answerInTurn(device: ScriptedDevice, replies: readonly string[]): void {
  let next = 0;
  device.onWrite(() => {
    const reply = replies[next++];
    if (reply !== undefined) setImmediate(() => device.send(reply));
  });
}

test('send writes the command with CR and resolves with its structured response', async () => {
  const { runner, device } = setUp();
  answerInTurn(device, [frame('#XSOCKET: 0,1,6') + frame('OK')]);
  const response = await runner.send('AT#XSOCKET=1,1,0');
  assert.deepEqual(device.writes, [Buffer.from('AT#XSOCKET=1,1,0\r')]);
  assert.equal(response.command, 'AT#XSOCKET=1,1,0');
  assert.equal(response.echo, undefined);
  assert.deepEqual(response.lines, ['#XSOCKET: 0,1,6']);
  assert.equal(response.final.code, 'OK');
  assert.deepEqual(response.raw, Buffer.from(frame('#XSOCKET: 0,1,6') + frame('OK')));
  assert.equal(response.sentAtUs, 7);
  assert.equal(response.finishedAtUs, 7);
  assert.deepEqual(response.events.map((event) => event.kind), ['line', 'final']);
});

test('the CRLF terminator option is used for every command', async () => {
  const { runner, device } = setUp({ terminator: '\r\n' });
  answerInTurn(device, [frame('OK')]);
  await runner.send('AT');
  assert.deepEqual(device.writes, [Buffer.from('AT\r\n')]);
});

test('an echo and a counted payload containing CRLF OK CRLF belong to the response', async () => {
  const { runner, device } = setUp();
  const payload = Buffer.from('\r\nOK\r\n\x00\xff', 'latin1');
  answerInTurn(device, ['AT#XRECV=0,0,0,10\r' + frame(`#XRECV: 0,0,${payload.length}`) + payload.toString('latin1') + frame('OK')]);
  const response = await runner.send('AT#XRECV=0,0,0,10');
  assert.equal(response.echo, 'AT#XRECV=0,0,0,10');
  assert.deepEqual(response.lines, [`#XRECV: 0,0,${payload.length}`]);
  assert.equal(response.payloads.length, 1);
  assert.deepEqual(response.payloads[0]!.bytes, payload);
  assert.equal(response.final.code, 'OK');
});

test('a URC arriving between two commands is queued, never taken as a response', async () => {
  const { runner, device } = setUp();
  answerInTurn(device, [frame('#XCONNECT: 1,1') + frame('OK'), frame('#XSEND: 1,4') + frame('OK')]);
  const connect = await runner.send('AT#XCONNECT=1,"test.server.com",1234');
  device.send(frame('#XAPOLL: 1,4'));
  const send = await runner.send('AT#XSEND=1,0,0,"echo"');
  assert.deepEqual(connect.lines, ['#XCONNECT: 1,1']);
  assert.deepEqual(send.lines, ['#XSEND: 1,4']);
  assert.deepEqual(send.raw, Buffer.from(frame('#XSEND: 1,4') + frame('OK')));
  const urcs = runner.takeUrcs();
  assert.deepEqual(urcs.map((event) => event.kind === 'urc' && event.text), ['#XAPOLL: 1,4']);
  assert.deepEqual(runner.takeUrcs(), []);
});

test('a URC right after OK in the same chunk is queued, and the response\'s raw bytes end at OK', async () => {
  const { runner, device } = setUp();
  answerInTurn(device, [frame('#XCONNECT: 1,1') + frame('OK') + frame('#XAPOLL: 1,4')]);
  const response = await runner.send('AT#XCONNECT=1,"test.server.com",1234');
  assert.deepEqual(response.raw, Buffer.from(frame('#XCONNECT: 1,1') + frame('OK')));
  const urc = await runner.urc('#XAPOLL', { timeoutMs: 50 });
  assert.equal(urc.text, '#XAPOLL: 1,4');
  assert.deepEqual(runner.takeUrcs(), []);
});

test('urc() waits for a URC that has not arrived yet, and honours its predicate', async () => {
  const { runner, device } = setUp();
  const waiting = runner.urc('#XAPOLL', { timeoutMs: 1000, match: (urc) => urc.text.endsWith(',17') });
  device.send(frame('#XAPOLL: 1,4'));
  device.send(frame('#XDATAMODE: 0'));
  device.send(frame('#XAPOLL: 1,17'));
  assert.equal((await waiting).text, '#XAPOLL: 1,17');
  assert.deepEqual(runner.takeUrcs().map((event) => event.kind === 'urc' && event.text), ['#XAPOLL: 1,4', '#XDATAMODE: 0']);
  device.send('Ready\r\n');
  assert.equal((await runner.urc('Ready', { timeoutMs: 50 })).text, 'Ready');
  device.send(frame('#XSENDTO: 0,8'));
  await assert.rejects(runner.urc('#XSEND', { timeoutMs: 5 }), AtTimeoutError, '#XSEND does not match #XSENDTO');
});

test('a URC wait times out with the bytes received meanwhile', async () => {
  const { runner, device } = setUp();
  const waiting = runner.urc('#XAPOLL', { timeoutMs: 10 });
  device.send(frame('#XOTHER: 1'));
  await assert.rejects(waiting, (error: Error) => {
    assert.ok(error instanceof AtTimeoutError);
    assert.match(error.message, /#XAPOLL/);
    assert.match(error.message, /10 ms/);
    assert.ok(error.message.includes('"\\r\\n#XOTHER: 1\\r\\n"'), error.message);
    return true;
  });
});

test('commands are serialized: the second is written only after the first has its final code', async () => {
  const { runner, device } = setUp();
  const first = runner.send('AT#XSOCKET?');
  const second = runner.send('AT#XSSOCKET?');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(device.writes.length, 1);
  device.send(frame('#XSOCKET: 0,1,0,1,0'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(device.writes.length, 1);
  device.send(frame('OK'));
  assert.deepEqual((await first).lines, ['#XSOCKET: 0,1,0,1,0']);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(device.writes.map(String), ['AT#XSOCKET?\r', 'AT#XSSOCKET?\r']);
  device.send(frame('OK'));
  assert.deepEqual((await second).lines, []);
});

test('a timeout names the command, the deadline and every byte received, escaped', async () => {
  const { runner, device } = setUp();
  answerInTurn(device, ['\r\n#XRECV: 0,0,3\r\nA\x00']);
  await assert.rejects(runner.send('AT#XRECV=0,0,0,10', { timeoutMs: 20 }), (error: Error) => {
    assert.ok(error instanceof AtTimeoutError);
    assert.match(error.message, /^AT#XRECV=0,0,0,10: /);
    assert.match(error.message, /20 ms/);
    assert.ok(error.message.includes('"\\r\\n#XRECV: 0,0,3\\r\\nA\\x00"'), error.message);
    assert.deepEqual(error.received, Buffer.from('\r\n#XRECV: 0,0,3\r\nA\x00', 'latin1'));
    return true;
  });
});

test('the default deadline applies when send gives none; a timeout does not block later commands', async () => {
  const { runner, device } = setUp({ timeoutMs: 15 });
  answerInTurn(device, ['', frame('OK')]);
  await assert.rejects(runner.send('AT#XSOCKET?'), /15 ms/);
  // A late answer to the abandoned command is stray, not the next command's answer.
  device.send(frame('OK'));
  const response = await runner.send('AT');
  assert.equal(response.final.code, 'OK');
  assert.deepEqual(runner.takeUrcs().map((event) => event.kind), ['final']);
});

test('the link closing mid-command rejects it clearly; later sends are refused', async () => {
  const { runner, device } = setUp();
  answerInTurn(device, [frame('#XSOCKET: 0,1,6')]);
  const pending = runner.send('AT#XSOCKET=1,1,0');
  const urcWait = runner.urc('#XAPOLL', { timeoutMs: 1000 });
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  device.close(new Error('port unplugged'));
  await assert.rejects(pending, (error: Error) => error instanceof AtLinkClosedError
    && error.message.includes('AT#XSOCKET=1,1,0') && error.message.includes('port unplugged') && error.message.includes('#XSOCKET: 0,1,6'));
  await assert.rejects(urcWait, AtLinkClosedError);
  await assert.rejects(runner.send('AT'), AtLinkClosedError);
  await assert.rejects(runner.urc('Ready', { timeoutMs: 10 }), AtLinkClosedError);
});

test('a command line with CR or LF is refused before anything is written', async () => {
  const { runner, device } = setUp();
  await assert.rejects(runner.send('AT\rAT'), /CR or LF/);
  assert.equal(device.writes.length, 0);
});

test('writeRaw sends data-mode bytes as they are; the #XDATAMODE exit line is a URC', async () => {
  const { runner, device } = setUp();
  answerInTurn(device, [frame('OK')]);
  await runner.send('AT#XSEND=1,2,512');
  await runner.writeRaw(Buffer.from('Test datamode with flags'));
  await runner.writeRaw(Buffer.from('+++'));
  device.send(frame('#XDATAMODE: 0'));
  assert.deepEqual(device.writes.map(String), ['AT#XSEND=1,2,512\r', 'Test datamode with flags', '+++']);
  assert.equal((await runner.urc('#XDATAMODE', { timeoutMs: 50 })).text, '#XDATAMODE: 0');
});

test('the wire tap sees every byte both ways with direction and time', async () => {
  const { runner, device } = setUp();
  const seen: [WireDirection, string, number][] = [];
  const remove = runner.onWire((direction, bytes, atUs) => seen.push([direction, bytes.toString('latin1'), atUs]));
  answerInTurn(device, [frame('OK') + frame('#XAPOLL: 0,4')]);
  await runner.send('AT');
  await runner.writeRaw(Buffer.from([0]));
  remove();
  device.send(frame('Ready'));
  assert.deepEqual(seen, [
    ['tx', 'AT\r', 7],
    ['rx', '\r\nOK\r\n\r\n#XAPOLL: 0,4\r\n', 7],
    ['tx', '\x00', 7],
  ]);
});

test('the unsolicited queue keeps the newest events when nobody takes them', () => {
  const { runner, device } = setUp({ maxQueuedEvents: 3 });
  for (let index = 0; index < 5; index++) device.send(frame(`#XAPOLL: ${index},4`));
  assert.equal(runner.droppedUnsolicited, 2);
  assert.deepEqual(runner.takeUrcs().map((event) => event.kind === 'urc' && event.text), ['#XAPOLL: 2,4', '#XAPOLL: 3,4', '#XAPOLL: 4,4']);
});

test('a failing write rejects the command with the link\'s reason', async () => {
  const { link } = memoryLink();
  const failing = { ...link, write: async () => { throw new Error('EIO'); } };
  const runner = new AtRunner(failing, { payloadRule, timeoutMs: 1000 });
  await assert.rejects(runner.send('AT'), /AT: writing the command failed: EIO/);
});

test('a URC arriving inside a response goes to the queue, not into the response', async () => {
  const { runner, device } = setUp();
  answerInTurn(device, [frame('#XSOCKET: 0,1,6') + frame('#XAPOLL: 1,4') + frame('OK')]);
  const response = await runner.send('AT#XSOCKET=1,1,0');
  assert.deepEqual(response.events.map((event) => event.kind), ['line', 'final']);
  assert.equal((await runner.urc('#XAPOLL', { timeoutMs: 10 })).text, '#XAPOLL: 1,4');
});

test('a deadline that is not a positive number is refused clearly', async () => {
  const { runner, device } = setUp();
  await assert.rejects(runner.send('AT', { timeoutMs: Number.NaN }), /AT: timeoutMs must be a positive number/);
  await assert.rejects(runner.urc('#XAPOLL', { timeoutMs: -1 }), /timeoutMs must be a positive number/);
  assert.throws(() => setUp({ timeoutMs: 0 }), RangeError);
  assert.equal(device.writes.length, 0);
});

test('a command that once left out its final code gets a short quiet wait after its lines, not a second deadline', async () => {
  const { link, device } = memoryLink();
  const runner = new AtRunner(link, { payloadRule, timeoutMs: 60, missingFinalGraceMs: 10 });
  device.onWrite((bytes) => {
    const command = bytes.toString().trim();
    if (command.startsWith('AT#XCLOSE')) device.send('\r\n#XCLOSE: 0,0\r\n');
    else device.send('\r\nOK\r\n');
  });
  await assert.rejects(runner.send('AT#XCLOSE=0'), AtTimeoutError, 'the first time, the whole deadline');
  const wire: string[] = [];
  runner.onWire((direction, bytes) => wire.push(`${direction} ${bytes.toString().trim()}`));
  await assert.rejects(runner.send('AT#XCLOSE=0'), (error: unknown) => error instanceof AtNoFinalCodeError && /quiet for 10 ms/.test(error.message));
  assert.deepEqual(wire, ['tx AT#XCLOSE=0', 'rx #XCLOSE: 0,0']);
  // other commands keep their final code, and the runner goes on
  assert.equal((await runner.send('AT')).final.code, 'OK');
});

test('without missingFinalGraceMs every answer waits for its final code or its deadline', async () => {
  const { link, device } = memoryLink();
  const runner = new AtRunner(link, { payloadRule, timeoutMs: 40 });
  device.onWrite(() => device.send('\r\n#XCLOSE: 0,0\r\n'));
  await assert.rejects(runner.send('AT#XCLOSE=0'), AtTimeoutError);
  await assert.rejects(runner.send('AT#XCLOSE=0'), AtTimeoutError);
});
