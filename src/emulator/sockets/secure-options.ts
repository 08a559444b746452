// The #XSSOCKETOPT options of one TLS/DTLS socket (notes §4 #XSSOCKETOPT). The socket
// reads secTag/peerVerify/hostname from here when it connects (SecureSettings), so an
// option set before #XCONNECT really changes the handshake.

import type { SecureSettings } from '../types.ts';
import { SocketError } from './socket-error.ts';

export const TLS_HOSTNAME = 2;
export const TLS_CIPHERSUITE_USED = 4;
export const TLS_PEER_VERIFY = 5;
export const TLS_SESSION_CACHE = 12;
export const TLS_SESSION_CACHE_PURGE = 13;
export const TLS_DTLS_CID = 14;
export const TLS_DTLS_CID_STATUS = 15;
export const TLS_DTLS_HANDSHAKE_TIMEO = 18;

const NAMES = new Set([
  TLS_HOSTNAME, TLS_CIPHERSUITE_USED, TLS_PEER_VERIFY, TLS_SESSION_CACHE,
  TLS_SESSION_CACHE_PURGE, TLS_DTLS_CID, TLS_DTLS_CID_STATUS, TLS_DTLS_HANDSHAKE_TIMEO,
]);

/** The handshake timeouts nrf_socket.h allows (seconds); 0 keeps the modem default. */
const HANDSHAKE_TIMEOUTS = new Set([0, 1, 3, 7, 15, 31, 63, 123]);

export function isSecureOptionName(name: number): boolean {
  return NAMES.has(name);
}

/** A read option, typed by how #XSSOCKETOPT prints it. */
export type SecureOptionValue =
  | { kind: 'integer'; value: number }
  | { kind: 'hostname'; value: string }
  | { kind: 'cipher-suite'; value: number };

/** What the connected channel can tell about its handshake. */
export interface HandshakeFacts {
  cipherSuite(): number | undefined;
  /** DTLS connection id status (nrf: 0 disabled …); undefined when not a connected DTLS socket. */
  dtlsCidStatus(): number | undefined;
}

export class SecureOptions {
  hostname: string | undefined;
  private sessionCache = 0;
  private dtlsCid = 0;
  private handshakeTimeout = 0;

  constructor(
    readonly protocol: 258 | 273,
    readonly secTag: number,
    public peerVerify: number,
  ) {}

  settings(): SecureSettings {
    const peerVerify = this.peerVerify === 0 || this.peerVerify === 1 ? this.peerVerify : 2;
    return { secTag: this.secTag, peerVerify, hostname: this.hostname };
  }

  get(name: number, facts: HandshakeFacts): SecureOptionValue {
    switch (name) {
      // Printed with %s: a NUL byte ends it.
      case TLS_HOSTNAME: return { kind: 'hostname', value: (this.hostname ?? '').split('\0')[0]! };
      case TLS_CIPHERSUITE_USED: {
        const suite = facts.cipherSuite();
        if (suite === undefined) throw new SocketError('ENOTCONN', 'no handshake yet');
        return { kind: 'cipher-suite', value: suite };
      }
      case TLS_PEER_VERIFY: return { kind: 'integer', value: this.peerVerify };
      case TLS_SESSION_CACHE: return { kind: 'integer', value: this.sessionCache };
      case TLS_DTLS_HANDSHAKE_TIMEO: return { kind: 'integer', value: this.handshakeTimeout };
      case TLS_DTLS_CID_STATUS: {
        const status = facts.dtlsCidStatus();
        if (status === undefined) throw new SocketError('EOPNOTSUPP', 'not a connected DTLS socket');
        return { kind: 'integer', value: status };
      }
      default: throw new SocketError('EOPNOTSUPP', `option ${name} cannot be read`);
    }
  }

  /** An integer value, or the bytes of a string value as setsockopt receives them. */
  set(name: number, value: number | string): void {
    if (name === TLS_HOSTNAME) {
      // An integer reaches the modem as its 4 raw bytes, which then are the hostname.
      const text = typeof value === 'string' ? value : fourBytesOf(value);
      this.hostname = text.toUpperCase() === 'NULL' ? undefined : text;
      return;
    }
    const number = typeof value === 'number' ? value : fourByteInteger(value);
    switch (name) {
      case TLS_PEER_VERIFY: this.peerVerify = inRange(number, [0, 1, 2]); return;
      case TLS_SESSION_CACHE: this.sessionCache = inRange(number, [0, 1]); return;
      case TLS_SESSION_CACHE_PURGE: return;
      case TLS_DTLS_CID:
        if (this.protocol !== 273) throw new SocketError('EOPNOTSUPP', 'DTLS only');
        this.dtlsCid = inRange(number, [0, 1, 2]);
        return;
      case TLS_DTLS_HANDSHAKE_TIMEO:
        if (this.protocol !== 273) throw new SocketError('EOPNOTSUPP', 'DTLS only');
        this.handshakeTimeout = inRange(number, [...HANDSHAKE_TIMEOUTS]);
        return;
      default: throw new SocketError('EOPNOTSUPP', `option ${name} cannot be set`);
    }
  }

  /** The DTLS connection-id setting, for a connector that supports it. */
  get dtlsConnectionId(): number {
    return this.dtlsCid;
  }
}

/** The firmware passes a 4-character string as the option's 4 raw bytes (notes §4 quirk). */
function fourByteInteger(text: string): number {
  const bytes = Buffer.from(text, 'latin1');
  if (bytes.length !== 4) throw new SocketError('EINVAL', 'option value must be 4 bytes');
  return bytes.readInt32LE(0);
}

function fourBytesOf(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32LE(value, 0);
  return bytes.toString('latin1');
}

function inRange(value: number, allowed: readonly number[]): number {
  if (!allowed.includes(value)) throw new SocketError('EINVAL', `value ${value}`);
  return value;
}
