// Opens TLS 1.2 (node:tls) and DTLS 1.2 (werift-dtls) client channels for #XSSOCKET
// sockets, with the credentials of the socket's sec_tag and the modem's verification rules:
//   peer_verify 2 (required): the server certificate must chain to the sec_tag's CA;
//   peer_verify 1 (optional): a failed check is noted (verificationNotes), not fatal;
//   peer_verify 0 (none): nothing is checked.
// A sec_tag with a PSK and PSK identity but no CA certificate makes a TLS-PSK connection
// (no certificate, so nothing to verify); with a CA, certificates are used. DTLS is
// certificate-only: werift-dtls has no PSK suites.
// The hostname is checked, and sent as SNI, only when #XSSOCKETOPT set it (settings.hostname);
// SM never sets it on its own. Every failure rejects with an Error saying which step failed
// (handshake, verify, hostname). It connects to loopback endpoints only: anything else is
// refused before a socket exists, and `socketsOpened` counts every socket it did create.

import dgram from 'node:dgram';
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { CredentialStore, DtlsChannel, LoopbackEndpoint, SecureConnector, SecureSettings, SecTagCredentials } from '../types.ts';
import { abandonHandshake, datagramTransport, DtlsClient, ECDSA_SHA256 } from '../../loopback/dtls-datagram-transport.ts';
import { chainProblem, hostnameProblem } from './peer-certificate-check.ts';
import { TLS_PSK_CIPHERS } from '../../loopback/tls-psk-ciphers.ts';

export interface SecureConnectorOptions {
  /** Handshake deadline; default 10000 ms. */
  handshakeTimeoutMs?: number;
}

export interface VerificationNote {
  protocol: 'TLS' | 'DTLS';
  to: LoopbackEndpoint;
  problem: string;
}

export class LoopbackSecureConnector implements SecureConnector {
  #socketsOpened = 0;
  readonly #notes: VerificationNote[] = [];
  readonly #handshakeTimeoutMs: number;

  constructor(private readonly credentials: CredentialStore, options: SecureConnectorOptions = {}) {
    this.#handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
  }

  /** Sockets this connector created (a refused destination never adds to it). */
  get socketsOpened(): number {
    return this.#socketsOpened;
  }

  /** Verification problems accepted under peer_verify 1. */
  get verificationNotes(): readonly VerificationNote[] {
    return this.#notes;
  }

