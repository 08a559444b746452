// The sec_tag store and its file layout: what goes in comes out to the connector, secrets
// never show in any printed form, bad input is refused with the reason.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { SecTagStore } from '../src/emulator/network/credential-store.ts';
import { loadCredentialDirectory } from '../src/emulator/network/credential-files.ts';
import { testCertificates, type TestCertificates } from '../src/loopback/test-certificates.ts';

const PSK_HEX = '5ec12e7a11c0ffee5ec12e7a11c0ffee';
const KEY_MARKER = 'PRIVATE KEY';
let certificates: TestCertificates;
let dir = '';
before(async () => {
  certificates = await testCertificates();
  dir = await mkdtemp(join(tmpdir(), 'sm-credentials-test-'));
});
after(async () => { await rm(dir, { recursive: true, force: true }); });

function filledStore(): SecTagStore {
  const store = new SecTagStore();
  store.set(7, 0, certificates.caCertificate);
  store.set(7, 1, certificates.clientCertificate);
  store.set(7, 2, certificates.clientKey);
  store.set(7, 3, PSK_HEX);
  store.set(7, 4, 'device-identity');
  return store;
}

describe('SecTagStore', () => {
  it('gives the connector every credential of a sec_tag', () => {
    const credentials = filledStore().get(7)!;
    assert.equal(credentials.caCertificate, certificates.caCertificate);
    assert.equal(credentials.clientCertificate, certificates.clientCertificate);
    assert.equal(credentials.clientKey, certificates.clientKey);
    assert.deepEqual(credentials.psk, Buffer.from(PSK_HEX, 'hex'));
    assert.equal(credentials.pskIdentity, 'device-identity');
    assert.equal(filledStore().get(8), undefined);
  });

  it('lists, replaces and deletes by sec_tag and type', () => {
    const store = filledStore();
    store.set(3, 4, 'other');
    assert.deepEqual(store.list(), [{ secTag: 3, type: 4 }, ...[0, 1, 2, 3, 4].map((type) => ({ secTag: 7, type }))]);
    const before = store.fingerprint(3, 4);
    store.set(3, 4, 'replaced');
    assert.notEqual(store.fingerprint(3, 4), before);
    assert.match(store.fingerprint(3, 4)!, /^[0-9A-F]{64}$/);
    assert.equal(store.delete(3, 4), true);
    assert.equal(store.delete(3, 4), false);
    assert.equal(store.get(3), undefined);
  });

  it('refuses bad sec_tags and content, without echoing secret content', () => {
    const store = new SecTagStore();
    assert.throws(() => store.set(-1, 0, certificates.caCertificate), /sec_tag -1 is not an integer from 0 to 2147483647/);
    assert.throws(() => store.set(2147483648, 0, certificates.caCertificate), /sec_tag/);
    assert.throws(() => store.set(1, 0, 'hello'), /CA certificate: not a PEM certificate/);
    assert.throws(() => store.set(1, 2, 'my secret key text'), (error: Error) => /not a PEM private key/.test(error.message) && !error.message.includes('my secret'));
    assert.throws(() => store.set(1, 3, 'abc'), /PSK: must be an even number of hex digits/);
    assert.throws(() => store.set(1, 4, ''), /content is empty/);
    assert.throws(() => store.set(1, 5 as 4, 'x'), /credential type 5 is not one of 0–4/);
  });

  it('never shows a PSK or a private key in any printed form', () => {
    const store = filledStore();
    const credentials = store.get(7)!;
    const psk = Buffer.from(PSK_HEX, 'hex');
    const printed = [
      String(store), inspect(store, { depth: 5 }), JSON.stringify(store),
      inspect(credentials, { depth: 5, showHidden: false }), JSON.stringify(credentials), String(Object.entries(credentials)),
      `${store.list().map(({ secTag, type }) => store.fingerprint(secTag, type as 0))}`,
    ];
    for (const text of printed) {
      assert.ok(!text.includes(PSK_HEX), `PSK hex printed: ${text}`);
      assert.ok(!text.includes(psk.toString('hex').toUpperCase()), 'PSK printed in upper case');
      assert.ok(!text.includes(KEY_MARKER), `private key printed: ${text.slice(0, 200)}`);
    }
    assert.deepEqual(Object.keys(credentials).sort(), ['caCertificate', 'clientCertificate', 'pskIdentity'], 'secrets are not enumerable');
    const pskBytes = [...psk].join(',');
    for (const text of printed) assert.ok(!text.includes(pskBytes), `PSK bytes printed: ${text.slice(0, 200)}`);
    assert.match(String(store), /7: CA certificate, client certificate, client private key, PSK, PSK identity/);
  });
});

describe('loadCredentialDirectory', () => {
  it('loads the documented layout', async () => {
    const root = join(dir, 'good');
    await mkdir(join(root, '42'), { recursive: true });
    await writeFile(join(root, '42', 'ca-cert.pem'), certificates.caCertificate);
    await writeFile(join(root, '42', 'client-cert.pem'), certificates.clientCertificate);
    await writeFile(join(root, '42', 'client-key.pem'), certificates.clientKey);
    await writeFile(join(root, '42', 'psk.hex'), `${PSK_HEX}\n`);
    await writeFile(join(root, '42', 'psk-identity.txt'), 'lab-device\n');
    const store = new SecTagStore();
    const loaded = await loadCredentialDirectory(root, store);
    assert.equal(loaded.length, 5);
    const credentials = store.get(42)!;
    assert.equal(credentials.caCertificate, certificates.caCertificate);
    assert.deepEqual(credentials.psk, Buffer.from(PSK_HEX, 'hex'));
    assert.equal(credentials.pskIdentity, 'lab-device');
  });

  it('refuses unknown files and folders, naming them', async () => {
    const root = join(dir, 'typo');
    await mkdir(join(root, '42'), { recursive: true });
    await writeFile(join(root, '42', 'ca.pem'), certificates.caCertificate);
    await assert.rejects(loadCredentialDirectory(root, new SecTagStore()), /42\/ca\.pem: unknown credential file \(expected ca-cert\.pem/);
    const named = join(dir, 'named');
    await mkdir(join(named, 'my-tag'), { recursive: true });
    await assert.rejects(loadCredentialDirectory(named, new SecTagStore()), /my-tag: expected a folder named by a sec_tag/);
    const badPsk = join(dir, 'bad-psk');
    await mkdir(join(badPsk, '1'), { recursive: true });
    await writeFile(join(badPsk, '1', 'psk.hex'), 'xyz');
    await assert.rejects(loadCredentialDirectory(badPsk, new SecTagStore()), /psk\.hex: PSK: must be an even number of hex digits/);
    await assert.rejects(loadCredentialDirectory(join(dir, 'absent'), new SecTagStore()), /cannot read credential directory/);
  });
});
