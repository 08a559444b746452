// The data a network map is made of, as a user writes it in a JSON file
// (`loadNetworkMapFile`) or as code builds it (`defaultNetworkMapDefinition`).
//
// JSON format (every key but "names" and "routes" optional):
//
// {
//   "names": {
//     "test.server.com": { "ipv4": ["192.168.1.100"], "ipv6": ["2001:db8::100"] },
//     "google.com":      { "ipv4": ["142.251.42.142"], "byHint": { "0": ["172.217.31.142"] } }
//   },
//   "routes": [
//     { "address": "test.server.com", "port": 1234, "transport": "tcp", "peer": "tcp-echo" },
//     { "address": "192.168.0.1",     "port": 1234, "transport": "tcp", "to": { "host": "127.0.0.1", "port": 40000 } }
//   ],
//   "deviceViews": [ { "peer": "udp-echo", "transport": "udp", "address": "192.168.1.100", "port": 24210 } ],
//   "deviceAddress": { "ipv4": "192.0.2.1", "ipv6": "2001:db8::1" },
//   "remoteClientAddress": { "ipv4": "192.168.0.2", "ipv6": "2001:db8::2" },
//   "loopbackPassthrough": true,
//   "external": [ { "address": "203.0.113.5", "port": 443, "transport": "tcp" } ]
// }
//
// names: what #XGETADDRINFO / #XCONNECT / #XSENDTO resolve. Family hint 1 answers "ipv4",
//   hint 2 "ipv6"; hint 0 and no hint answer one address (the first IPv4, else the first
//   IPv6), as the modem's getaddrinfo usually does. "byHint" overrides the answer for one
//   hint: keys "none" (no <address_family> given), "0", "1", "2".
// routes: device-visible address (an IP literal, or a name: then every address it resolves
//   to) + port + transport → a peer by name ("peer") or a loopback endpoint ("to", host
//   127.0.0.1 or ::1 only). An IPv6 destination reaches the peer's ::1 endpoint when it has one.
// deviceViews: how a peer appears to the device as a source (#XRECVFROM, #XACCEPT). A peer
//   with none appears as the first route that reaches it; an unknown loopback source (a
//   client connecting to the device's server) appears as remoteClientAddress with its port.
// deviceAddress: the device's own IP, as the device sees it (#XBIND binds loopback for real).
// loopbackPassthrough: destinations 127.0.0.1 / ::1 route to themselves (default false: the
//   device reaches only what the map names; `emulate --allow-loopback` turns it on). A
//   route with "to" is the narrower opt-in: one local service, named. Either way the
//   emulator's own serving port stays out of reach (sockets/serving-endpoints.ts).
// external: real destinations (IP literals) the device may reach through a relay on
//   127.0.0.1. Honoured only with the explicit allowExternal option; a map that lists them
//   is refused without it. Nothing unlisted is ever reached, allowExternal or not.

import net from 'node:net';

export type Transport = 'tcp' | 'udp';
export type HintKey = 'none' | '0' | '1' | '2';

export interface NameEntry {
  ipv4?: string[];
  ipv6?: string[];
  byHint?: Partial<Record<HintKey, string[]>>;
}

export interface RouteEntry {
  /** An IP literal or a name from `names`. */
  address: string;
  port: number;
  transport: Transport;
  /** A peer of the PeerSet, by name. Exactly one of `peer` and `to`. */
  peer?: string;
  to?: { host: '127.0.0.1' | '::1'; port: number };
}

export interface DeviceViewEntry {
  peer: string;
  transport: Transport;
  address: string;
  port: number;
}

export interface NetworkMapDefinition {
  names: Record<string, NameEntry>;
  routes: RouteEntry[];
  deviceViews?: DeviceViewEntry[];
  deviceAddress?: { ipv4: string; ipv6: string };
  remoteClientAddress?: { ipv4: string; ipv6: string };
  loopbackPassthrough?: boolean;
  external?: { address: string; port: number; transport: Transport }[];
}

