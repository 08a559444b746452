// The emulator's network side in one call.
//
//   const network = await startDefaultNetwork();
//   network.map         NetworkMap (SandboxNetworkMap): names, routes, device views; every
//                       route ends on 127.0.0.1/::1; unmapped → undefined (ERROR), counted in map.refused
//   network.peers       PeerSet: tcp-echo, udp-echo, tls-echo, dtls-echo, sink, udp-sink,
//                       close-after-echo on 127.0.0.1 and ::1, each recording what it received
//   network.credentials CredentialStore (SecTagStore); sec_tag 16842753 holds the test CA
//   network.secure      SecureConnector: TLS 1.2 / DTLS 1.2 clients with the sec_tag's credentials
//   network.cmng        CommandModule for AT%CMNG (write/list/read/delete) on `credentials`
//   network.certificates the generated test CA/server/client certificates
//   await network.close()  stops every peer; no handle is left behind
//
// Options: `map` (a definition) or `mapFile` (JSON, see network-map-definition.ts) replace
// the default map (default-network-map.ts, which makes the spec's examples work verbatim);
// `credentialDirectory` adds credentials from files (layout in credential-files.ts);
// `allowExternal` is the only way to reach anything off this machine: it starts a relay on
// 127.0.0.1 for each destination the map lists under "external" (and nothing else), and
// lets `peerHosts` be non-loopback; without it a map with "external" entries is refused;
// `allowLoopback` lets the device reach any local service at 127.0.0.1 / ::1 (off: only what
// the map names); `handshakeTimeoutMs` bounds TLS/DTLS handshakes.

import type { CommandModule, LoopbackEndpoint } from '../types.ts';
import { startPeerSet, PEER_NAMES, type PeerSet } from '../../peers/peer-set.ts';
import { cmngCommand } from './cmng-command.ts';
import { loadCredentialDirectory } from './credential-files.ts';
import { SecTagStore, SPEC_EXAMPLE_SEC_TAG } from './credential-store.ts';
import { defaultNetworkMapDefinition } from './default-network-map.ts';
import { startExternalRelay, type ExternalRelay } from './external-relay.ts';
import { validateNetworkMapDefinition, type NetworkMapDefinition, type Transport } from './network-map-definition.ts';
import { loadNetworkMapFile } from './network-map-file.ts';
import { SandboxNetworkMap, type PeerDirectory } from './network-map.ts';
import { LoopbackSecureConnector } from './secure-connector.ts';
import type { TestCertificates } from '../../loopback/test-certificates.ts';

export interface DefaultNetworkOptions {
  map?: NetworkMapDefinition;
  mapFile?: string;
  credentialDirectory?: string;
  peerHosts?: readonly string[];
  allowExternal?: boolean;
  /** Destinations 127.0.0.1 / ::1 reach themselves, whatever the map says (`emulate --allow-loopback`). */
  allowLoopback?: boolean;
  handshakeTimeoutMs?: number;
}

export interface DefaultNetwork {
  map: SandboxNetworkMap;
  peers: PeerSet;
  credentials: SecTagStore;
  secure: LoopbackSecureConnector;
  cmng: CommandModule;
  certificates: TestCertificates;
  close(): Promise<void>;
}

export async function startDefaultNetwork(options: DefaultNetworkOptions = {}): Promise<DefaultNetwork> {
  if (options.map && options.mapFile) throw new Error('give either a network map or a map file, not both');
  const loaded = options.mapFile ? await loadNetworkMapFile(options.mapFile, PEER_NAMES)
    : validateNetworkMapDefinition(options.map ?? defaultNetworkMapDefinition(), PEER_NAMES);
  const definition = options.allowLoopback ? { ...loaded, loopbackPassthrough: true } : loaded;
  if (definition.external?.length && !options.allowExternal) {
    throw new Error(`the network map lists ${definition.external.length} external destination(s); reaching them needs the allowExternal option`);
  }
  const credentials = new SecTagStore();
  const peers = await startPeerSet({ hosts: options.peerHosts, allowExternal: options.allowExternal });
  const relays: ExternalRelay[] = [];
  const map = new SandboxNetworkMap(definition, peerDirectory(peers));
  const close = async () => {
    await Promise.all([peers.close(), ...relays.map((relay) => relay.close())]);
  };
  try {
    credentials.set(SPEC_EXAMPLE_SEC_TAG, 0, peers.certificates.caCertificate);
    if (options.credentialDirectory) await loadCredentialDirectory(options.credentialDirectory, credentials);
    for (const destination of definition.external ?? []) {
      const relay = await startExternalRelay(destination);
      relays.push(relay);
      map.redirect(destination.address, destination.port, destination.transport, { to: relay.endpoint });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    map,
    peers,
    credentials,
    secure: new LoopbackSecureConnector(credentials, { handshakeTimeoutMs: options.handshakeTimeoutMs }),
    cmng: cmngCommand(credentials),
    certificates: peers.certificates,
    close,
  };
}

/** The PeerSet's loopback endpoints, by peer name, for the map's routes. */
export function peerDirectory(peers: PeerSet): PeerDirectory {
  return {
    endpointsOf(name: string, transport: Transport): readonly LoopbackEndpoint[] {
      const peer = peers.peers.get(name as (typeof PEER_NAMES)[number]);
      if (!peer || peer.transport !== transport) return [];
      return peer.endpoints.filter((endpoint): endpoint is LoopbackEndpoint => endpoint.host === '127.0.0.1' || endpoint.host === '::1');
    },
  };
}

export { SandboxNetworkMap } from './network-map.ts';
export { SecTagStore, SPEC_EXAMPLE_SEC_TAG } from './credential-store.ts';
export { LoopbackSecureConnector } from './secure-connector.ts';
export { DEFAULT_DESTINATIONS, defaultNetworkMapDefinition } from './default-network-map.ts';
export type { NetworkMapDefinition } from './network-map-definition.ts';
export type { PeerSet } from '../../peers/peer-set.ts';
