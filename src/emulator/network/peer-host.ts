// The network of an emulator served as a board in a lab (`emulate --peers <host>`): its map
// sends the spec's names to the peers of another process, at <host> on the spec's own ports
// (SPEC_PEER_PORTS), as a lab's DNS and routing send a board's traffic to the peer host.
// No peer runs in the emulator's process; `run --peer-host` (or `peers`) serves them there.
// The sec_tag of the spec's examples holds the shared test CA (one per user and machine),
// which signed those peers' certificates.

import type { LoopbackEndpoint } from '../types.ts';
import { PEER_NAMES, PEER_TRANSPORTS, SPEC_PEER_PORTS, type PeerName } from '../../peers/peer-set.ts';
import { testCertificates } from '../../loopback/test-certificates.ts';
import { SecTagStore, SPEC_EXAMPLE_SEC_TAG } from './credential-store.ts';
import { loadCredentialDirectory } from './credential-files.ts';
import { defaultNetworkMapDefinition } from './default-network-map.ts';
import { validateNetworkMapDefinition, type Transport } from './network-map-definition.ts';
import { loadNetworkMapFile } from './network-map-file.ts';
import { SandboxNetworkMap, type PeerDirectory } from './network-map.ts';

/** Every peer at `host`, on its spec port. */
export function peerHostDirectory(host: LoopbackEndpoint['host']): PeerDirectory {
  return {
    endpointsOf(name: string, transport: Transport): readonly LoopbackEndpoint[] {
      if (!(PEER_NAMES as readonly string[]).includes(name)) return [];
      const peer = name as PeerName;
      return PEER_TRANSPORTS[peer] === transport ? [{ host, port: SPEC_PEER_PORTS[peer] }] : [];
    },
  };
}

export interface PeerHostNetwork {
  map: SandboxNetworkMap;
  credentials: SecTagStore;
}

export interface PeerHostNetworkOptions {
  /** A map of one's own (JSON); default: the spec's hosts. */
  mapFile?: string;
  credentialDirectory?: string;
  allowLoopback?: boolean;
}

export async function peerHostNetwork(host: LoopbackEndpoint['host'], options: PeerHostNetworkOptions = {}): Promise<PeerHostNetwork> {
  const loaded = options.mapFile ? await loadNetworkMapFile(options.mapFile, PEER_NAMES)
    : validateNetworkMapDefinition(defaultNetworkMapDefinition(), PEER_NAMES);
  if (loaded.external?.length) throw new Error('a network map with external destinations is for the emulator\'s own peers, not --peers');
  const definition = options.allowLoopback ? { ...loaded, loopbackPassthrough: true } : loaded;
  const credentials = new SecTagStore();
  credentials.set(SPEC_EXAMPLE_SEC_TAG, 0, (await testCertificates()).caCertificate);
  if (options.credentialDirectory) await loadCredentialDirectory(options.credentialDirectory, credentials);
  return { map: new SandboxNetworkMap(definition, peerHostDirectory(host)), credentials };
}
