// Seeded robustness run: valid socket command lines with one parameter changed, dropped
// or truncated. Every line must be answered with OK or ERROR without an internal error
// (a bug the central catch would otherwise hide), and closeAll must empty the table.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDevice, startPeers, type Peers } from './emulator-commands-harness.ts';
import { seededRandom } from '../src/emulator/seeded-random.ts';

const TEMPLATES = [
  'AT#XSOCKET=1,1,0', 'AT#XSOCKET=1,2,0', 'AT#XSOCKET=2,1,1,0', 'AT#XSOCKET=1,3,0', 'AT#XSSOCKET=1,1,0,16842753,2',
  'AT#XSSOCKET=1,2,0,16842753', 'AT#XCLOSE=0', 'AT#XCLOSE', 'AT#XSOCKETOPT=0,1,20,1', 'AT#XSOCKETOPT=0,0,21',
  'AT#XSSOCKETOPT=0,1,2,"test.server.com"', 'AT#XSSOCKETOPT=0,0,4', 'AT#XBIND=0,1234', 'AT#XCONNECT=0,"test.server.com",1234',
  'AT#XCONNECT=1,"close.server.com",1234', 'AT#XLISTEN=0', 'AT#XACCEPT=0,1', 'AT#XSEND=0,0,0,"Test TCP"',
  'AT#XSEND=0,1,0,"48656C6C6F"', 'AT#XSEND=0,2,512', 'AT#XRECV=0,0,64,1', 'AT#XRECV=0,1,0,1,10',
  'AT#XSENDTO=0,0,0,"test.server.com",1234,"Test UDP"', 'AT#XSENDTO=0,2,0,"test.server.com",1234',
  'AT#XRECVFROM=0,0,64,1', 'AT#XAPOLL=1,5', 'AT#XAPOLL=1,1,0,1', 'AT#XAPOLL=0', 'AT#XAPOLL?', 'AT#XAPOLL=?',
  'AT#XGETADDRINFO="google.com",1', 'AT#XSOCKET?', 'AT#XSSOCKET?', 'AT#XSOCKETOPT=?',
];
const VALUES = ['-1', '0', '1', '2', '3', '4', '5', '7', '8', '10', '11', '13', '64', '256', '512', '65535', '65536',
  '2147483647', '2147483648', '-2147483649', '""', '"x"', '', '01', 'abc', '"test.server.com"', '"10.1.2.3"',
  '"close.server.com"', '"NULL"', '"4G"', `"${'a'.repeat(130)}"`, `"${'00'.repeat(1402)}"`];


function mutate(line: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const equals = line.indexOf('=');
  if (equals < 0 || line.endsWith('?')) return line;
  const head = line.slice(0, equals + 1);
  const params = line.slice(equals + 1).split(',');
  const roll = next();
  if (roll < 0.6) params[Math.floor(next() * params.length)] = pick(VALUES);
  else if (roll < 0.75) params.splice(Math.floor(next() * params.length), 1);
  else if (roll < 0.85) params.push(pick(VALUES));
  else return (head + params.join(',')).slice(0, Math.max(3, Math.floor(next() * line.length)));
  return head + params.join(',');
}

let peers: Peers;
before(async () => { peers = await startPeers(); });
after(async () => { await peers.close(); });

describe('seeded command-line fuzz', () => {
  it('answers every mutated line with OK or ERROR and no internal error', { timeout: 120_000 }, async () => {
    const next = seededRandom(Number(process.env.SM_FUZZ_SEED ?? 20251124));
    const device = createDevice(peers);
    const blocked: Promise<unknown>[] = [];
    for (let round = 0; round < 5000; round += 1) {
      const template = TEMPLATES[Math.floor(next() * TEMPLATES.length)]!;
      const line = next() < 0.2 ? template : mutate(template, next);
      const name = /^AT(#[A-Z]+)/.exec(line)?.[1];
      if (!device.socketCommands.commands.some((command) => command.name === name)) continue;
      const answer = device.at(line).then((reply) => {
        assert.ok(reply.final === 'OK' || reply.final === 'ERROR', line);
      });
      // Blocking forms (timeout 0) stay pending like on the device; closeAll answers them.
      const settled = await Promise.race([answer.then(() => true), new Promise((resolve) => setTimeout(resolve, 20, false))]);
      if (!settled) blocked.push(answer);
      if (device.dataMode) {
        await device.dataMode.send(Buffer.from('fuzz'), 'terminator');
        await device.dataMode.end();
        device.dataMode = undefined;
      }
    }
    await device.at('AT#XAPOLL=0');
    await device.close();
    await Promise.all(blocked);
    assert.deepEqual((await device.at('AT#XCLOSE')).lines, ['OK']);
    assert.deepEqual(device.socketCommands.table.sockets(), []);
  });
});
