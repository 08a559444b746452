// The emulator keeps bounded memory as a modem does (issue 10 item 8), measured as the bytes
// it reports holding, never as time: a UDP flood to a bound socket fills its receive queue up
// to DATAGRAM_QUEUE_LIMIT and the rest is dropped and counted (it once queued 191 MB); a host
// that writes commands and never reads gets at most OUTPUT_BOUND (plus what the input already
// taken produces) queued for it, and then the emulator stops taking input, until the host's
// own writes can go no further (32 MB unread once cost 140 MB).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createEmulator } from '../src/emulator/emulator.ts';
import { DATAGRAM_QUEUE_LIMIT } from '../src/emulator/sockets/receive-queue.ts';
import { INPUT_BOUND, OUTPUT_BOUND } from '../src/emulator/serve/host-flow.ts';
import { servePty } from '../src/emulator/serve/pty-server.ts';

/** Sends `line` to an in-process emulator and resolves with its answer up to the final result code. */
async function command(emulator: ReturnType<typeof createEmulator>, line: string): Promise<string> {
  let answer = '';
  const answered = new Promise<void>((resolve) => {
    const stop = emulator.onData((bytes) => {
      answer += bytes.toString('latin1');
      if (/\r\n(OK|ERROR)\r\n$/.test(answer)) {
        stop();
        resolve();
      }
    });
  });
  await emulator.write(Buffer.from(`${line}\r`));
  await answered;
  return answer;
}

describe('bounded memory', () => {
  it('a UDP flood fills the receive queue up to its cap; the rest is dropped and counted', { timeout: 20_000 }, async () => {
    const emulator = createEmulator({ modem: { attachedAtBoot: true } });
    const flood = dgram.createSocket('udp4');
    try {
      const parts = await emulator.ready();
      assert.match(await command(emulator, 'AT#XSOCKET=1,2,0'), /#XSOCKET: 0,2,17/);
      assert.match(await command(emulator, 'AT#XBIND=0,4000'), /OK/);
      const socket = parts.sockets.find(0)!;
      const endpoint = parts.sockets.localEndpointOf(0)!;
      const datagram = Buffer.alloc(1000, 0x41);
      let sent = 0;
      // Until the queue has had to drop, and then as much again: the queue must stay at its cap.
      while (socket.receiveBacklog().droppedDatagrams === 0 || sent < 4 * DATAGRAM_QUEUE_LIMIT / datagram.length) {
        await new Promise<void>((resolve, reject) => flood.send(datagram, endpoint.port, endpoint.host, (error) => (error ? reject(error) : resolve())));
        sent += 1;
        if (sent % 64 === 0) await delay(1); // let the emulator take them off its socket
        assert.ok(sent < 100_000, `no datagram was dropped after ${sent} sent`);
      }
      const backlog = socket.receiveBacklog();
      assert.ok(backlog.queuedBytes <= DATAGRAM_QUEUE_LIMIT, `${backlog.queuedBytes} bytes queued, the cap is ${DATAGRAM_QUEUE_LIMIT}`);
      assert.ok(backlog.queuedBytes > DATAGRAM_QUEUE_LIMIT - datagram.length, 'the queue is full, not emptied');
      assert.ok(backlog.droppedDatagrams > 0);
      // What was kept is intact and readable, oldest first.
      assert.match(await command(emulator, 'AT#XRECVFROM=0,0,0,5'), /#XRECVFROM: 0,0,1000,"[^"]+",\d+\r\nA{1000}\r\nOK\r\n$/);
      assert.equal(socket.receiveBacklog().queuedBytes, backlog.queuedBytes - datagram.length);
    } finally {
      flood.close();
      await emulator.close();
    }
  });

  it('a host that writes commands and never reads: output queued stays bounded and the emulator stops taking input', { timeout: 30_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'served-bounded-'));
    const server = await servePty(join(directory, 'board'), {});
    // The host's end, non-blocking: a write that cannot go on fails with EAGAIN instead of waiting.
    const host = openSync(server.devicePath, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    try {
      let held = false;
      void server.flow.heldBack.then(() => { held = true; });
      const commands = Buffer.from('AT+CGMI\r'.repeat(1024)); // each answers some 60 bytes
      let written = 0;
      let refused = false;
      // Write until the device stops taking bytes at all (EAGAIN), with a cap far beyond the bounds.
      while (!refused) {
        try {
          written += writeSync(host, commands);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          if (held) refused = true;
          else await delay(5); // the emulator is still working through what it took
        }
        if (written % (256 * 1024) < commands.length) await delay(0);
        assert.ok(written < 16 * 1024 * 1024, `the emulator took ${written} bytes of commands without holding back (${server.flow.queuedOutputBytes} bytes queued for the host)`);
      }
      await server.flow.settled();
      assert.ok(server.flow.queuedInputBytes <= INPUT_BOUND, `${server.flow.queuedInputBytes} unprocessed input bytes`);
      // The bound, plus what the input taken before the hold could produce (under 8 bytes out per byte in).
      const limit = OUTPUT_BOUND + 8 * INPUT_BOUND;
      assert.ok(server.flow.queuedOutputBytes <= limit, `${server.flow.queuedOutputBytes} bytes queued for the host, the bound is ${limit}`);
    } finally {
      closeSync(host);
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
