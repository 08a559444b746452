// Every byte value goes through the emulator's TLS and DTLS sockets to the real echo peers
// and back, byte-exact in both receive modes (issue 3's round-trip acceptance for the secure
// transports), through the same AtRunner and payload rule the suite uses.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator, type Emulator } from '../src/emulator/emulator.ts';
import { AtRunner } from '../src/at/at-runner.ts';
import { payloadRule } from '../src/catalogue/payload.ts';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, value) => value));
const ALL_BYTES_HEX = ALL_BYTES.toString('hex').toUpperCase();

describe('TLS and DTLS sockets carry all 256 byte values both ways', () => {
  let emulator: Emulator;
  let runner: AtRunner;

  before(async () => {
    emulator = createEmulator({ profile: 'firmware', modem: { attachedAtBoot: true } });
    runner = new AtRunner(emulator, { payloadRule, timeoutMs: 10_000 });
    await emulator.ready();
  });

  after(async () => {
    runner.detach();
    await emulator.close();
  });

  async function ok(line: string): Promise<string[]> {
    const response = await runner.send(line);
    assert.equal(response.final.code, 'OK', `${line}: ${[...response.lines, response.final.text].join(' | ')}`);
    return response.lines;
  }

  // TLS is a stream: WAITALL (256) so one #XRECV takes all 256 bytes however the echo is cut.
  for (const { name, open, receiveFlags } of [
    { name: 'TLS', open: 'AT#XSSOCKET=1,1,0,16842753,2', receiveFlags: 256 },
    { name: 'DTLS', open: 'AT#XSSOCKET=1,2,0,16842753', receiveFlags: 0 },
  ]) {
    it(`${name}: hex out, raw and hex back`, async () => {
      const handle = /^#XSSOCKET: (\d+),/.exec((await ok(open))[0] ?? '')?.[1];
      assert.ok(handle !== undefined, 'the socket opened');
      await ok(`AT#XCONNECT=${handle},"test.server.com",8443`);
      for (const mode of [0, 1] as const) {
        await ok(`AT#XSEND=${handle},1,0,"${ALL_BYTES_HEX}"`);
        const response = await runner.send(`AT#XRECV=${handle},${mode},${receiveFlags},5,256`);
        assert.equal(response.final.code, 'OK');
        assert.equal(response.lines[0], `#XRECV: ${handle},${mode},256`);
        const payload = response.payloads[0]?.bytes;
        assert.ok(payload, 'a payload follows the header');
        const received = mode === 0 ? payload : Buffer.from(payload.toString('latin1'), 'hex');
        if (mode === 1) assert.equal(payload.toString('latin1'), ALL_BYTES_HEX, 'uppercase hex');
        assert.deepEqual(received, ALL_BYTES);
      }
      await ok(`AT#XCLOSE=${handle}`);
    });
  }
});
