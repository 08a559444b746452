// Test certificates made at run time, so that nothing that can expire is checked in.
// The `openssl` CLI (present on Debian machines) does the X.509 work; Node's crypto can
// make keys but not certificates.
//
// One set is shared by every process of this user on this machine, kept in one file under
// the temporary directory (mode 0600) until it is about to expire: the peers of `run
// --peer-host`, a served emulator (`emulate --peers`) and `peers --ca-out` run in separate
// processes, and a device whose sec_tag holds the CA must meet peers whose certificate that
// CA signed. A file that is not this user's, is writable by others, or does not parse is
// never trusted: a fresh set replaces it.

import { execFile } from 'node:child_process';
import { chmod, link, lstat, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** PEM texts. Keys are PKCS#8 EC P-256, which both node:tls and werift-dtls accept. */
export interface TestCertificates {
  /** The CA that signed `server` and `client`; sec_tag 16842753 holds it by default. */
  caCertificate: string;
  /** A CA that signed nothing here: verification against it must fail. */
  otherCaCertificate: string;
  serverCertificate: string;
  serverKey: string;
  clientCertificate: string;
  clientKey: string;
  /** The names and addresses the server certificate is valid for. */
  serverNames: readonly string[];
}

/** DNS names and IP addresses in the server certificate (the default map's names included). */
export const SERVER_CERTIFICATE_NAMES: readonly string[] = [
  'DNS:test.server.com', 'DNS:localhost',
  'IP:127.0.0.1', 'IP:::1',
  'IP:192.168.1.100', 'IP:192.168.0.1', 'IP:2a02:c207:2051:8976::1', 'IP:2001:db8::100',
];

const VALID_DAYS = '2';
/** A kept set is used while at least this much of its validity remains. */
const REUSE_MARGIN_MS = 12 * 3600 * 1000;

let shared: Promise<TestCertificates> | undefined;

/** The test certificates every process of this user shares, generated when there are none. */
export function testCertificates(): Promise<TestCertificates> {
  shared ??= sharedTestCertificates().catch((error: unknown) => {
    shared = undefined; // let a later call try again instead of caching the failure
    throw error;
  });
  return shared;
}

/** Where the shared set is kept. */
export function sharedCertificatesPath(): string {
  return join(tmpdir(), `sm-conformance-test-certificates-${process.getuid?.() ?? 'user'}.json`);
}

interface KeptSet {
  validUntil: number;
  certificates: TestCertificates;
}

async function sharedTestCertificates(): Promise<TestCertificates> {
  const path = sharedCertificatesPath();
  const kept = await readKeptSet(path);
  if (kept) return kept;
  const fresh: KeptSet = { validUntil: Date.now() + Number(VALID_DAYS) * 24 * 3600 * 1000, certificates: await generateTestCertificates() };
  const staging = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(staging, JSON.stringify(fresh), { mode: 0o600 });
  await chmod(staging, 0o600);
  try {
    // link() fails if another process kept a set meanwhile: then that one is everybody's.
    await link(staging, path);
    return fresh.certificates;
  } catch {
    const theirs = await readKeptSet(path);
    if (theirs) return theirs;
    await rename(staging, path); // what is there cannot be trusted: replace it
    return fresh.certificates;
  } finally {
    await unlink(staging).catch(() => undefined);
  }
}

/** The kept set at `path` when it is this user's alone, whole and valid long enough; else undefined. */
async function readKeptSet(path: string): Promise<TestCertificates | undefined> {
  try {
    const stats = await lstat(path);
    if (!stats.isFile() || (process.getuid && stats.uid !== process.getuid()) || (stats.mode & 0o077) !== 0) return undefined;
    const kept = JSON.parse(await readFile(path, 'utf8')) as KeptSet;
    const pem = (text: unknown) => typeof text === 'string' && text.includes('-----BEGIN ');
    const { certificates } = kept;
    if (typeof kept.validUntil !== 'number' || kept.validUntil - Date.now() < REUSE_MARGIN_MS) return undefined;
    if (![certificates.caCertificate, certificates.otherCaCertificate, certificates.serverCertificate, certificates.serverKey,
      certificates.clientCertificate, certificates.clientKey].every(pem)) return undefined;
    if (JSON.stringify(certificates.serverNames) !== JSON.stringify(serverNames())) return undefined; // made for other names
    return certificates;
  } catch {
    return undefined;
  }
}

function openssl(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the openssl command is not installed (Debian: apt-get install openssl)'
        : `openssl ${args[0]} failed: ${String(stderr).trim() || error.message}`;
      reject(new Error(`cannot generate test certificates: ${reason}`));
    });
  });
}

async function makeKey(dir: string, name: string): Promise<void> {
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`], dir);
}

async function makeCa(dir: string, name: string, commonName: string): Promise<void> {
  await makeKey(dir, name);
  await openssl([
    'req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${commonName}`, '-days', VALID_DAYS,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-out', `${name}.pem`,
  ], dir);
}

async function makeLeaf(dir: string, name: string, commonName: string, extensions: string): Promise<void> {
  await makeKey(dir, name);
  await openssl(['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${commonName}`, '-out', `${name}.csr`], dir);
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl([
    'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key',
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', VALID_DAYS,
    '-extfile', `${name}.ext`, '-out', `${name}.pem`,
  ], dir);
}

function serverNames(): string[] {
  return SERVER_CERTIFICATE_NAMES.map((entry) => entry.slice(entry.indexOf(':') + 1));
}

async function generateTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'sm-conformance-certs-'));
  try {
    await makeCa(dir, 'ca', 'sm-conformance test CA');
    await makeCa(dir, 'other-ca', 'sm-conformance unrelated CA');
    await makeLeaf(dir, 'server', 'test.server.com', [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${SERVER_CERTIFICATE_NAMES.join(',')}`,
      '',
    ].join('\n'));
    await makeLeaf(dir, 'client', 'sm-conformance emulated device', [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=clientAuth',
      '',
    ].join('\n'));
    const text = (file: string) => readFile(join(dir, file), 'utf8');
    return {
      caCertificate: await text('ca.pem'),
      otherCaCertificate: await text('other-ca.pem'),
      serverCertificate: await text('server.pem'),
      serverKey: await text('server.key'),
      clientCertificate: await text('client.pem'),
      clientKey: await text('client.key'),
      serverNames: serverNames(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
