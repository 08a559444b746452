// The sandbox the emulator's sockets live in: names come from a table, every destination
// is looked up in a route table that only ever yields 127.0.0.1 or ::1, and anything not
// in it is refused (and counted, so a test can show that nothing was attempted).

import net from 'node:net';
import type { AddressFamily, LoopbackEndpoint, NetworkMap } from '../types.ts';
import {
  canonicalAddress, type HintKey, type NameEntry, type NetworkMapDefinition, type RouteEntry, type Transport,
} from './network-map-definition.ts';

/** Where named peers listen; a map built from a PeerSet asks it for routes that name a peer. */
export interface PeerDirectory {
  /** The peer's endpoints, loopback only. */
  endpointsOf(peer: string, transport: Transport): readonly LoopbackEndpoint[];
}

export interface RefusedDestination {
  address: string;
  port: number;
  transport: Transport;
}

type Target = { peer: string } | { to: LoopbackEndpoint };

const DEFAULT_DEVICE_ADDRESS = { ipv4: '192.0.2.1', ipv6: '2001:db8::1' };
const DEFAULT_REMOTE_CLIENT = { ipv4: '192.168.0.2', ipv6: '2001:db8::2' };

function routeKey(address: string, port: number, transport: Transport): string {
  return `${transport} ${address} ${port}`;
}

function isLoopbackEndpointHost(host: string): host is LoopbackEndpoint['host'] {
  return host === '127.0.0.1' || host === '::1';
}

export class SandboxNetworkMap implements NetworkMap {
  readonly deviceAddress: { ipv4: string; ipv6: string };
  readonly #names = new Map<string, NameEntry>();
  /** Insertion order matters: the first route reaching a peer is how the device sees it. */
  readonly #routes = new Map<string, { address: string; port: number; transport: Transport; target: Target }>();
  readonly #views: { peer: string; transport: Transport; address: string; port: number }[];
  readonly #remoteClient: { ipv4: string; ipv6: string };
  readonly #loopbackPassthrough: boolean;
  readonly #refused: RefusedDestination[] = [];

  constructor(definition: NetworkMapDefinition, private readonly peers?: PeerDirectory) {
    for (const [name, entry] of Object.entries(definition.names)) this.#names.set(name.toLowerCase(), entry);
    for (const route of definition.routes) this.#addRoute(route);
    this.#views = (definition.deviceViews ?? []).map((view) => ({ ...view, address: canonicalAddress(view.address) ?? view.address }));
    this.deviceAddress = { ...(definition.deviceAddress ?? DEFAULT_DEVICE_ADDRESS) };
    this.#remoteClient = { ...(definition.remoteClientAddress ?? DEFAULT_REMOTE_CLIENT) };
    this.#loopbackPassthrough = definition.loopbackPassthrough ?? false;
  }

  resolve(name: string, family?: AddressFamily): string[] {
    const literal = canonicalAddress(name);
    if (literal !== undefined) {
      const version = net.isIP(literal);
      return (family === 1 && version === 6) || (family === 2 && version === 4) ? [] : [literal];
    }
    const entry = this.#names.get(name.toLowerCase());
    if (!entry) return [];
    const hint: HintKey = family === undefined ? 'none' : (String(family) as HintKey);
    const override = entry.byHint?.[hint];
    if (override) return [...override];
    if (family === 1) return [...(entry.ipv4 ?? [])];
    if (family === 2) return [...(entry.ipv6 ?? [])];
    const first = entry.ipv4?.[0] ?? entry.ipv6?.[0];
    return first === undefined ? [] : [first];
  }

  route(address: string, port: number, transport: Transport): LoopbackEndpoint | undefined {
    const canonical = canonicalAddress(address);
    const found = canonical === undefined ? undefined : this.#routes.get(routeKey(canonical, port, transport));
    const endpoint = found ? this.#endpointOf(found.target, canonical!, transport)
      : canonical !== undefined && this.#loopbackPassthrough && isLoopbackEndpointHost(canonical) ? { host: canonical, port }
        : undefined;
    if (!endpoint) this.#refused.push({ address, port, transport });
    return endpoint;
  }

