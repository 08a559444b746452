// The side lanes' schedule (src/cli/scenario-lanes.ts): which scenarios leave the main lane,
// and the order their messages are handed on in.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OrderedRelay, planLanes } from '../src/cli/scenario-lanes.ts';
import { deviceWaitSeconds, mayWaitOnDevice } from '../src/catalogue/device-wait.ts';

const pickle = (...texts: string[]) => ({ steps: texts.map((text) => ({ text })) });
const quick = pickle('I send `AT#XSOCKET=1,1,0`');
const waits = pickle('a TCP socket <tcp> is open', 'I send `AT#XRECV=<tcp>,0,0,1`', 'the response is `ERROR`');

describe('which commands may wait on device time', () => {
  it('a <timeout> argument that is not 0, by the catalogue\'s parameter position', () => {
    assert.equal(deviceWaitSeconds('AT#XRECV=<tcp>,0,0,1'), 1);
    assert.equal(deviceWaitSeconds('AT#XRECVFROM=<udp>,0,0,10,4'), 10);
    assert.equal(deviceWaitSeconds('AT#XACCEPT=<handle>,5'), 5);
    assert.equal(deviceWaitSeconds('AT#XACCEPT=<handle>,0'), 0, '0 is no timeout: it blocks until a client comes');
    assert.equal(deviceWaitSeconds('AT#XRECV=<tcp>,0,1,0'), 0, 'the flags are not the timeout');
    assert.equal(deviceWaitSeconds('AT#XRECV=<tcp>,0,0,"1"'), 0, 'a refused value waits for nothing');
    assert.equal(deviceWaitSeconds('AT#XSEND=<tcp>,0,0,"5"'), 0);
    assert.equal(deviceWaitSeconds('AT#XRECV=?'), 0);
  });

  it('a step names its command between backticks', () => {
    assert.equal(mayWaitOnDevice('When I send `AT#XRECVFROM=<udp>,0,0,1`'), true);
    assert.equal(mayWaitOnDevice('the response is `ERROR`'), false);
  });
});

describe('planLanes', () => {
  it('sends the scenarios that may wait to the side lanes in turn; the rest stay in the main lane', () => {
    assert.deepEqual(planLanes([quick, waits, quick, waits, waits, quick, waits], 2), [0, 1, 0, 2, 1, 0, 2]);
  });

  it('keeps the first scenario in the main lane, and every one without side lanes or waiting', () => {
    assert.deepEqual(planLanes([waits, quick, waits], 3), [0, 0, 1]);
    assert.deepEqual(planLanes([quick, waits], 0), [0, 0]);
    assert.deepEqual(planLanes([quick, quick], 3), [0, 0]);
    assert.deepEqual(planLanes([], 3), []);
  });
});

describe('OrderedRelay', () => {
  it('hands on each scenario\'s messages in run order, the head\'s at once', () => {
    const out: string[] = [];
    const relay = new OrderedRelay<string>((item) => out.push(item));
    relay.push(1, 'b1');
    relay.push(0, 'a1');
    relay.push(2, 'c1');
    relay.push(2, 'c2');
    assert.deepEqual(out, ['a1'], 'scenario 0 is at the head; 1 and 2 wait for it');
    relay.finish(2);
    relay.push(0, 'a2');
    relay.finish(0);
    assert.deepEqual(out, ['a1', 'a2', 'b1']);
    relay.push(1, 'b2');
    assert.deepEqual(out, ['a1', 'a2', 'b1', 'b2'], 'now at the head, scenario 1 goes out as it happens');
    relay.finish(1);
    assert.deepEqual(out, ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'], 'scenario 2 had finished: all of it follows, in its order');
  });
});
