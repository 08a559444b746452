// The sandbox map on its own (no sockets): resolution per family hint as the spec's
// examples answer, routing of the examples' destinations, refusal of everything else,
// and how peers appear to the device.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxNetworkMap, type PeerDirectory } from '../src/emulator/network/network-map.ts';
import { defaultNetworkMapDefinition } from '../src/emulator/network/default-network-map.ts';
import type { LoopbackEndpoint } from '../src/emulator/types.ts';

// Fixed fake ports: peer p listens on 127.0.0.1:(base) and ::1:(base+1).
const PORTS: Record<string, number> = {
  'tcp-echo': 41000, 'udp-echo': 42000, 'tls-echo': 43000, 'dtls-echo': 44000,
  'sink': 45000, 'udp-sink': 46000, 'close-after-echo': 47000,
};
const UDP_PEERS = new Set(['udp-echo', 'dtls-echo', 'udp-sink']);
const fakePeers: PeerDirectory = {
  endpointsOf(peer, transport) {
    const base = PORTS[peer];
    if (base === undefined || UDP_PEERS.has(peer) !== (transport === 'udp')) return [];
    return [{ host: '127.0.0.1', port: base }, { host: '::1', port: base + 1 }];
  },
};
const defaultMap = () => new SandboxNetworkMap(defaultNetworkMapDefinition(), fakePeers);

describe('NetworkMap resolve', () => {
  it('answers the spec #XGETADDRINFO examples verbatim, per family hint', () => {
    const map = defaultMap();
    assert.deepEqual(map.resolve('google.com'), ['142.251.42.142']);
    assert.deepEqual(map.resolve('google.com', 0), ['172.217.31.142']);
    assert.deepEqual(map.resolve('google.com', 1), ['142.251.42.142']);
    assert.deepEqual(map.resolve('ipv6.google.com', 2), ['2404:6800:4004:824::200e']);
  });

  it('answers per family: IPv4 for 1, IPv6 for 2, one address for 0 / no hint', () => {
    const map = defaultMap();
    assert.deepEqual(map.resolve('test.server.com', 1), ['192.168.1.100']);
    assert.deepEqual(map.resolve('test.server.com', 2), ['2001:db8::100']);
    assert.deepEqual(map.resolve('test.server.com', 0), ['192.168.1.100']);
    assert.deepEqual(map.resolve('TEST.Server.COM'), ['192.168.1.100'], 'DNS names are case-insensitive');
    assert.deepEqual(map.resolve('ipv6.google.com', 1), [], 'an IPv6-only name has no IPv4 answer');
    assert.deepEqual(map.resolve('ipv6.google.com'), ['2404:6800:4004:824::200e']);
  });

  it('resolves IP literals to themselves (canonical form) unless the family excludes them', () => {
    const map = defaultMap();
    assert.deepEqual(map.resolve('192.168.0.1', 1), ['192.168.0.1']);
    assert.deepEqual(map.resolve('2A02:C207:2051:8976:0:0:0:1'), ['2a02:c207:2051:8976::1']);
    assert.deepEqual(map.resolve('192.168.0.1', 2), []);
    assert.deepEqual(map.resolve('::1', 1), []);
  });

  it('knows no other name (EAI_NONAME): nothing is ever looked up for real', () => {
    assert.deepEqual(defaultMap().resolve('example.com'), []);
    assert.deepEqual(defaultMap().resolve('localhost', 1), []);
  });
});