  async connectTls(to: LoopbackEndpoint, settings: SecureSettings): Promise<tls.TLSSocket> {
    const credentials = this.#credentialsFor(to, settings);
    const psk = usesPsk(credentials) ? { psk: credentials.psk!, identity: credentials.pskIdentity! } : undefined;
    this.#socketsOpened++;
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        ...(psk ? { pskCallback: () => psk, ciphers: TLS_PSK_CIPHERS } : {}),
        host: to.host,
        port: to.port,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        ca: credentials.caCertificate,
        cert: credentials.clientCertificate,
        key: credentials.clientKey,
        // SNI carries DNS names only; an IP literal as hostname is still checked below.
        servername: settings.hostname !== undefined && net.isIP(settings.hostname) === 0 ? settings.hostname : undefined,
        rejectUnauthorized: false, // checked below, after the handshake, by the modem's rules
        checkServerIdentity: () => undefined,
      });
      const fail = (message: string) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(message));
      };
      const timer = setTimeout(() => fail(`TLS handshake with ${describe(to)} timed out after ${this.#handshakeTimeoutMs} ms`), this.#handshakeTimeoutMs);
      const onHandshakeError = (error: Error) => fail(`TLS handshake with ${describe(to)} failed: ${error.message}`);
      socket.once('error', onHandshakeError);
      socket.once('secureConnect', () => {
        if (psk) return succeed(); // no certificate: the shared key is the authentication
        const leaf = socket.getPeerX509Certificate();
        const chain = socket.authorized ? undefined
          : credentials.caCertificate === undefined ? 'the sec_tag holds no CA certificate to verify the server with'
            : `the server certificate does not verify against the sec_tag's CA (${socket.authorizationError})`;
        const problem = this.#verificationProblem('TLS', to, settings, leaf, chain);
        if (problem) return fail(problem);
        succeed();
      });
      const succeed = () => {
        clearTimeout(timer);
        socket.off('error', onHandshakeError); // from now on errors are the socket user's
        resolve(socket);
      };
    });
  }

  async connectDtls(to: LoopbackEndpoint, settings: SecureSettings): Promise<DtlsChannel> {
    const credentials = this.#credentialsFor(to, settings);
    if (usesPsk(credentials)) {
      throw new Error(`DTLS with a PSK (sec_tag ${settings.secTag}) is not supported by the emulator: werift-dtls offers certificate suites only`);
    }
    this.#socketsOpened++;
    const socket = dgram.createSocket(to.host === '::1' ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address: to.host, port: 0 }, () => resolve());
    }).catch((error: Error) => {
      throw new Error(`DTLS: cannot open a UDP socket on ${to.host}: ${error.message}`);
    });
    socket.on('error', () => undefined); // ICMP port unreachable: the handshake timeout reports it
    const transport = datagramTransport(socket, { address: to.host, port: to.port });
    socket.on('message', (datagram, from) => {
      if (from.port === to.port) transport.deliver(datagram); // ignore strays from elsewhere
    });
    const withClientCertificate = credentials.clientCertificate !== undefined && credentials.clientKey !== undefined;
    const client = new DtlsClient({
      transport,
      ...(withClientCertificate ? { cert: credentials.clientCertificate, key: credentials.clientKey, signatureHash: ECDSA_SHA256 } : {}),
    });
    const closeAll = () => {
      transport.closed = true;
      abandonHandshake(client);
      try {
        socket.close();
      } catch {
        // already closed
      }
    };

    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`DTLS handshake with ${describe(to)} timed out after ${this.#handshakeTimeoutMs} ms`)), this.#handshakeTimeoutMs);
        client.onError.once((error: Error) => {
          clearTimeout(timer);
          reject(new Error(`DTLS handshake with ${describe(to)} failed: ${error?.message ?? String(error)}`));
        });
        client.onConnect.once(() => {
          clearTimeout(timer);
          resolve();
        });
        client.connect().catch((error: Error) => {
          clearTimeout(timer);
          reject(new Error(`DTLS handshake with ${describe(to)} failed: ${error?.message ?? String(error)}`));
        });
      });
      const der = client.remoteCertificate;
      if (!der) throw new Error(`DTLS handshake with ${describe(to)} failed: the server sent no certificate`);
      const leaf = new X509Certificate(der);
      const problem = this.#verificationProblem('DTLS', to, settings, leaf, chainProblem(leaf, credentials.caCertificate));
      if (problem) throw new Error(problem);
    } catch (error) {
      closeAll();
      throw error;
    }
    return dtlsChannel(client, closeAll);
  }

  /** The sec_tag's credentials, after refusing anything that is not loopback. */
  #credentialsFor(to: LoopbackEndpoint, settings: SecureSettings): SecTagCredentials {
    if (to.host !== '127.0.0.1' && to.host !== '::1') {
      throw new Error(`refusing a secure connection to ${String(to.host)}: only 127.0.0.1 and ::1 are reachable`);
    }
    const credentials = this.credentials.get(settings.secTag) ?? {};
    if (credentials.caCertificate === undefined && settings.peerVerify === 2 && !usesPsk(credentials)) {
      throw new Error(`TLS verify: sec_tag ${settings.secTag} holds no CA certificate, and peer_verify 2 requires one`);
    }
    return credentials;
  }

  #verificationProblem(protocol: 'TLS' | 'DTLS', to: LoopbackEndpoint, settings: SecureSettings,
    leaf: X509Certificate | undefined, chain: string | undefined): string | undefined {
    if (settings.peerVerify === 0) return undefined;
    const problems: string[] = [];
    if (chain) problems.push(`${protocol} verify failed: ${chain}`);
    if (settings.hostname !== undefined) {
      const hostname = leaf ? hostnameProblem(leaf, settings.hostname) : 'the server sent no certificate';
      if (hostname) problems.push(`${protocol} hostname verification failed: ${hostname}`);
    }
    if (problems.length === 0) return undefined;
    if (settings.peerVerify === 2) return problems.join('; ');
    for (const problem of problems) this.#notes.push({ protocol, to, problem });
    return undefined;
  }
}

/** A PSK and its identity, and no CA certificate: the sec_tag is for TLS-PSK. */
function usesPsk(credentials: SecTagCredentials): boolean {
  return credentials.psk !== undefined && credentials.pskIdentity !== undefined && credentials.caCertificate === undefined;
}

function describe(to: LoopbackEndpoint): string {
  return to.host.includes(':') ? `[${to.host}]:${to.port}` : `${to.host}:${to.port}`;
}

function dtlsChannel(client: InstanceType<typeof DtlsClient>, closeAll: () => void): DtlsChannel {
  let closed = false;
  const closeListeners: ((error?: Error) => void)[] = [];
  const finish = (error?: Error) => {
    if (closed) return;
    closed = true;
    closeAll();
    for (const listener of closeListeners) listener(error);
  };
  client.onClose.subscribe(() => finish());
  client.onError.subscribe((error: Error) => finish(error instanceof Error ? error : new Error(String(error))));
  return {
    async send(datagram: Buffer) {
      if (closed) throw new Error('DTLS channel is closed');
      await client.send(datagram);
    },
    onMessage(listener) {
      client.onData.subscribe((data: Buffer) => listener(Buffer.from(data)));
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    async close() {
      finish();
    },
  };
}