  deviceViewOf(source: LoopbackEndpoint, transport: Transport, family?: 1 | 2): { address: string; port: number } {
    const host = canonicalAddress(source.host) ?? source.host;
    // The device sees addresses of its socket's family, whichever loopback the peer is on
    // (emulate --peers puts the peers on the other loopback from the device's servers).
    const version = family === undefined ? net.isIP(host) : family === 2 ? 6 : 4;
    const same = (endpoint: LoopbackEndpoint) => endpoint.host === host && endpoint.port === source.port;
    for (const view of this.#views) {
      if (view.transport === transport && this.#endpointsOfPeer(view.peer, transport).some(same)) {
        return { address: view.address, port: view.port };
      }
    }
    for (const route of this.#routes.values()) {
      if (route.transport !== transport) continue;
      if ('to' in route.target) {
        if (same(route.target.to)) return { address: route.address, port: route.port };
        continue;
      }
      // A peer listens on both loopbacks: an IPv6 source shows as the route's IPv6 address.
      if (net.isIP(route.address) !== version) continue;
      const endpoints = this.#endpointsOfPeer(route.target.peer, transport);
      if (endpoints.some(same)) return { address: route.address, port: route.port };
    }
    const remote = version === 6 ? this.#remoteClient.ipv6 : this.#remoteClient.ipv4;
    return { address: remote, port: source.port };
  }

  /** Every destination refused so far, in order (the proof that nothing unmapped was tried). */
  get refused(): readonly RefusedDestination[] {
    return this.#refused;
  }

  /**
   * Points a destination (an address or a name from the table: then all its addresses) at
   * another peer or loopback endpoint, e.g. for one scenario. Adds the route if it was absent.
   */
  redirect(address: string, port: number, transport: Transport, target: { peer: string } | { to: LoopbackEndpoint }): void {
    if ('to' in target && !isLoopbackEndpointHost(target.to.host)) {
      throw new Error(`network map: ${target.to.host} is not loopback; routes may only reach 127.0.0.1 or ::1`);
    }
    this.#addRoute({ address, port, transport, ...('to' in target ? { to: target.to } : { peer: target.peer }) });
  }

  /** The device-visible destinations that reach `peer` (how a scenario finds where to send). */
  destinationsOf(peer: string): { address: string; port: number; transport: Transport }[] {
    return [...this.#routes.values()]
      .filter((route) => 'peer' in route.target && route.target.peer === peer)
      .map(({ address, port, transport }) => ({ address, port, transport }));
  }

  #addRoute(route: RouteEntry): void {
    const literal = canonicalAddress(route.address);
    const entry = literal === undefined ? this.#names.get(route.address.toLowerCase()) : undefined;
    if (literal === undefined && !entry) throw new Error(`network map: route address "${route.address}" is neither an IP address nor a known name`);
    const addresses = literal !== undefined ? [literal]
      : [...(entry!.ipv4 ?? []), ...(entry!.ipv6 ?? []), ...Object.values(entry!.byHint ?? {}).flat()]
        .map((address) => canonicalAddress(address)!);
    const target: Target = route.to ? { to: route.to } : { peer: route.peer! };
    for (const address of new Set(addresses)) {
      const key = routeKey(address, route.port, route.transport);
      this.#routes.delete(key); // a redirect moves to the end: it must not become the peer's first view
      this.#routes.set(key, { address, port: route.port, transport: route.transport, target });
    }
  }

  #endpointsOfPeer(peer: string, transport: Transport): readonly LoopbackEndpoint[] {
    return this.peers?.endpointsOf(peer, transport) ?? [];
  }

  #endpointOf(target: Target, destination: string, transport: Transport): LoopbackEndpoint | undefined {
    if ('to' in target) return target.to;
    const endpoints = this.#endpointsOfPeer(target.peer, transport);
    const wantedHost = net.isIP(destination) === 6 ? '::1' : '127.0.0.1';
    return endpoints.find((endpoint) => endpoint.host === wantedHost) ?? endpoints[0];
  }
}