describe('NetworkMap route', () => {
  it('routes the spec examples\' destinations to loopback peers', () => {
    const map = defaultMap();
    assert.deepEqual(map.route('192.168.1.100', 1234, 'tcp'), { host: '127.0.0.1', port: 41000 });
    assert.deepEqual(map.route('192.168.1.100', 1234, 'udp'), { host: '127.0.0.1', port: 42000 });
    assert.deepEqual(map.route('192.168.0.1', 1234, 'tcp'), { host: '127.0.0.1', port: 41000 });
    assert.deepEqual(map.route('2a02:c207:2051:8976::1', 4567, 'tcp'), { host: '::1', port: 41001 }, 'IPv6 reaches the ::1 endpoint');
    assert.deepEqual(map.route('2001:db8::100', 1234, 'tcp'), { host: '::1', port: 41001 });
    assert.deepEqual(map.route('192.168.1.100', 1235, 'tcp'), { host: '127.0.0.1', port: 47000 }, 'close-after-echo');
    assert.deepEqual(map.route('192.168.1.100', 8443, 'tcp'), { host: '127.0.0.1', port: 43000 }, 'tls-echo');
    assert.deepEqual(map.route('192.168.1.100', 8443, 'udp'), { host: '127.0.0.1', port: 44000 }, 'dtls-echo');
    assert.deepEqual(map.route('192.168.1.100', 24210, 'udp'), { host: '127.0.0.1', port: 42000 }, 'reply to where #XRECVFROM said');
  });

  it('refuses unmapped addresses, ports and transports, and records each refusal', () => {
    const map = defaultMap();
    assert.equal(map.route('8.8.8.8', 53, 'udp'), undefined);
    assert.equal(map.route('192.168.0.1', 1235, 'tcp'), undefined, 'mapped address, unmapped port');
    assert.equal(map.route('192.168.0.1', 1234, 'udp'), undefined, 'mapped port, other transport');
    assert.equal(map.route('142.251.42.142', 443, 'tcp'), undefined, 'a resolvable name is not thereby routed');
    assert.equal(map.route('test.server.com', 1234, 'tcp'), undefined, 'route takes addresses, not names');
    assert.deepEqual(map.refused.map((r) => `${r.address}:${r.port}/${r.transport}`),
      ['8.8.8.8:53/udp', '192.168.0.1:1235/tcp', '192.168.0.1:1234/udp', '142.251.42.142:443/tcp', 'test.server.com:1234/tcp']);
  });

  it('refuses loopback destinations the map does not name, unless the map opts into passing them through', () => {
    const sandbox = defaultMap();
    assert.equal(sandbox.route('127.0.0.1', 5000, 'tcp'), undefined);
    assert.equal(sandbox.route('::1', 5000, 'udp'), undefined);
    assert.deepEqual(sandbox.refused.map((r) => `${r.address}:${r.port}/${r.transport}`), ['127.0.0.1:5000/tcp', '::1:5000/udp']);
    const open = new SandboxNetworkMap({ ...defaultNetworkMapDefinition(), loopbackPassthrough: true }, fakePeers);
    assert.deepEqual(open.route('127.0.0.1', 5000, 'tcp'), { host: '127.0.0.1', port: 5000 });
    assert.deepEqual(open.route('::1', 5000, 'udp'), { host: '::1', port: 5000 });
    const named = new SandboxNetworkMap({ ...defaultNetworkMapDefinition(), routes: [{ address: '127.0.0.1', port: 5000, transport: 'tcp', to: { host: '127.0.0.1', port: 5000 } }] }, fakePeers);
    assert.deepEqual(named.route('127.0.0.1', 5000, 'tcp'), { host: '127.0.0.1', port: 5000 }, 'an explicit map entry is the narrow opt-in');
    assert.equal(named.route('127.0.0.1', 5001, 'tcp'), undefined);
  });

  it('refuses a route whose peer is not running', () => {
    const map = new SandboxNetworkMap(defaultNetworkMapDefinition()); // no peer directory
    assert.equal(map.route('192.168.0.1', 1234, 'tcp'), undefined);
  });

  it('lets a scenario redirect a destination (the #XAPOLL example: echo and close on 1234)', () => {
    const map = defaultMap();
    map.redirect('test.server.com', 1234, 'tcp', { peer: 'close-after-echo' });
    assert.deepEqual(map.route('192.168.1.100', 1234, 'tcp'), { host: '127.0.0.1', port: 47000 });
    assert.deepEqual(map.route('2001:db8::100', 1234, 'tcp'), { host: '::1', port: 47001 });
    assert.throws(() => map.redirect('192.168.0.1', 1, 'tcp', { to: { host: '10.0.0.1' as '127.0.0.1', port: 1 } }), /not loopback/);
    assert.throws(() => map.redirect('nowhere.example', 1, 'tcp', { peer: 'sink' }), /neither an IP address nor a known name/);
  });

  it('tells a scenario which device-visible destinations reach a peer', () => {
    const destinations = defaultMap().destinationsOf('close-after-echo');
    assert.deepEqual(destinations, [
      { address: '192.168.1.100', port: 1235, transport: 'tcp' },
      { address: '2001:db8::100', port: 1235, transport: 'tcp' },
    ]);
  });
});

describe('NetworkMap deviceViewOf', () => {
  const map = defaultMap();
  const at = (host: LoopbackEndpoint['host'], port: number): LoopbackEndpoint => ({ host, port });

  it('shows the UDP echo peer as the #XRECVFROM example\'s "192.168.1.100",24210', () => {
    assert.deepEqual(map.deviceViewOf(at('127.0.0.1', 42000), 'udp'), { address: '192.168.1.100', port: 24210 });
    assert.deepEqual(map.deviceViewOf(at('::1', 42001), 'udp'), { address: '192.168.1.100', port: 24210 });
  });

  it('shows other peers as the first destination that reaches them, in the source\'s family', () => {
    assert.deepEqual(map.deviceViewOf(at('127.0.0.1', 41000), 'tcp'), { address: '192.168.1.100', port: 1234 });
    assert.deepEqual(map.deviceViewOf(at('::1', 41001), 'tcp'), { address: '2001:db8::100', port: 1234 });
    assert.deepEqual(map.deviceViewOf(at('127.0.0.1', 46000), 'udp'), { address: '192.168.1.100', port: 1236 });
  });

  it('shows an unknown loopback client as the #XACCEPT example\'s 192.168.0.2, keeping its port', () => {
    assert.deepEqual(map.deviceViewOf(at('127.0.0.1', 51515), 'tcp'), { address: '192.168.0.2', port: 51515 });
    assert.deepEqual(map.deviceViewOf(at('::1', 51516), 'tcp'), { address: '2001:db8::2', port: 51516 });
  });

  it('shows a source in the device socket\'s family when given, whichever loopback it is on (emulate --peers)', () => {
    assert.deepEqual(map.deviceViewOf(at('::1', 41001), 'tcp', 1), { address: '192.168.1.100', port: 1234 });
    assert.deepEqual(map.deviceViewOf(at('127.0.0.1', 41000), 'tcp', 2), { address: '2001:db8::100', port: 1234 });
    assert.deepEqual(map.deviceViewOf(at('::1', 51516), 'tcp', 1), { address: '192.168.0.2', port: 51516 });
    assert.deepEqual(map.deviceViewOf(at('127.0.0.1', 51515), 'tcp', 2), { address: '2001:db8::2', port: 51515 });
  });

  it('gives the device documentation-range addresses of its own', () => {
    assert.deepEqual(map.deviceAddress, { ipv4: '192.0.2.1', ipv6: '2001:db8::1' });
  });
});