/** The canonical text of an IP literal (lower case, IPv6 compressed), or undefined for a non-IP. */
export function canonicalAddress(address: string): string | undefined {
  const version = net.isIP(address);
  if (version === 4) return address;
  if (version === 6) return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  return undefined;
}

/**
 * Checks untrusted input (parsed JSON) against the format above. Every problem is listed,
 * each with its JSON path, so a user can fix a file in one go.
 */
export function validateNetworkMapDefinition(input: unknown, knownPeers?: readonly string[]): NetworkMapDefinition {
  const problems: string[] = [];
  const problem = (path: string, message: string) => problems.push(`${path}: ${message}`);
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const checkKeys = (value: Record<string, unknown>, path: string, allowed: string[]) => {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) problem(`${path}.${key}`, `unknown key (allowed: ${allowed.join(', ')})`);
  };
  const checkAddresses = (value: unknown, path: string, version: 4 | 6 | 0) => {
    if (!Array.isArray(value)) return problem(path, 'must be an array of IP addresses');
    value.forEach((item, index) => {
      const ok = typeof item === 'string' && (version === 0 ? net.isIP(item) !== 0 : net.isIP(item) === version);
      if (!ok) problem(`${path}[${index}]`, `${JSON.stringify(item)} is not an IPv${version === 0 ? '4/IPv6' : version} address`);
    });
  };
  const checkPort = (value: unknown, path: string) => {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 65535) problem(path, 'must be an integer port 0–65535');
  };
  const checkTransport = (value: unknown, path: string) => {
    if (value !== 'tcp' && value !== 'udp') problem(path, `must be "tcp" or "udp", not ${JSON.stringify(value)}`);
  };
  const checkPeer = (value: unknown, path: string) => {
    if (typeof value !== 'string' || value === '') return problem(path, 'must be a peer name');
    if (knownPeers && !knownPeers.includes(value)) problem(path, `unknown peer "${value}" (peers: ${knownPeers.join(', ')})`);
  };
  const checkAddressPair = (value: unknown, path: string) => {
    if (!isObject(value)) return problem(path, 'must be an object { "ipv4": ..., "ipv6": ... }');
    checkKeys(value, path, ['ipv4', 'ipv6']);
    if (typeof value.ipv4 !== 'string' || net.isIP(value.ipv4) !== 4) problem(`${path}.ipv4`, 'must be an IPv4 address');
    if (typeof value.ipv6 !== 'string' || net.isIP(value.ipv6) !== 6) problem(`${path}.ipv6`, 'must be an IPv6 address');
  };

  if (!isObject(input)) throw new Error('network map: the top level must be a JSON object');
  checkKeys(input, '$', ['names', 'routes', 'deviceViews', 'deviceAddress', 'remoteClientAddress', 'loopbackPassthrough', 'external']);

  const names = input.names;
  if (!isObject(names)) problem('$.names', 'must be an object mapping host names to addresses');
  else {
    for (const [name, entry] of Object.entries(names)) {
      const path = `$.names[${JSON.stringify(name)}]`;
      // 128: the spec's hostname limit, which the doc profile takes (the firmware stops at 127, E11).
      if (name === '' || name.length > 128 || net.isIP(name) !== 0) problem(path, 'a name must be 1–128 characters and not an IP literal');
      if (!isObject(entry)) { problem(path, 'must be an object with "ipv4" and/or "ipv6"'); continue; }
      checkKeys(entry, path, ['ipv4', 'ipv6', 'byHint']);
      if (entry.ipv4 !== undefined) checkAddresses(entry.ipv4, `${path}.ipv4`, 4);
      if (entry.ipv6 !== undefined) checkAddresses(entry.ipv6, `${path}.ipv6`, 6);
      if (entry.byHint !== undefined) {
        if (!isObject(entry.byHint)) problem(`${path}.byHint`, 'must be an object');
        else {
          checkKeys(entry.byHint, `${path}.byHint`, ['none', '0', '1', '2']);
          for (const [hint, addresses] of Object.entries(entry.byHint)) checkAddresses(addresses, `${path}.byHint.${hint}`, 0);
        }
      }
    }
  }

  const nameKnown = (address: unknown) => typeof address === 'string' && isObject(names)
    && Object.keys(names).some((name) => name.toLowerCase() === address.toLowerCase());
  const routes = input.routes;
  if (!Array.isArray(routes)) problem('$.routes', 'must be an array of routes');
  else {
    routes.forEach((route: unknown, index) => {
      const path = `$.routes[${index}]`;
      if (!isObject(route)) return problem(path, 'must be an object');
      checkKeys(route, path, ['address', 'port', 'transport', 'peer', 'to']);
      if (typeof route.address !== 'string' || (net.isIP(route.address) === 0 && !nameKnown(route.address))) {
        problem(`${path}.address`, `${JSON.stringify(route.address)} is neither an IP address nor a name listed in "names"`);
      }
      checkPort(route.port, `${path}.port`);
      checkTransport(route.transport, `${path}.transport`);
      if ((route.peer === undefined) === (route.to === undefined)) problem(path, 'needs exactly one of "peer" and "to"');
      if (route.peer !== undefined) checkPeer(route.peer, `${path}.peer`);
      if (route.to !== undefined) {
        if (!isObject(route.to)) problem(`${path}.to`, 'must be { "host": "127.0.0.1" | "::1", "port": N }');
        else {
          checkKeys(route.to, `${path}.to`, ['host', 'port']);
          if (route.to.host !== '127.0.0.1' && route.to.host !== '::1') {
            problem(`${path}.to.host`, `${JSON.stringify(route.to.host)} is not loopback: routes may only reach 127.0.0.1 or ::1`);
          }
          checkPort(route.to.port, `${path}.to.port`);
        }
      }
    });
  }

  if (input.deviceViews !== undefined) {
    if (!Array.isArray(input.deviceViews)) problem('$.deviceViews', 'must be an array');
    else input.deviceViews.forEach((view: unknown, index) => {
      const path = `$.deviceViews[${index}]`;
      if (!isObject(view)) return problem(path, 'must be an object');
      checkKeys(view, path, ['peer', 'transport', 'address', 'port']);
      checkPeer(view.peer, `${path}.peer`);
      checkTransport(view.transport, `${path}.transport`);
      if (typeof view.address !== 'string' || net.isIP(view.address) === 0) problem(`${path}.address`, 'must be an IP address');
      checkPort(view.port, `${path}.port`);
    });
  }
  if (input.deviceAddress !== undefined) checkAddressPair(input.deviceAddress, '$.deviceAddress');
  if (input.remoteClientAddress !== undefined) checkAddressPair(input.remoteClientAddress, '$.remoteClientAddress');
  if (input.loopbackPassthrough !== undefined && typeof input.loopbackPassthrough !== 'boolean') {
    problem('$.loopbackPassthrough', 'must be true or false');
  }

  if (input.external !== undefined) {
    if (!Array.isArray(input.external)) problem('$.external', 'must be an array');
    else input.external.forEach((destination: unknown, index) => {
      const path = `$.external[${index}]`;
      if (!isObject(destination)) return problem(path, 'must be an object');
      checkKeys(destination, path, ['address', 'port', 'transport']);
      if (typeof destination.address !== 'string' || net.isIP(destination.address) === 0) problem(`${path}.address`, 'must be an IP address');
      checkPort(destination.port, `${path}.port`);
      checkTransport(destination.transport, `${path}.transport`);
    });
  }

  if (problems.length > 0) throw new Error(`network map is not valid:\n  ${problems.join('\n  ')}`);
  return input as unknown as NetworkMapDefinition;
}
