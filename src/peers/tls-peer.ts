// The TLS 1.2 echo peer: a stream peer whose server speaks TLS with the test server
// certificate. It asks for a client certificate but does not require one, so sockets with
// and without client credentials can both reach it.

import tls from 'node:tls';
import type { Peer, PeerOptions } from './peer.ts';
import { startStreamPeer } from './stream-peer.ts';

export interface TlsPeerCredentials {
  certificate: string;
  key: string;
  /** CA that client certificates are checked against (recorded, not enforced). */
  caCertificate: string;
}

export function startTlsPeer(options: PeerOptions, credentials: TlsPeerCredentials): Promise<Peer> {
  return startStreamPeer(options, (onConnection) => {
    const server = tls.createServer({
      cert: credentials.certificate,
      key: credentials.key,
      ca: credentials.caCertificate,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
    }, onConnection);
    // A failed handshake (wrong CA on the device side, scans) is the device's business.
    server.on('tlsClientError', () => undefined);
    return server;
  });
}
