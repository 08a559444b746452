// The TLS 1.2 and DTLS 1.2 clients against the echo peers: peer_verify 2 succeeds with the
// right CA and fails with a wrong CA or a wrong hostname, saying why; 0 and 1 accept (1
// notes the problem); nothing but loopback is ever connected to.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type tls from 'node:tls';
import { startPeerSet, type PeerSet } from '../src/peers/peer-set.ts';
import { SecTagStore } from '../src/emulator/network/credential-store.ts';
import { LoopbackSecureConnector } from '../src/emulator/network/secure-connector.ts';
import type { DtlsChannel, LoopbackEndpoint, SecureSettings } from '../src/emulator/types.ts';

const RIGHT_CA = 1;
const WRONG_CA = 2;
const NO_CA = 3;
const WITH_CLIENT_CERTIFICATE = 4;
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

let peers: PeerSet;
let store: SecTagStore;
before(async () => {
  peers = await startPeerSet({ hosts: ['127.0.0.1'] });
  store = new SecTagStore();
  store.set(RIGHT_CA, 0, peers.certificates.caCertificate);
  store.set(WRONG_CA, 0, peers.certificates.otherCaCertificate);
  store.set(NO_CA, 4, 'identity only');
  store.set(WITH_CLIENT_CERTIFICATE, 0, peers.certificates.caCertificate);
  store.set(WITH_CLIENT_CERTIFICATE, 1, peers.certificates.clientCertificate);
  store.set(WITH_CLIENT_CERTIFICATE, 2, peers.certificates.clientKey);
});
after(async () => { await peers.close(); });

const tlsPeer = (): LoopbackEndpoint => ({ host: '127.0.0.1', port: peers.endpoint('tls-echo').port });
const dtlsPeer = (): LoopbackEndpoint => ({ host: '127.0.0.1', port: peers.endpoint('dtls-echo').port });
const connector = () => new LoopbackSecureConnector(store, { handshakeTimeoutMs: 3000 });

/** Expects the attempt to fail with `pattern`; a channel that opened anyway is closed so the run cannot hang. */
async function assertRefused(attempt: Promise<tls.TLSSocket | DtlsChannel>, pattern: RegExp): Promise<void> {
  const outcome = await attempt.then((channel) => channel, (error: Error) => error);
  if (!(outcome instanceof Error)) {
    if ('destroy' in outcome) outcome.destroy();
    else await outcome.close();
    assert.fail(`connected, but should have failed with ${pattern}`);
  }
  assert.match(outcome.message, pattern);
}

async function tlsRoundTrip(socket: tls.TLSSocket, payload: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const done = new Promise<Buffer>((resolve) => socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= payload.length) resolve(Buffer.concat(chunks));
  }));
  socket.write(payload);
  return done;
}

