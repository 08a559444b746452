// A loopback client reaches the emulated device's TCP server through EmulatorDut.serverEndpoint:
// the device port #XBIND gave maps to the real loopback port, only once the socket listens,
// and still while a blocking #XACCEPT holds the device (the moment a client must find it).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AtRunner } from '../src/at/at-runner.ts';
import { EmulatorDut } from '../src/dut/emulator-dut.ts';
import { LoopbackClient } from '../src/peers/loopback-client.ts';
import { payloadRule } from '../src/catalogue/payload.ts';

describe('EmulatorDut.serverEndpoint', () => {
  it('finds the listening server by its device port, also during a blocking #XACCEPT', { timeout: 10_000 }, async () => {
    const dut = new EmulatorDut({ modem: { attachedAtBoot: true } });
    try {
      const runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 3000 });
      const ok = async (line: string) => assert.equal((await runner.send(line)).final.text, 'OK', line);
      await ok('AT#XSOCKET=1,1,1');
      await ok('AT#XBIND=0,1234');
      assert.equal(dut.serverEndpoint(1234), undefined, 'bound but not listening');
      await ok('AT#XLISTEN=0');
      assert.equal(dut.serverEndpoint(1235), undefined, 'another port');
      const accepting = runner.send('AT#XACCEPT=0,0');
      const endpoint = dut.serverEndpoint(1234);
      assert.equal(endpoint?.host, '127.0.0.1');
      const client = await LoopbackClient.connect(endpoint!);
      const accepted = await accepting;
      assert.match(accepted.lines[0] ?? '', /^#XACCEPT: \d+,"192\.168\.0\.2"$/);
      client.close();
      runner.detach();
    } finally {
      await dut.close();
    }
    assert.equal(dut.serverEndpoint(1234), undefined, 'closed');
  });

  it('finds a bound UDP socket by its device port, not a TCP one', { timeout: 10_000 }, async () => {
    const dut = new EmulatorDut({ modem: { attachedAtBoot: true } });
    try {
      const runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 3000 });
      for (const line of ['AT#XSOCKET=1,2,1', 'AT#XBIND=0,1234']) assert.equal((await runner.send(line)).final.text, 'OK', line);
      assert.equal(dut.serverEndpoint(1234), undefined, 'no TCP server there');
      assert.equal(dut.serverEndpoint(1234, 'udp')?.host, '127.0.0.1');
      runner.detach();
    } finally {
      await dut.close();
    }
  });
});
