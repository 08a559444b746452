// Certificate checks the modem makes on a (D)TLS server, for the paths where the library
// does not make them itself (werift-dtls checks nothing; node:tls is told to check nothing
// so that peer_verify 0/1/2 and the hostname rule can be applied as the modem applies them).

import { X509Certificate } from 'node:crypto';
import net from 'node:net';

/** Why `leaf` does not chain to `caPem` (directly; the test peers send no intermediates), or undefined. */
export function chainProblem(leaf: X509Certificate, caPem: string | undefined, now: Date = new Date()): string | undefined {
  if (caPem === undefined) return 'the sec_tag holds no CA certificate to verify the server with';
  let ca: X509Certificate;
  try {
    ca = new X509Certificate(caPem);
  } catch (error) {
    return `the sec_tag's CA certificate cannot be parsed (${(error as Error).message})`;
  }
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) {
    return `the server certificate (${leaf.subject.replace(/\n/g, ', ')}) is not signed by the sec_tag's CA (${ca.subject.replace(/\n/g, ', ')})`;
  }
  if (now < new Date(leaf.validFrom) || now > new Date(leaf.validTo)) {
    return `the server certificate is not valid now (valid ${leaf.validFrom} to ${leaf.validTo})`;
  }
  return undefined;
}

/** Why `leaf` is not valid for `hostname` (a DNS name or an IP literal), or undefined. */
export function hostnameProblem(leaf: X509Certificate, hostname: string): string | undefined {
  const matches = net.isIP(hostname) !== 0 ? leaf.checkIP(hostname) : leaf.checkHost(hostname);
  return matches === undefined
    ? `the server certificate is not valid for hostname "${hostname}" (it names ${leaf.subjectAltName ?? leaf.subject})`
    : undefined;
}
