// The test certificates are one set per user and machine (issue 10 item 7): the peers of
// `run --peer-host`, a served emulator and `peers --ca-out` run in separate processes, and a
// device whose sec_tag holds the CA must meet peers whose certificate that CA signed. A kept
// file that others could have written is never trusted.
// The processes here keep their set in a temporary directory of the test's own: replacing the
// machine's set would leave a run of another test file (or checkout) with peers signed by a
// CA that a served emulator started after it no longer trusts.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { chmod, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedCertificatesPath as machineCertificatesPath } from '../src/loopback/test-certificates.ts';

const MODULE = fileURLToPath(new URL('../src/loopback/test-certificates.ts', import.meta.url));
/** The temporary directory of every process these tests start. */
const TEMPORARY = mkdtempSync(join(tmpdir(), 'sm-shared-certificates-'));

function sharedCertificatesPath(): string {
  return join(TEMPORARY, basename(machineCertificatesPath()));
}

/** The CA certificate a fresh process gets. */
function caOfNewProcess(): Promise<string> {
  const script = `const { testCertificates } = await import(${JSON.stringify(MODULE)}); process.stdout.write((await testCertificates()).caCertificate);`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: TEMPORARY } }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

describe('shared test certificates', () => {
  after(() => rmSync(TEMPORARY, { recursive: true, force: true }));

  it('two processes get the same CA, kept in a file only this user can read', { timeout: 30_000 }, async () => {
    const [first, second] = await Promise.all([caOfNewProcess(), caOfNewProcess()]);
    assert.match(first, /-----BEGIN CERTIFICATE-----/);
    assert.equal(second, first);
    assert.equal((await stat(sharedCertificatesPath())).mode & 0o077, 0);
    assert.equal(await caOfNewProcess(), first, 'a later process too');
  });

  it('a kept file that others may write is replaced, not trusted', { timeout: 30_000 }, async () => {
    await caOfNewProcess();
    const before = await readFile(sharedCertificatesPath(), 'utf8');
    await chmod(sharedCertificatesPath(), 0o666);
    const after = await caOfNewProcess();
    assert.ok(!before.includes(JSON.stringify(after).slice(1, -1)), 'a new CA was made');
    assert.equal((await stat(sharedCertificatesPath())).mode & 0o077, 0);
    assert.equal(await caOfNewProcess(), after);
  });
});
