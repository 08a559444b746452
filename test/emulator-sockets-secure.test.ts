// TLS and DTLS sockets: #XCONNECT hands the #XSSOCKET/#XSSOCKETOPT settings to the
// SecureConnector, data goes through the secure channel byte-exact, and the handshake
// facts come back through #XSSOCKETOPT (cipher suite as 0x…, DTLS CID status).
// TLS uses a pre-shared key so that no certificate has to be generated here.

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect as connectTls, createServer as createTlsServer, type Server, type TLSSocket } from 'node:tls';
import type { DtlsChannel, LoopbackEndpoint, SecureConnector, SecureSettings } from '../src/emulator/types.ts';
import { allByteValues, createDevice, receiveAll, startPeers, type Device, type Peers } from './emulator-commands-harness.ts';

const PSK = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const CIPHER = 'PSK-AES128-GCM-SHA256';

let peers: Peers;
let device: Device;
let tlsServer: Server;
let tlsEndpoint: LoopbackEndpoint;
const settingsSeen: SecureSettings[] = [];

/** A DTLS stand-in: plain datagrams to the UDP echo peer (the real DTLS lives in src/emulator/network). */
function fakeDtls(to: LoopbackEndpoint): Promise<DtlsChannel> {
  const socket = createSocket('udp4');
  const listeners: ((datagram: Buffer) => void)[] = [];
  const closers: ((error?: Error) => void)[] = [];
  socket.on('message', (message) => listeners.forEach((listener) => listener(message)));
  return new Promise((resolve) => socket.connect(to.port, to.host, () => resolve({
    send: (datagram) => new Promise<void>((done, fail) => socket.send(datagram, (error) => (error ? fail(error) : done()))),
    onMessage: (listener) => { listeners.push(listener); },
    onClose: (listener) => { closers.push(listener); },
    close: () => new Promise<void>((done) => socket.close(() => { closers.forEach((closer) => closer()); done(); })),
  })));
}

const connector: SecureConnector = {
  async connectTls(to, settings) {
    settingsSeen.push(settings);
    return new Promise<TLSSocket>((resolve, reject) => {
      const socket = connectTls({
        host: to.host, port: to.port, ciphers: CIPHER, maxVersion: 'TLSv1.2',
        pskCallback: () => ({ psk: PSK, identity: 'device' }),
        checkServerIdentity: () => undefined,
      }, () => resolve(socket));
      socket.once('error', reject);
    });
  },
  async connectDtls(to, settings) {
    settingsSeen.push(settings);
    return fakeDtls(to);
  },
};

before(async () => {
  peers = await startPeers();
  tlsServer = createTlsServer({ ciphers: CIPHER, maxVersion: 'TLSv1.2', pskCallback: () => PSK }, (socket) => {
    socket.on('data', (chunk: Buffer) => socket.write(chunk));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  const address = tlsServer.address();
  assert.ok(address && typeof address === 'object');
  tlsEndpoint = { host: '127.0.0.1', port: address.port };
});
after(async () => {
  await new Promise((resolve) => tlsServer.close(resolve));
  await peers.close();
});
afterEach(async () => { await device.close(); });

describe('TLS 1.2 client', () => {
  it('connects with the socket settings, round-trips all byte values, reports the cipher suite', async () => {
    device = createDevice(peers, { secure: connector });
    device.network.addRoute('203.0.113.10', 443, 'tcp', tlsEndpoint);
    settingsSeen.length = 0;
    assert.deepEqual((await device.at('AT#XSSOCKET=1,1,0,16842753,1')).lines, ['#XSSOCKET: 0,1,258', 'OK']);
    assert.deepEqual((await device.at('AT#XSSOCKETOPT=0,0,4')).lines, ['ERROR'], 'no handshake yet');
    await device.at('AT#XSSOCKETOPT=0,1,2,"test.server.com"');
    assert.deepEqual((await device.at('AT#XCONNECT=0,"test.server.com",443')).lines, ['#XCONNECT: 0,1', 'OK']);
    assert.deepEqual(settingsSeen, [{ secTag: 16842753, peerVerify: 1, hostname: 'test.server.com' }]);
    const bytes = allByteValues();
    assert.deepEqual((await device.at(`AT#XSEND=0,1,0,"${bytes.toString('hex')}"`)).lines, ['#XSEND: 0,512', 'OK']);
    assert.deepEqual(await receiveAll(device, 0, 1, bytes.length), bytes);
    assert.deepEqual((await device.at('AT#XSSOCKETOPT=0,0,4')).lines, ['#XSSOCKETOPT: 0,0xa8', 'OK']);
    assert.deepEqual((await device.at('AT#XSSOCKETOPT=0,0,15')).lines, ['ERROR'], 'not DTLS');
  });

  it('a failed handshake is ERROR', async () => {
    device = createDevice(peers, { secure: connector });
    await device.at('AT#XSSOCKET=1,1,0,1');
    // The plain TCP echo peer cannot speak TLS.
    assert.deepEqual((await device.at('AT#XCONNECT=0,"test.server.com",1234')).lines, ['ERROR']);
  });

  it('a TLS server socket cannot listen', async () => {
    device = createDevice(peers, { secure: connector });
    await device.at('AT#XSSOCKET=1,1,1,1');
    assert.deepEqual((await device.at('AT#XLISTEN=0')).lines, ['ERROR']);
  });
});

describe('DTLS 1.2 client', () => {
  it('connects, sends datagrams, receives them with #XRECVFROM; CID status after the handshake', async () => {
    device = createDevice(peers, { secure: connector });
    settingsSeen.length = 0;
    await device.at('AT#XSSOCKET=1,2,0,7');
    assert.deepEqual((await device.at('AT#XSSOCKETOPT=0,0,15')).lines, ['ERROR'], 'before the handshake');
    assert.deepEqual((await device.at('AT#XSSOCKETOPT=0,1,18,7')).lines, ['OK']);
    assert.deepEqual((await device.at('AT#XSSOCKETOPT=0,0,18')).lines, ['#XSSOCKETOPT: 0,7', 'OK']);
    assert.deepEqual((await device.at('AT#XCONNECT=0,"test.server.com",1234')).lines, ['#XCONNECT: 0,1', 'OK']);
    assert.deepEqual(settingsSeen, [{ secTag: 7, peerVerify: 2, hostname: undefined }]);
    assert.deepEqual((await device.at('AT#XSEND=0,1,0,"00FF"')).lines, ['#XSEND: 0,2', 'OK']);
    const answer = await device.at('AT#XRECVFROM=0,1,0,5');
    assert.deepEqual(answer.lines, ['#XRECVFROM: 0,1,2,"192.168.1.100",24210', 'OK']);
    assert.equal(answer.raw[0]!.toString(), '00FF');
    assert.deepEqual((await device.at('AT#XSSOCKETOPT=0,0,15')).lines, ['#XSSOCKETOPT: 0,0', 'OK']);
  });
});
