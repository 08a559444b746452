// The network peers a real board reaches (`sm-conformance run --peer-host <host>`): the same
// peers `sm-conformance peers --spec-ports` serves, on the spec's own ports (1234, 1235,
// 1236, 8443) of that address, where a lab's DNS sends the spec's names (test.server.com …)
// and `emulate --peers <host>` sends its own. The run starts them itself rather than use
// peers already running, because the scenarios must read what each peer received and only
// the process that runs a peer holds its record; a port already taken there is the run's
// one-line refusal (exit 2), never a scenario's verdict.
//
// One set per host per process, shared by the run and its sessions, stopped when the last
// user releases it.

import { isLoopbackHost, startPeerSet, type PeerSet } from '../peers/peer-set.ts';

export interface BoardPeers {
  readonly peers: PeerSet;
  /** The address they listen on. */
  readonly host: string;
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
    const taken = /EADDRINUSE/.test((error as Error).message)
      ? ` (another run, or \`sm-conformance peers --spec-ports\`, holds the spec's ports there: the run starts its own peers, to read what they receive)` : '';
    throw new Error(`cannot start the peers on ${host}: ${(error as Error).message}${taken}`);
  }
  let released = false;
  return {
    peers,
    host,
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
 * On `host` only, loopback or not: a lab's peer host is one address, and a served emulator's
 * own servers use the same ports on the other loopback (emulate --peers).
 */
function startPeersOn(host: string): Promise<PeerSet> {
  return startPeerSet({ hosts: [host], allowExternal: !isLoopbackHost(host), specPorts: true });
}