describe('TLS 1.2 client', () => {
  it('peer_verify 2 with the right CA: TLS 1.2 round trip, byte-exact', async () => {
    const socket = await connector().connectTls(tlsPeer(), { secTag: RIGHT_CA, peerVerify: 2 });
    assert.equal(socket.getProtocol(), 'TLSv1.2');
    assert.deepEqual(await tlsRoundTrip(socket, ALL_BYTES), ALL_BYTES);
    socket.destroy();
  });

  it('peer_verify 2 with the right CA and the right hostname succeeds; SNI carries it', async () => {
    const socket = await connector().connectTls(tlsPeer(), { secTag: RIGHT_CA, peerVerify: 2, hostname: 'test.server.com' });
    assert.equal((socket as tls.TLSSocket & { servername?: string }).servername, 'test.server.com');
    socket.destroy();
  });

  it('peer_verify 2 with a wrong CA fails, saying the chain did not verify', async () => {
    await assertRefused(connector().connectTls(tlsPeer(), { secTag: WRONG_CA, peerVerify: 2 }),
      /TLS verify failed: the server certificate does not verify against the sec_tag's CA/);
  });

  it('peer_verify 2 with a wrong hostname fails, saying so', async () => {
    await assertRefused(connector().connectTls(tlsPeer(), { secTag: RIGHT_CA, peerVerify: 2, hostname: 'wrong.example.com' }),
      /TLS hostname verification failed: the server certificate is not valid for hostname "wrong\.example\.com"/);
  });

  it('no hostname set: no hostname check (SM never sets one on its own)', async () => {
    const socket = await connector().connectTls(tlsPeer(), { secTag: RIGHT_CA, peerVerify: 2 });
    socket.destroy();
  });

  it('peer_verify 2 with no CA in the sec_tag fails before connecting', async () => {
    const secure = connector();
    await assertRefused(secure.connectTls(tlsPeer(), { secTag: NO_CA, peerVerify: 2 }), /sec_tag 3 holds no CA certificate/);
    await assertRefused(secure.connectTls(tlsPeer(), { secTag: 999, peerVerify: 2 }), /sec_tag 999 holds no CA certificate/);
    assert.equal(secure.socketsOpened, 0);
  });

  it('peer_verify 0 accepts a wrong CA and a wrong hostname', async () => {
    const socket = await connector().connectTls(tlsPeer(), { secTag: WRONG_CA, peerVerify: 0, hostname: 'wrong.example.com' });
    assert.deepEqual(await tlsRoundTrip(socket, Buffer.from('ok')), Buffer.from('ok'));
    socket.destroy();
  });

  it('peer_verify 1 accepts a wrong CA but notes it', async () => {
    const secure = connector();
    const socket = await secure.connectTls(tlsPeer(), { secTag: WRONG_CA, peerVerify: 1 });
    socket.destroy();
    assert.equal(secure.verificationNotes.length, 1);
    assert.match(secure.verificationNotes[0]!.problem, /TLS verify failed/);
  });

  it('presents the client certificate of the sec_tag', async () => {
    const socket = await connector().connectTls(tlsPeer(), { secTag: WITH_CLIENT_CERTIFICATE, peerVerify: 2 });
    assert.equal(socket.getCertificate() && 'subject' in socket.getCertificate()!, true);
    socket.destroy();
  });

  it('a peer that does not speak TLS fails the handshake, saying so', async () => {
    const plain: LoopbackEndpoint = { host: '127.0.0.1', port: peers.endpoint('close-after-echo').port };
    await assertRefused(connector().connectTls(plain, { secTag: RIGHT_CA, peerVerify: 2 }), /TLS handshake with 127\.0\.0\.1:\d+ failed/);
  });
});

describe('TLS-PSK', () => {
  const PSK_TAG = 5;
  const WRONG_PSK_TAG = 6;
  before(() => {
    store.set(PSK_TAG, 3, peers.psk.key.toString('hex'));
    store.set(PSK_TAG, 4, peers.psk.identity);
    store.set(WRONG_PSK_TAG, 3, '00112233445566778899aabbccddeeff');
    store.set(WRONG_PSK_TAG, 4, peers.psk.identity);
  });

  it('a sec_tag with a PSK and identity (no CA) connects with a PSK suite and echoes', async () => {
    const socket = await connector().connectTls(tlsPeer(), { secTag: PSK_TAG, peerVerify: 2 });
    assert.match(socket.getCipher().name, /PSK/);
    assert.deepEqual(await tlsRoundTrip(socket, ALL_BYTES), ALL_BYTES);
    socket.destroy();
  });

  it('a wrong PSK fails the handshake, saying so', async () => {
    await assertRefused(connector().connectTls(tlsPeer(), { secTag: WRONG_PSK_TAG, peerVerify: 2 }), /TLS handshake with 127\.0\.0\.1:\d+ failed/);
  });

  it('DTLS with a PSK is refused with the reason (werift-dtls has no PSK suites)', async () => {
    const secure = connector();
    await assertRefused(secure.connectDtls(dtlsPeer(), { secTag: PSK_TAG, peerVerify: 2 }), /DTLS with a PSK \(sec_tag 5\) is not supported/);
    assert.equal(secure.socketsOpened, 0);
  });
});

describe('DTLS 1.2 client', () => {
  it('peer_verify 2 with the right CA and hostname: round trip through the DTLS echo peer, byte-exact', async () => {
    peers.clearRecords();
    const channel = await connector().connectDtls(dtlsPeer(), { secTag: RIGHT_CA, peerVerify: 2, hostname: 'test.server.com' });
    const reply = new Promise<Buffer>((resolve) => channel.onMessage(resolve));
    await channel.send(ALL_BYTES);
    assert.deepEqual(await reply, ALL_BYTES);
    const [chunk] = await peers.peer('dtls-echo').record.waitForChunks(1);
    assert.deepEqual(chunk!.bytes, ALL_BYTES, 'the peer recorded the application data, not the handshake');
    const closed = new Promise<Error | undefined>((resolve) => channel.onClose(resolve));
    await channel.close();
    assert.equal(await closed, undefined);
    await assert.rejects(channel.send(Buffer.from('late')), /DTLS channel is closed/);
  });

  it('peer_verify 2 with a wrong CA fails, saying the chain did not verify', async () => {
    await assertRefused(connector().connectDtls(dtlsPeer(), { secTag: WRONG_CA, peerVerify: 2 }),
      /DTLS verify failed: the server certificate .* is not signed by the sec_tag's CA/);
  });

  it('peer_verify 2 with a wrong hostname fails, saying so', async () => {
    await assertRefused(connector().connectDtls(dtlsPeer(), { secTag: RIGHT_CA, peerVerify: 2, hostname: 'wrong.example.com' }),
      /DTLS hostname verification failed/);
  });

  it('a peer that does not speak DTLS times the handshake out, saying so', async () => {
    const plainUdp: LoopbackEndpoint = { host: '127.0.0.1', port: peers.endpoint('udp-sink').port };
    const secure = new LoopbackSecureConnector(store, { handshakeTimeoutMs: 150 });
    await assertRefused(secure.connectDtls(plainUdp, { secTag: RIGHT_CA, peerVerify: 2 }), /DTLS handshake with 127\.0\.0\.1:\d+ timed out after 150 ms/);
  });

  it('peer_verify 0 accepts a wrong CA', async () => {
    const channel = await connector().connectDtls(dtlsPeer(), { secTag: WRONG_CA, peerVerify: 0 });
    await channel.close();
  });
});

describe('loopback only', () => {
  it('refuses a non-loopback endpoint before any socket exists', async () => {
    const secure = connector();
    const external = { host: '93.184.216.34', port: 443 } as unknown as LoopbackEndpoint;
    const settings: SecureSettings = { secTag: RIGHT_CA, peerVerify: 0 };
    await assertRefused(secure.connectTls(external, settings), /refusing a secure connection to 93\.184\.216\.34: only 127\.0\.0\.1 and ::1/);
    await assertRefused(secure.connectDtls(external, settings), /refusing a secure connection/);
    assert.equal(secure.socketsOpened, 0);
  });
});
