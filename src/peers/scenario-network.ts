// The far side of the wire as one scenario sees it: what each loopback peer received since
// the scenario began (read on from the last check, see RecordCursor), and the loopback
// client a scenario connects to the device's own server. Made per scenario, closed after it.
//
// "Since the scenario began" is taken after the reset that precedes it: a datagram the
// previous scenario sent just before its end may reach its peer only after that reset, so
// start() first lets the event loop deliver what the kernel already holds for the peers,
// and every peer's check then begins after it.

import { setImmediate as nextIoTurn } from 'node:timers/promises';
import { LoopbackClient } from './loopback-client.ts';
import type { PeerEndpoint } from './peer.ts';
import type { PeerName, PeerSet } from './peer-set.ts';
import { RecordCursor } from './record-cursor.ts';

/** A peer of the PeerSet, or the client that connected to the device's server. */
export type ObservedPeer = PeerName | 'loopback client';

export class ScenarioNetwork {
  readonly #cursors = new Map<ObservedPeer, RecordCursor>();
  #client: LoopbackClient | undefined;

  private constructor(private readonly peers: () => PeerSet, private readonly timeoutMs: number) {}

  /**
   * Begins a scenario's view of the network once what is already on its way to the peers
   * has arrived. `peers` throws when the run has none (a board without --peer-host): that
   * matters only to a scenario that checks a peer, so here it just means nothing to start.
   */
  static async start(peers: () => PeerSet, timeoutMs: number): Promise<ScenarioNetwork> {
    const network = new ScenarioNetwork(peers, timeoutMs);
    await nextIoTurn();
    let running: PeerSet | undefined;
    try {
      running = peers();
    } catch {
      running = undefined;
    }
    for (const [name, peer] of running?.peers ?? []) network.#cursors.set(name, new RecordCursor(peer.record, unitOf(peer.transport), 'now'));
    return network;
  }

  /** Checks that `who` received exactly `expected` next (a datagram peer: as one datagram). */
  async expectReceived(who: ObservedPeer, expected: Buffer): Promise<void> {
    await this.#cursorOf(who).expectNext(expected, this.timeoutMs);
  }

  /** Connects the loopback client to the device's server at `endpoint` (one per scenario). */
  async connectClient(endpoint: PeerEndpoint): Promise<void> {
    if (this.#client) throw new Error('a loopback client is already connected in this scenario');
    const client = await LoopbackClient.connect(endpoint, { timeoutMs: this.timeoutMs });
    this.#client = client;
    this.#cursors.set('loopback client', new RecordCursor(client.record, 'stream'));
  }

  get client(): LoopbackClient {
    if (!this.#client) throw new Error(NO_CLIENT);
    return this.#client;
  }

  close(): void {
    this.#client?.close();
  }

  #cursorOf(who: ObservedPeer): RecordCursor {
    const cursor = this.#cursors.get(who);
    if (cursor) return cursor;
    if (who === 'loopback client') throw new Error(NO_CLIENT);
    // Peers the run did not have when the scenario began (asking again gives its reason).
    const peer = this.peers().peer(who);
    const created = new RecordCursor(peer.record, unitOf(peer.transport));
    this.#cursors.set(who, created);
    return created;
  }
}

const NO_CLIENT = 'no loopback client has connected to the device in this scenario';

function unitOf(transport: 'tcp' | 'udp'): 'stream' | 'datagram' {
  return transport === 'udp' ? 'datagram' : 'stream';
}
