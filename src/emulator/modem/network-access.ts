// What the socket commands may ask the modem: whether the network is there right now, and
// whether a PDN is up for a socket's <cid>. A modem that is offline, searching or detached
// has no network: names do not resolve and nothing routes (so #XCONNECT, #XSENDTO and
// #XGETADDRINFO answer ERROR), and #XBIND finds no address of the default PDN to bind to
// (firmware-notes §4 #XBIND: ERROR, -ENETDOWN).

import type { NetworkMap } from '../types.ts';

export interface NetworkAccess {
  /** True when registered with the default PDN up; each call is one use of the network. */
  useNetwork(): boolean;
  /** Whether the PDN of `cid` is active (cid 0: the default PDN). */
  pdnActive(cid: number): boolean;
}

/** For the command modules on their own (unit tests): always attached, every PDN up. */
export const ALWAYS_ATTACHED: NetworkAccess = { useNetwork: () => true, pdnActive: () => true };

/** The network map as an offline modem sees it: nothing resolves, nothing routes. */
export function networkThroughModem(map: NetworkMap, modem: NetworkAccess): NetworkMap {
  return {
    resolve: (name, family) => (modem.useNetwork() ? map.resolve(name, family) : []),
    route: (address, port, transport) => (modem.useNetwork() ? map.route(address, port, transport) : undefined),
    deviceViewOf: (source, transport, family) => map.deviceViewOf(source, transport, family),
    get deviceAddress() {
      return map.deviceAddress;
    },
  };
}
