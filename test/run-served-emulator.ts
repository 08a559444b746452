// The emulator served as a board would be (on a pseudo-terminal or a TCP port) whose
// network reaches the peers `sm-conformance run --peer-host 127.0.0.1` uses: the emulator's
// network map sends the spec's hosts to the board peers of this process, as a lab's DNS
// and port forwarding send a real board's traffic to the peer host.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireBoardPeers } from '../src/dut/board-peers.ts';
import type { DefaultNetwork } from '../src/emulator/network/index.ts';
import { defaultNetworkMapDefinition, LoopbackSecureConnector, peerDirectory, SandboxNetworkMap, SecTagStore, SPEC_EXAMPLE_SEC_TAG } from '../src/emulator/network/index.ts';
import { cmngCommand } from '../src/emulator/network/cmng-command.ts';
import { servePty } from '../src/emulator/serve/pty-server.ts';
import { serveTcp } from '../src/emulator/serve/tcp-server.ts';
import type { ProfileName } from '../src/emulator/types.ts';
import type { PeerSet } from '../src/peers/peer-set.ts';

export const PEER_HOST = '127.0.0.1';

export interface ServedEmulator {
  /** The --dut value that reaches it. */
  dut: string;
  /** The peers its network reaches (the board peers of this process on PEER_HOST). */
  peers: PeerSet;
  close(): Promise<void>;
}

export async function serveEmulatorAsBoard(transport: 'pty' | 'tcp', profile: ProfileName = 'firmware'): Promise<ServedEmulator> {
  const board = await acquireBoardPeers(PEER_HOST);
  const credentials = new SecTagStore();
  credentials.set(SPEC_EXAMPLE_SEC_TAG, 0, board.peers.certificates.caCertificate);
  const network: DefaultNetwork = {
    map: new SandboxNetworkMap(defaultNetworkMapDefinition(), peerDirectory(board.peers)),
    peers: board.peers,
    credentials,
    secure: new LoopbackSecureConnector(credentials),
    cmng: cmngCommand(credentials),
    certificates: board.peers.certificates,
    close: async () => undefined,
  };
  try {
    if (transport === 'tcp') {
      const server = await serveTcp(0, { profile, network, bindDevicePorts: true });
      return { dut: `tcp:${server.host}:${server.port}`, peers: board.peers, close: async () => { await server.close(); await board.release(); } };
    }
    const directory = mkdtempSync(join(tmpdir(), 'sm-run-pty-'));
    const server = await servePty(join(directory, 'board'), { profile, network, bindDevicePorts: true });
    return {
      dut: `serial:${server.linkPath}`,
      peers: board.peers,
      close: async () => {
        await server.close();
        rmSync(directory, { recursive: true, force: true });
        await board.release();
      },
    };
  } catch (error) {
    await board.release();
    throw error;
  }
}
