// AT%CMNG on the emulator's sec_tag store: write, list (hashes only), read of public
// types, delete, and ERROR for everything malformed; no secret is ever answered.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseAtArgs } from '../src/emulator/at-args.ts';
import { cmngCommand } from '../src/emulator/network/cmng-command.ts';
import { SecTagStore } from '../src/emulator/network/credential-store.ts';
import { testCertificates, type TestCertificates } from '../src/loopback/test-certificates.ts';
import { AtParamError, type CommandContext } from '../src/emulator/types.ts';

const context = { profile: { name: 'firmware', maxSockets: 7 }, urc() {}, enterDataMode() {}, inDataMode: false } as CommandContext;
let certificates: TestCertificates;
before(async () => { certificates = await testCertificates(); });

/** Runs one command line as the host would: a parameter error answers ERROR. */
async function at(store: SecTagStore, line: string): Promise<string[]> {
  try {
    const { form, args } = parseAtArgs(line);
    const reply = await cmngCommand(store).run(form, args, context);
    return [...reply.parts.map((part) => ('line' in part ? part.line : '<raw>')), reply.final];
  } catch (error) {
    if (error instanceof AtParamError) return ['ERROR'];
    throw error;
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').toUpperCase();

describe('AT%CMNG', () => {
  it('writes, lists with SHA-256 hashes, reads public content and deletes', async () => {
    const store = new SecTagStore();
    assert.deepEqual(await at(store, `AT%CMNG=0,16842753,0,"${certificates.caCertificate}"`), ['OK']);
    assert.deepEqual(await at(store, 'AT%CMNG=0,12,3,"0102A0FF"'), ['OK']);
    assert.deepEqual(await at(store, 'AT%CMNG=0,12,4,"my-identity"'), ['OK']);
    assert.equal(store.get(16842753)?.caCertificate, certificates.caCertificate, 'PEM with newlines inside the quotes');

    assert.deepEqual(await at(store, 'AT%CMNG=1'), [
      `%CMNG: 12,3,"${sha('0102A0FF')}"`,
      `%CMNG: 12,4,"${sha('my-identity')}"`,
      `%CMNG: 16842753,0,"${sha(certificates.caCertificate)}"`,
      'OK',
    ]);
    assert.deepEqual(await at(store, 'AT%CMNG=1,12'), [`%CMNG: 12,3,"${sha('0102A0FF')}"`, `%CMNG: 12,4,"${sha('my-identity')}"`, 'OK']);
    assert.deepEqual(await at(store, 'AT%CMNG=1,12,4'), [`%CMNG: 12,4,"${sha('my-identity')}"`, 'OK']);
    assert.deepEqual(await at(store, 'AT%CMNG=1,99'), ['OK']);

    assert.deepEqual(await at(store, 'AT%CMNG=2,12,4'), [`%CMNG: 12,4,"${sha('my-identity')}","my-identity"`, 'OK']);
    assert.deepEqual(await at(store, 'AT%CMNG=2,12,3'), ['ERROR'], 'a PSK is never read back');

    assert.deepEqual(await at(store, 'AT%CMNG=3,12,3'), ['OK']);
    assert.deepEqual(await at(store, 'AT%CMNG=3,12,3'), ['ERROR'], 'deleting what is not there');
    assert.deepEqual(await at(store, 'AT%CMNG=1,12'), [`%CMNG: 12,4,"${sha('my-identity')}"`, 'OK']);
  });

  it('never answers a PSK or key in a list', async () => {
    const store = new SecTagStore();
    await at(store, 'AT%CMNG=0,1,3,"DEADBEEFCAFE"');
    await at(store, `AT%CMNG=0,1,2,"${certificates.clientKey}"`);
    const lines = (await at(store, 'AT%CMNG=1')).join('\n');
    assert.ok(!lines.includes('DEADBEEFCAFE'));
    assert.ok(!lines.includes('PRIVATE KEY'));
  });

  it('answers ERROR for malformed or unsupported forms', async () => {
    const store = new SecTagStore();
    for (const line of [
      'AT%CMNG?', 'AT%CMNG=?', 'AT%CMNG=', 'AT%CMNG=4,1,0', 'AT%CMNG=0', 'AT%CMNG=0,1', 'AT%CMNG=0,1,0',
      'AT%CMNG=0,1,0,"not a certificate"', 'AT%CMNG=0,1,3,"XYZ"', 'AT%CMNG=0,1,9,"x"', 'AT%CMNG=0,-1,4,"x"',
      'AT%CMNG=0,2147483648,4,"x"', 'AT%CMNG=0,"1",4,"x"', 'AT%CMNG=3,1', 'AT%CMNG=2,1,0',
    ]) {
      assert.deepEqual(await at(store, line), ['ERROR'], line);
    }
    assert.deepEqual(store.list(), []);
  });
});
