// IANA numbers of the TLS 1.2 cipher suites Node may negotiate, keyed by OpenSSL name:
// TLS_CIPHERSUITE_USED reports the number the handshake chose (printed 0x…, notes §4).

const IANA_BY_OPENSSL_NAME: ReadonlyMap<string, number> = new Map([
  ['ECDHE-ECDSA-AES128-GCM-SHA256', 0xc02b],
  ['ECDHE-ECDSA-AES256-GCM-SHA384', 0xc02c],
  ['ECDHE-RSA-AES128-GCM-SHA256', 0xc02f],
  ['ECDHE-RSA-AES256-GCM-SHA384', 0xc030],
  ['ECDHE-ECDSA-AES128-SHA256', 0xc023],
  ['ECDHE-RSA-AES128-SHA256', 0xc027],
  ['ECDHE-ECDSA-AES128-CCM8', 0xc0ae],
  ['ECDHE-ECDSA-AES128-CCM', 0xc0ac],
  ['ECDHE-RSA-CHACHA20-POLY1305', 0xcca8],
  ['ECDHE-ECDSA-CHACHA20-POLY1305', 0xcca9],
  ['ECDHE-PSK-AES128-CBC-SHA256', 0xc037],
  ['ECDHE-PSK-CHACHA20-POLY1305', 0xccac],
  ['AES128-GCM-SHA256', 0x009c],
  ['AES256-GCM-SHA384', 0x009d],
  ['AES128-SHA256', 0x003c],
  ['PSK-AES128-GCM-SHA256', 0x00a8],
  ['PSK-AES256-GCM-SHA384', 0x00a9],
  ['PSK-AES128-CBC-SHA256', 0x00ae],
  ['PSK-AES128-CCM8', 0xc0a8],
  ['PSK-AES128-CCM', 0xc0a4],
  ['PSK-CHACHA20-POLY1305', 0xccab],
]);

export function ianaCipherSuite(openSslName: string): number | undefined {
  return IANA_BY_OPENSSL_NAME.get(openSslName);
}
