// The network peers a real board reaches (`sm-conformance run --peer-host <host>`): the same
// peers `sm-conformance peers` serves, started by the run itself on an address of this
// machine, because the scenarios must read what each peer received and only the process
// that runs a peer holds its record.
//
// One set per host per process, shared by every session of the process (and by a process
// that serves an emulator on a pty or TCP port itself, so that the emulator's network and
// the suite's sessions meet the same peers), stopped when the last user releases it.

import { isLoopbackHost, loopbackHostsAvailable, startPeerSet, type PeerSet } from '../peers/peer-set.ts';

export interface BoardPeers {
  readonly peers: PeerSet;
  /** Stops the peers once every user of the host's set has released it. */
  release(): Promise<void>;
}

interface SharedSet {
  started: Promise<PeerSet>;
  users: number;
}

const sharedSets = new Map<string, SharedSet>();

export async function acquireBoardPeers(host: string): Promise<BoardPeers> {
  let shared = sharedSets.get(host);
  if (!shared) {
    shared = { started: startPeersOn(host), users: 0 };
    sharedSets.set(host, shared);
  }
  shared.users += 1;
  const owner = shared;
  let peers: PeerSet;
  try {
    peers = await owner.started;
  } catch (error) {
    owner.users -= 1;
    if (sharedSets.get(host) === owner) sharedSets.delete(host);
    throw new Error(`cannot start the peers on ${host}: ${(error as Error).message}`);
  }
  let released = false;
  return {
    peers,
    async release() {
      if (released) return;
      released = true;
      owner.users -= 1;
      if (owner.users > 0) return;
      if (sharedSets.get(host) === owner) sharedSets.delete(host);
      await peers.close();
    },
  };
}

/**
 * A loopback host means a device on this machine (an emulator served on a pty or a TCP
 * port): it gets both loopback families, as the in-process emulator does, so its IPv6
 * destinations have a peer too. The given host comes first (it is the peers' address).
 */
async function startPeersOn(host: string): Promise<PeerSet> {
  if (!isLoopbackHost(host)) return startPeerSet({ hosts: [host], allowExternal: true });
  const available = await loopbackHostsAvailable();
  return startPeerSet({ hosts: [host, ...available.filter((each) => each !== host)] });
}
