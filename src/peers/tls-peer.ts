// The TLS 1.2 echo peer: a stream peer whose server speaks TLS with the test server
// certificate. It asks for a client certificate but does not require one, so sockets with
// and without client credentials can both reach it. It also accepts TLS-PSK with the
// identity/key pair given, for sec_tags that hold a PSK instead of a CA.

import tls from 'node:tls';
import { TLS_PSK_CIPHERS } from '../loopback/tls-psk-ciphers.ts';
import type { Peer, PeerOptions } from './peer.ts';
import { startStreamPeer } from './stream-peer.ts';

export interface TlsPeerCredentials {
  certificate: string;
  key: string;
  /** CA that client certificates are checked against (recorded, not enforced). */
  caCertificate: string;
  /** The one PSK identity and key the peer accepts. */
  psk?: { identity: string; key: Buffer };
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
      ...(credentials.psk ? {
        // Node's default list ends in !PSK, which would strike PSK suites added after it.
        ciphers: `${TLS_PSK_CIPHERS}:${tls.DEFAULT_CIPHERS.split(':').filter((entry) => entry !== '!PSK').join(':')}`,
        pskCallback: (_socket: tls.TLSSocket, identity: string) => (identity === credentials.psk!.identity ? credentials.psk!.key : null),
      } : {}),
    }, onConnection);
    // A failed handshake (wrong CA on the device side, scans) is the device's business.
    server.on('tlsClientError', () => undefined);
    return server;
  });
}
