// The receive queue behind #XRECV/#XRECVFROM: stream and datagram semantics, recv flags
// (MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL), end of stream, errors, close, and back-pressure.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MSG_DONTWAIT, MSG_PEEK, MSG_WAITALL, ReceiveQueue, STREAM_HIGH_WATER } from '../src/emulator/sockets/receive-queue.ts';
import { SocketError } from '../src/emulator/sockets/socket-error.ts';

const FROM = { host: '127.0.0.1' as const, port: 9 };

async function text(queue: ReceiveQueue, max: number, flags = 0, timeoutMs = 0): Promise<string> {
  const outcome = await queue.receive(max, flags, timeoutMs);
  return outcome.kind === 'data' ? outcome.received.bytes.toString() : '<nothing>';
}

describe('stream queue', () => {
  it('joins chunks, cuts at max, keeps the rest; peek spans chunks without consuming', async () => {
    const queue = new ReceiveQueue('stream', () => undefined);
    queue.push(Buffer.from('abc'), FROM);
    queue.push(Buffer.from('defg'), FROM);
    assert.equal(await text(queue, 5, MSG_PEEK), 'abcde');
    assert.equal(await text(queue, 2), 'ab');
    assert.equal(await text(queue, 4), 'cdef');
    assert.equal(await text(queue, 10), 'g');
  });

  it('MSG_WAITALL waits for the full count, or returns what came when the timeout ends', async () => {
    const queue = new ReceiveQueue('stream', () => undefined);
    queue.push(Buffer.from('ab'), FROM);
    const whole = queue.receive(4, MSG_WAITALL, 0);
    queue.push(Buffer.from('cd'), FROM);
    const outcome = await whole;
    assert.equal(outcome.kind === 'data' && outcome.received.bytes.toString(), 'abcd');
    queue.push(Buffer.from('e'), FROM);
    assert.equal(await text(queue, 4, MSG_WAITALL, 50), 'e');
  });

  it('MSG_DONTWAIT and timeouts give EAGAIN when nothing is there', async () => {
    const queue = new ReceiveQueue('stream', () => undefined);
    await assert.rejects(queue.receive(4, MSG_DONTWAIT, 0), (error: SocketError) => error.errno === 'EAGAIN');
    await assert.rejects(queue.receive(4, 0, 30), (error: SocketError) => error.errno === 'EAGAIN');
  });

  it('end of stream: queued data first, then nothing; an error after the data', async () => {
    const queue = new ReceiveQueue('stream', () => undefined);
    queue.push(Buffer.from('x'), FROM);
    queue.end();
    assert.equal(await text(queue, 4), 'x');
    assert.equal(await text(queue, 4), '<nothing>');
    const failing = new ReceiveQueue('stream', () => undefined);
    failing.push(Buffer.from('y'), FROM);
    failing.fail(new SocketError('ECONNRESET'));
    assert.equal(await text(failing, 4), 'y');
    await assert.rejects(failing.receive(4, 0, 0), (error: SocketError) => error.errno === 'ECONNRESET');
  });

  it('close wakes a blocked reader with an error', async () => {
    const queue = new ReceiveQueue('stream', () => undefined);
    const blocked = queue.receive(4, 0, 0);
    queue.cancel();
    await assert.rejects(blocked, (error: SocketError) => error.errno === 'EBADF');
  });

  it('pauses its source above the high-water mark and resumes when read', async () => {
    const flow: string[] = [];
    const queue = new ReceiveQueue('stream', () => undefined, { pause: () => flow.push('pause'), resume: () => flow.push('resume') });
    queue.push(Buffer.alloc(STREAM_HIGH_WATER + 1), FROM);
    assert.deepEqual(flow, ['pause']);
    await queue.receive(2048, 0, 0);
    assert.deepEqual(flow, ['pause', 'resume']);
  });
});

describe('datagram queue', () => {
  it('keeps boundaries, cuts a long datagram and drops its rest, passes empty datagrams', async () => {
    const queue = new ReceiveQueue('datagram', () => undefined);
    queue.push(Buffer.from('first'), FROM);
    queue.push(Buffer.alloc(0), FROM);
    queue.push(Buffer.from('third'), FROM);
    assert.equal(await text(queue, 3, MSG_PEEK), 'fir');
    assert.equal(await text(queue, 3), 'fir');
    assert.equal(await text(queue, 10), '');
    const outcome = await queue.receive(10, 0, 0);
    assert.deepEqual(outcome.kind === 'data' && outcome.received, { bytes: Buffer.from('third'), from: FROM });
  });

  it('tells its listener when readability changes', async () => {
    let changes = 0;
    const queue = new ReceiveQueue('datagram', () => { changes += 1; });
    queue.push(Buffer.from('a'), FROM);
    await queue.receive(10, 0, 0);
    assert.equal(changes, 2);
  });
});
