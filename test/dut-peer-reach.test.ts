// The peer-reach probe (src/dut/peer-reach.ts) against a scripted device and a peer record:
// asked once per run; a connection the echo peer saw is the path working; ERROR, silence and
// OK-to-elsewhere are INCONCLUSIVE reasons; a device that cannot open a socket is left alone.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AtTimeoutError } from '../src/at/at-errors.ts';
import type { AtResponse } from '../src/at/at-runner.ts';
import { EnvironmentError } from '../src/blame/verdict-errors.ts';
import { PeerReach } from '../src/dut/peer-reach.ts';
import { PeerRecord } from '../src/peers/peer-record.ts';
import type { PeerSet } from '../src/peers/peer-set.ts';

type Answer = { lines?: readonly string[]; code: 'OK' | 'ERROR' } | 'silence';

function answer(command: string, reply: Exclude<Answer, 'silence'>): AtResponse {
  return { command, echo: undefined, lines: [...(reply.lines ?? [])], payloads: [], final: { kind: 'final', code: reply.code, text: reply.code } as AtResponse['final'], events: [], raw: Buffer.alloc(0), sentAtUs: 0, finishedAtUs: 0 };
}

/** A device scripted by command prefix; `onConnect` runs when it is asked to connect. */
function probe(script: { socket: Answer; connect: Answer; onConnect?: (record: PeerRecord) => void }): { reach: PeerReach; sent: string[] } {
  const record = new PeerRecord('tcp-echo');
  const peers = { peer: () => ({ record }) } as unknown as PeerSet;
  const sent: string[] = [];
  const send = async (line: string): Promise<AtResponse> => {
    sent.push(line);
    const reply = line.startsWith('AT#XSOCKET=') ? script.socket : line.startsWith('AT#XCONNECT=') ? script.connect : { code: 'OK' as const, lines: ['#XCLOSE: 0,0'] };
    if (line.startsWith('AT#XCONNECT=')) script.onConnect?.(record);
    if (reply === 'silence') throw new AtTimeoutError(line, 60_000, Buffer.alloc(0), 'no final result code');
    return answer(line, reply);
  };
  return { reach: new PeerReach({ send, peers, host: '10.0.0.5', timeoutMs: 50 }), sent };
}

const OPENED: Answer = { code: 'OK', lines: ['#XSOCKET: 3,1,6'] };

describe('the peer-reach probe', () => {
  it('a connection the echo peer saw: reachable, and asked once', async () => {
    const { reach, sent } = probe({ socket: OPENED, connect: { code: 'OK', lines: ['#XCONNECT: 3,1'] }, onConnect: (record) => record.openConnection() });
    await reach.ensureReachable();
    await reach.ensureReachable();
    assert.deepEqual(sent, ['AT#XSOCKET=1,1,0', 'AT#XCONNECT=3,"test.server.com",1234', 'AT#XCLOSE=3']);
  });

  for (const [name, connect, reason] of [
    ['ERROR', { code: 'ERROR' }, /AT#XCONNECT to test\.server\.com:1234 answered ERROR and no connection reached the TCP echo peer on 10\.0\.0\.5/],
    ['no answer', 'silence', /AT#XCONNECT to test\.server\.com:1234 gave no answer within 60 s and no connection reached the TCP echo peer on 10\.0\.0\.5/],
    ['OK to somewhere else', { code: 'OK', lines: ['#XCONNECT: 3,1'] }, /AT#XCONNECT to test\.server\.com:1234 answered OK, but the TCP echo peer on 10\.0\.0\.5 saw no connection/],
  ] as const) {
    it(`${name}: INCONCLUSIVE with what was seen, every time, asked once, the socket closed`, async () => {
      const { reach, sent } = probe({ socket: OPENED, connect });
      for (let time = 0; time < 2; time++) {
        await assert.rejects(reach.ensureReachable(), (error: unknown) => error instanceof EnvironmentError && reason.test(error.message) && /^the device's network does not lead to the peers: /.test(error.message));
      }
      assert.deepEqual(sent, ['AT#XSOCKET=1,1,0', 'AT#XCONNECT=3,"test.server.com",1234', 'AT#XCLOSE=3']);
    });
  }

  it('a device that cannot open a socket is left to the scenarios, and not asked again', async () => {
    const { reach, sent } = probe({ socket: { code: 'ERROR' }, connect: { code: 'ERROR' } });
    await reach.ensureReachable();
    await reach.ensureReachable();
    assert.deepEqual(sent, ['AT#XSOCKET=1,1,0']);
  });
});
