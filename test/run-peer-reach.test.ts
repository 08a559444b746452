// A board whose network does not lead the spec's test server to the run's peers (run
// --peer-host): the lab's network failed, not the device, so every scenario that reaches
// test.server.com is INCONCLUSIVE with what the one probe saw (src/dut/peer-reach.ts),
// never FAIL. Played by an emulator served as a board whose network sends test.server.com
// to ::1, while the run's peers listen on 127.0.0.1: with nothing on ::1, and with a stranger
// there. The good path (peers where the names lead) is test/run-serial.test.ts: the
// in-process verdicts, probe included.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { needsNetwork, reachesPeers } from '../src/catalogue/network-use.ts';
import { BOTH_LOOPBACKS, serveEmulatorAsBoard } from './run-served-emulator.ts';
import { reportsDirectory, runInProcess, scenarioKey, type CollectedRun } from './run-in-process.ts';

const GUARD = { timeout: 300_000 };
const RUN_PEERS = '127.0.0.1';
const TAGS = '@XCONNECT or @XSENDTO';

async function runBesideThePeers(label: string): Promise<{ run: CollectedRun; transcript: string }> {
  const served = await serveEmulatorAsBoard('tcp');
  try {
    const reports = reportsDirectory(label);
    const run = await runInProcess(['--dut', served.dut, '--peer-host', RUN_PEERS, '--tags', TAGS, '--reports', reports]);
    return { run, transcript: readFileSync(join(reports, 'transcript.txt'), 'utf8') };
  } finally {
    await served.close();
  }
}

function checkVerdicts(run: CollectedRun, reason: RegExp): void {
  const reaching = run.scenarios.filter((scenario) => reachesPeers(scenario.steps.map((step) => step.text)));
  assert.ok(reaching.length >= 5, `${reaching.length} scenarios reach test.server.com`);
  for (const scenario of reaching) {
    assert.equal(scenario.verdict, 'INCONCLUSIVE', `${scenarioKey(scenario)}: ${scenario.reasons.join('; ')}`);
    assert.match(scenario.reasons.join('; '), reason, scenarioKey(scenario));
  }
  const offline = run.scenarios.filter((scenario) => !scenario.steps.some((step) => needsNetwork(step.text)));
  assert.ok(offline.length > 0 && offline.every((scenario) => scenario.verdict === 'PASS' || scenario.verdict === 'NON-STRICT'), 'the scenarios that need no network are judged as ever');
}

describe('a board whose network does not lead test.server.com to the peers', { skip: BOTH_LOOPBACKS ? false : 'this machine has no ::1: the device\'s network and the peers need a loopback each' }, () => {
  it('with nothing there: INCONCLUSIVE, AT#XCONNECT answered ERROR and no connection reached the peer; asked once', GUARD, async () => {
    const { run, transcript } = await runBesideThePeers('peer-reach-nothing');
    checkVerdicts(run, /^the device's network does not lead to the peers: AT#XCONNECT to test\.server\.com:1234 answered ERROR and no connection reached the TCP echo peer on 127\.0\.0\.1 \(the spec's names must lead to the peers on 127\.0\.0\.1/);
    assert.equal(transcript.match(/ tx AT#XCONNECT=\d+,"test\.server\.com",1234\\r/g)?.length, 1, 'one probe for the run');
    assert.match(transcript, /,"test\.server\.com",1234\\r\n[^\n]* rx \\r\\nERROR\\r\\n\n[^\n]* tx AT#XCLOSE=(\d+)\\r\n[^\n]* rx \\r\\n#XCLOSE: \1,0\\r\\n/, 'the probe closes its socket');
  });

  it('with a stranger there: INCONCLUSIVE, AT#XCONNECT answered OK but the run\'s peer saw no connection', GUARD, async () => {
    const stranger: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => stranger.once('error', reject).listen({ host: '::1', port: 1234 }, resolve));
    try {
      const { run } = await runBesideThePeers('peer-reach-stranger');
      checkVerdicts(run, /^the device's network does not lead to the peers: AT#XCONNECT to test\.server\.com:1234 answered OK, but the TCP echo peer on 127\.0\.0\.1 saw no connection/);
    } finally {
      await new Promise((resolve) => stranger.close(resolve));
    }
  });
});
