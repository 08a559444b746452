// The default sandbox: the spec's examples work verbatim against the default PeerSet.
//
//   names
//     test.server.com   IPv4 192.168.1.100, IPv6 2001:db8::100
//     google.com        IPv4 142.251.42.142; with family hint 0 it answers 172.217.31.142
//                       (the spec's #XGETADDRINFO examples answer so: no hint and hint 1 give
//                       142.251.42.142, hint 0 gives 172.217.31.142)
//     ipv6.google.com   IPv6 2404:6800:4004:824::200e (hint 1: nothing, as for an AAAA-only name)
//     aliasOfTestServer(127), aliasOfTestServer(128)
//                       names of exactly 127 and 128 characters with test.server.com's addresses:
//                       the hostname limit (erratum E11: 127 in the firmware, 128 in the spec)
//                       shows on the wire only with a name that resolves
//   routes (device-visible destination → peer)
//     test.server.com 1234/tcp    tcp-echo           (#XCONNECT example)
//     test.server.com 1234/udp    udp-echo           (#XSENDTO example)
//     test.server.com 1235/tcp    close-after-echo   (the #XAPOLL example's "echo and close";
//                                                     or redirect 1234/tcp for one scenario)
//     test.server.com 1236/tcp    sink,  1236/udp  udp-sink
//     test.server.com 8443/tcp    tls-echo,  8443/udp  dtls-echo
//     192.168.1.100  24210/udp    udp-echo           (where #XRECVFROM says the data came from)
//     192.168.0.1     1234/tcp    tcp-echo           (#XCONNECT example)
//     2a02:c207:2051:8976::1 4567/tcp  tcp-echo on ::1 (#XCONNECT example)
//   device views
//     udp-echo appears as "192.168.1.100",24210 (the #XRECVFROM example)
//     a client connecting to the device's server appears as "192.168.0.2" (the #XACCEPT example)
//   the device's own address: 192.0.2.1 / 2001:db8::1 (documentation ranges); real binds are loopback.
//   127.0.0.1 and ::1 themselves are not in it: the device reaches no local service the map
//   does not name (a sandbox, as a modem's network is).
// test.server.com resolves to the address the #XRECVFROM example shows, so a reply to
// where a datagram came from also reaches the echo peer.

import { SPEC_TEST_SERVER } from '../../catalogue/network-use.ts';
import type { NetworkMapDefinition, RouteEntry } from './network-map-definition.ts';

/** Device-visible destinations of the default map that scenarios name. */
export const DEFAULT_DESTINATIONS = {
  testServer: SPEC_TEST_SERVER,
  echoPort: 1234,
  closeAfterEchoPort: 1235,
  sinkPort: 1236,
  securePort: 8443,
  udpEchoSource: { address: '192.168.1.100', port: 24210 },
} as const;

/** The hostname lengths erratum E11 is about; aliasOfTestServer gives a name of each. */
export const HOSTNAME_LIMIT_LENGTHS = [127, 128] as const;

/**
 * A name of exactly `length` characters ending in `.test.server.com`, in DNS-sized labels
 * (at most 63 characters each), e.g. for length 40: `xxxxxxxxxxxxxxxxxxxxxxx.test.server.com`.
 */
export function aliasOfTestServer(length: number): string {
  const suffix = `.${DEFAULT_DESTINATIONS.testServer}`;
  let prefix = length - suffix.length;
  if (!Number.isInteger(length) || prefix < 1) throw new RangeError(`a name ending in ${suffix} needs more than ${suffix.length} characters; ${length} is too short`);
  const labels: string[] = [];
  while (prefix > 0) {
    // A label and its dot take label+1 characters; never leave a remainder of 1 (an empty label).
    const label = prefix <= 63 ? prefix : Math.min(63, prefix - 2);
    labels.push('x'.repeat(label));
    prefix -= label + (prefix > label ? 1 : 0);
  }
  return `${labels.join('.')}${suffix}`;
}

export function defaultNetworkMapDefinition(): NetworkMapDefinition {
  const server = DEFAULT_DESTINATIONS.testServer;
  const serverAddresses = { ipv4: ['192.168.1.100'], ipv6: ['2001:db8::100'] };
  const routes: RouteEntry[] = [
    { address: server, port: 1234, transport: 'tcp', peer: 'tcp-echo' },
    { address: server, port: 1234, transport: 'udp', peer: 'udp-echo' },
    { address: server, port: 1235, transport: 'tcp', peer: 'close-after-echo' },
    { address: server, port: 1236, transport: 'tcp', peer: 'sink' },
    { address: server, port: 1236, transport: 'udp', peer: 'udp-sink' },
    { address: server, port: 8443, transport: 'tcp', peer: 'tls-echo' },
    { address: server, port: 8443, transport: 'udp', peer: 'dtls-echo' },
    { address: '192.168.1.100', port: 24210, transport: 'udp', peer: 'udp-echo' },
    { address: '192.168.0.1', port: 1234, transport: 'tcp', peer: 'tcp-echo' },
    { address: '2a02:c207:2051:8976::1', port: 4567, transport: 'tcp', peer: 'tcp-echo' },
  ];
  return {
    names: {
      'test.server.com': serverAddresses,
      ...Object.fromEntries(HOSTNAME_LIMIT_LENGTHS.map((length) => [aliasOfTestServer(length), serverAddresses])),
      'google.com': { ipv4: ['142.251.42.142'], byHint: { '0': ['172.217.31.142'] } },
      'ipv6.google.com': { ipv6: ['2404:6800:4004:824::200e'] },
    },
    routes,
    deviceViews: [{ peer: 'udp-echo', transport: 'udp', ...DEFAULT_DESTINATIONS.udpEchoSource }],
    deviceAddress: { ipv4: '192.0.2.1', ipv6: '2001:db8::1' },
    remoteClientAddress: { ipv4: '192.168.0.2', ipv6: '2001:db8::2' },
  };
}
