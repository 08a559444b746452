// The far side of the wire as one scenario sees it: what each loopback peer received since
// the scenario began (read on from the last check, see RecordCursor), and the loopback
// client a scenario connects to the device's own server. Made per scenario, closed after it.

import { LoopbackClient } from './loopback-client.ts';
import type { PeerEndpoint } from './peer.ts';
import type { PeerName, PeerSet } from './peer-set.ts';
import { RecordCursor } from './record-cursor.ts';

/** A peer of the PeerSet, or the client that connected to the device's server. */
export type ObservedPeer = PeerName | 'loopback client';

export class ScenarioNetwork {
  readonly #cursors = new Map<ObservedPeer, RecordCursor>();
  #client: LoopbackClient | undefined;

  /** `peers` is asked for only when a peer is checked (a run without peers fails there). */
  constructor(private readonly peers: () => PeerSet, private readonly timeoutMs: number) {}

  /** Checks that `who` received exactly `expected` next (a datagram peer: as one datagram). */
  async expectReceived(who: ObservedPeer, expected: Buffer): Promise<void> {
    await this.#cursorOf(who).expectNext(expected, this.timeoutMs);
  }

  /** Connects the loopback client to the device's server at `endpoint` (one per scenario). */
  async connectClient(endpoint: PeerEndpoint): Promise<void> {
    if (this.#client) throw new Error('a loopback client is already connected in this scenario');
    this.#client = await LoopbackClient.connect(endpoint, { timeoutMs: this.timeoutMs });
  }

  get client(): LoopbackClient {
    if (!this.#client) throw new Error('no loopback client has connected to the device in this scenario');
    return this.#client;
  }

  close(): void {
    this.#client?.close();
  }

  #cursorOf(who: ObservedPeer): RecordCursor {
    let cursor = this.#cursors.get(who);
    if (!cursor) {
      const peer = who === 'loopback client' ? undefined : this.peers().peer(who);
      cursor = peer ? new RecordCursor(peer.record, peer.transport === 'udp' ? 'datagram' : 'stream') : new RecordCursor(this.client.record, 'stream');
      this.#cursors.set(who, cursor);
    }
    return cursor;
  }
}
