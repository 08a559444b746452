import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtRunner } from '../src/at/at-runner.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { memoryLink } from './at-memory-link.ts';

test('one command can be sent with its own terminator; the next uses the runner\'s again', async () => {
  const { link, device } = memoryLink();
  const runner = new AtRunner(link, { payloadRule, timeoutMs: 1000 });
  device.onWrite(() => setImmediate(() => device.send('\r\nOK\r\n')));
  assert.equal((await runner.send('AT', { terminator: '\r\n' })).final.code, 'OK');
  assert.equal((await runner.send('AT')).final.code, 'OK');
  assert.deepEqual(device.writes, [Buffer.from('AT\r\n'), Buffer.from('AT\r')]);
});
