// All the loopback peers the emulator's default network and the conformance scenarios use,
// started together and stopped together.
//
//   tcp-echo          TCP, echoes every read
//   udp-echo          UDP, echoes every datagram to its sender
//   tls-echo          TLS 1.2 (test server certificate), echoes
//   dtls-echo         DTLS 1.2 (test server certificate), echoes
//   sink              TCP, records only
//   udp-sink          UDP, records only
//   close-after-echo  TCP, echoes the first read and closes (the #XAPOLL example)
//
// Each peer listens on every host given (default 127.0.0.1 and ::1), on ephemeral ports or,
// for a lab's peer host, on the spec's own ports (SPEC_PEER_PORTS).

import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { testCertificates, type TestCertificates } from '../loopback/test-certificates.ts';
import { startDatagramPeer } from './datagram-peer.ts';
import { startDtlsPeer } from './dtls-peer.ts';
import type { Peer, PeerBehaviour, PeerEndpoint } from './peer.ts';
import { startStreamPeer } from './stream-peer.ts';
import { startTlsPeer } from './tls-peer.ts';

export const PEER_NAMES = ['tcp-echo', 'udp-echo', 'tls-echo', 'dtls-echo', 'sink', 'udp-sink', 'close-after-echo'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

/** Which transport each peer speaks. */
export const PEER_TRANSPORTS: Readonly<Record<PeerName, 'tcp' | 'udp'>> = {
  'tcp-echo': 'tcp', 'udp-echo': 'udp', 'tls-echo': 'tcp', 'dtls-echo': 'udp', 'sink': 'tcp', 'udp-sink': 'udp', 'close-after-echo': 'tcp',
};

/**
 * The spec's own port of each peer, where a lab's peer host serves it: the #XCONNECT and
 * #XSENDTO examples' 1234, the echo-and-close 1235 and sink 1236 beside it, 8443 for TLS and
 * DTLS. A device whose network sends the spec's names to the peer host reaches each peer at
 * the port it asked for (the default network map routes these same ports).
 */
export const SPEC_PEER_PORTS: Readonly<Record<PeerName, number>> = {
  'tcp-echo': 1234, 'udp-echo': 1234, 'close-after-echo': 1235, 'sink': 1236, 'udp-sink': 1236, 'tls-echo': 8443, 'dtls-echo': 8443,
};

export interface PeerSetOptions {
  /** Hosts every peer listens on. Default: 127.0.0.1 and ::1 (::1 left out if the machine has no IPv6). */
  hosts?: readonly string[];
  /** Only with this may a host be anything but 127.0.0.1 / ::1 (a lab serving a real board). */
  allowExternal?: boolean;
  /** Certificates for the TLS/DTLS peers; default: the process-wide generated test set. */
  certificates?: TestCertificates;
  /** The PSK identity and key the TLS peer accepts; default: identity `sm-conformance`, 16 random bytes. */
  psk?: { identity: string; key: Buffer };
  /** Listen on SPEC_PEER_PORTS (a lab's peer host) instead of ephemeral ports. */
  specPorts?: boolean;
}

export interface PeerSet {
  readonly peers: ReadonlyMap<PeerName, Peer>;
  readonly hosts: readonly string[];
  readonly certificates: TestCertificates;
  /** What the TLS peer accepts as TLS-PSK (write it into a sec_tag as types 3 and 4). */
  readonly psk: { identity: string; key: Buffer };
  peer(name: PeerName): Peer;
  /** The peer's endpoint on `host` (default: its first). */
  endpoint(name: PeerName, host?: string): PeerEndpoint;
  /** Clears every peer's record (between scenarios). */
  clearRecords(): void;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = ['127.0.0.1', '::1'];

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host);
}

export async function startPeerSet(options: PeerSetOptions = {}): Promise<PeerSet> {
  const hosts = options.hosts ?? (await loopbackHostsAvailable());
  if (hosts.length === 0) throw new Error('peers need at least one host to listen on');
  for (const host of hosts) {
    if (net.isIP(host) === 0) throw new Error(`peer host '${host}' is not an IP address`);
    if (!isLoopbackHost(host) && !options.allowExternal) {
      throw new Error(`peer host ${host} is not loopback (127.0.0.1 or ::1); allowing it needs an explicit opt-in (allowExternal)`);
    }
  }
  const certificates = options.certificates ?? (await testCertificates());
  const psk = options.psk ?? { identity: 'sm-conformance', key: randomBytes(16) };
  const tls = { certificate: certificates.serverCertificate, key: certificates.serverKey, caCertificate: certificates.caCertificate, psk };
  const starters: Record<PeerName, () => Promise<Peer>> = {
    'tcp-echo': () => startStreamPeer(peerOptions('tcp-echo', 'echo')),
    'udp-echo': () => startDatagramPeer(peerOptions('udp-echo', 'echo')),
    'tls-echo': () => startTlsPeer(peerOptions('tls-echo', 'echo'), tls),
    'dtls-echo': () => startDtlsPeer(peerOptions('dtls-echo', 'echo'), tls),
    'sink': () => startStreamPeer(peerOptions('sink', 'sink')),
    'udp-sink': () => startDatagramPeer(peerOptions('udp-sink', 'sink')),
    'close-after-echo': () => startStreamPeer(peerOptions('close-after-echo', 'close-after-echo')),
  };
  function peerOptions(name: PeerName, behaviour: PeerBehaviour) {
    return { name, hosts, behaviour, ...(options.specPorts ? { port: SPEC_PEER_PORTS[name] } : {}) };
  }

  const peers = new Map<PeerName, Peer>();
  try {
    for (const name of PEER_NAMES) peers.set(name, await starters[name]());
  } catch (error) {
    await Promise.all([...peers.values()].map((peer) => peer.close()));
    throw error;
  }

  const peer = (name: PeerName): Peer => {
    const found = peers.get(name);
    if (!found) throw new Error(`no peer named '${name}' (peers: ${PEER_NAMES.join(', ')})`);
    return found;
  };
  return {
    peers,
    hosts,
    certificates,
    psk,
    peer,
    endpoint(name, host) {
      const endpoints = peer(name).endpoints;
      const found = host === undefined ? endpoints[0] : endpoints.find((endpoint) => endpoint.host === host);
      if (!found) throw new Error(`peer ${name} does not listen on ${host}`);
      return found;
    },
    clearRecords() {
      for (const each of peers.values()) each.record.clear();
    },
    async close() {
      await Promise.all([...peers.values()].map((each) => each.close()));
    },
  };
}

/** 127.0.0.1, and ::1 when this machine can listen there (some CI containers have no IPv6). */
export async function loopbackHostsAvailable(): Promise<string[]> {
  const ipv6 = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '::1', port: 0 }, () => probe.close(() => resolve(true)));
  });
  return ipv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1'];
}
