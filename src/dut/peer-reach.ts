// Whether a board's network takes it to the run's peers (run --peer-host). A scenario that
// sends to the spec's test server (catalogue/network-use.ts, reachesPeers) can only judge the
// device if the lab sends test.server.com to the peer host. When it does not, the device's
// AT#XCONNECT answers ERROR, or connects somewhere else, whatever its conformance: that is
// the lab's network failing, so those scenarios must be INCONCLUSIVE, not FAIL.
//
// So before the first such scenario the harness asks once, and from both ends: the device
// opens a TCP socket and connects it to test.server.com:1234, and the TCP echo peer on the
// peer host says whether that connection arrived. Arrived: the path works, and from then on a
// failure is the device's. Not arrived (ERROR, no answer at all, or OK to somewhere else):
// every such scenario is INCONCLUSIVE with what was seen. A device that cannot even open the
// socket is not probed again, and left to the scenarios to judge.

import { AtTimeoutError } from '../at/at-errors.ts';
import type { AtResponse } from '../at/at-runner.ts';
import { EnvironmentError } from '../blame/verdict-errors.ts';
import { SPEC_TEST_SERVER } from '../catalogue/network-use.ts';
import type { PeerSet } from '../peers/peer-set.ts';

const ECHO_PORT = 1234;

/**
 * How long the probe's AT#XCONNECT may take: a network that drops the connection's packets
 * leaves the modem waiting for TCP to give up, far longer than a command's usual deadline.
 */
const CONNECT_DEADLINE_MS = 60_000;

export interface PeerReachOptions {
  /** Sends a command line on the device's current link. */
  send: (line: string, options?: { timeoutMs?: number }) => Promise<AtResponse>;
  peers: PeerSet;
  /** The address the peers listen on (--peer-host), for the reason's text. */
  host: string;
  /** How long the echo peer may take to see the connection after the device says it connected. */
  timeoutMs: number;
}

export class PeerReach {
  private verdict: 'unknown' | 'reachable' | 'not probed' | { unreachable: string } = 'unknown';

  constructor(private readonly options: PeerReachOptions) {}

  /** Resolves when the peers are reachable; throws an EnvironmentError (INCONCLUSIVE) when not, now or earlier in the run. */
  async ensureReachable(): Promise<void> {
    if (this.verdict === 'unknown') this.verdict = await this.probe();
    if (typeof this.verdict === 'object') throw new EnvironmentError(this.verdict.unreachable);
  }

  private async probe(): Promise<PeerReach['verdict']> {
    const { send, peers, host, timeoutMs } = this.options;
    const opened = await send('AT#XSOCKET=1,1,0');
    const handle = opened.final.code === 'OK' ? /^#XSOCKET:\s*(\d+)/.exec(opened.lines[0] ?? '')?.[1] : undefined;
    // Opening a socket needs no network: a device that cannot is for the scenarios to judge.
    if (handle === undefined) return 'not probed';
    const record = peers.peer('tcp-echo').record;
    const before = record.connectionsOpened;
    const where = `${SPEC_TEST_SERVER}:${ECHO_PORT}`;
    try {
      const connect = await send(`AT#XCONNECT=${handle},"${SPEC_TEST_SERVER}",${ECHO_PORT}`, { timeoutMs: Math.max(CONNECT_DEADLINE_MS, timeoutMs) }).catch((error: unknown) => {
        if (error instanceof AtTimeoutError) return undefined;
        throw error;
      });
      if (connect === undefined && record.connectionsOpened === before) {
        return { unreachable: `the device's network does not lead to the peers: AT#XCONNECT to ${where} gave no answer within ${CONNECT_DEADLINE_MS / 1000} s and no connection reached the TCP echo peer on ${host} (${routeTo(host)})` };
      }
      if (connect === undefined) return 'reachable';
      const connected = connect.final.code === 'OK';
      const arrived = connected
        ? await record.waitUntil(() => record.connectionsOpened > before, 'the device\'s connection', { timeoutMs }).then(() => true, () => false)
        : record.connectionsOpened > before;
      if (arrived) return 'reachable';
      return {
        unreachable: connected
          ? `the device's network does not lead to the peers: AT#XCONNECT to ${where} answered OK, but the TCP echo peer on ${host} saw no connection (${routeTo(host)})`
          : `the device's network does not lead to the peers: AT#XCONNECT to ${where} answered ${connect.final.code} and no connection reached the TCP echo peer on ${host} (${routeTo(host)})`,
      };
    } finally {
      // The known-state reset before the next scenario closes whatever this could not.
      await send(`AT#XCLOSE=${handle}`).catch((error: unknown) => {
        if (!(error instanceof AtTimeoutError)) throw error;
      });
    }
  }
}

function routeTo(host: string): string {
  return `the spec's names must lead to the peers on ${host} (a lab's DNS; emulate --peers ${host})`;
}
