// What reached the network peers during a scenario, for its sequence chart: every chunk a
// peer received from `sinceUs` on, in arrival order, named by the peer.

import type { PeerSet } from '../peers/peer-set.ts';
import type { PeerArrival } from './sequence-chart.ts';

export function peerArrivalsSince(peers: PeerSet | undefined, sinceUs: number): PeerArrival[] {
  if (!peers) return [];
  const arrivals: PeerArrival[] = [];
  for (const [name, peer] of peers.peers) {
    for (const chunk of peer.record.chunks) if (chunk.atUs >= sinceUs) arrivals.push({ peer: name, atUs: chunk.atUs, bytes: chunk.bytes });
  }
  return arrivals.sort((a, b) => a.atUs - b.atUs);
}
