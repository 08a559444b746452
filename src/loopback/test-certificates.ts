// Test certificates made at run time, so that nothing that can expire is checked in.
// The `openssl` CLI (present on Debian machines) does the X.509 work; Node's crypto can
// make keys but not certificates. Everything is read back into memory and the temporary
// directory is removed at once, so nothing is left on disk and nothing needs cleaning up.
// One set is made per process and shared (generation takes a few hundred milliseconds).

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

let shared: Promise<TestCertificates> | undefined;

/** The process-wide test certificates, generated on first use. */
export function testCertificates(): Promise<TestCertificates> {
  shared ??= generateTestCertificates().catch((error: unknown) => {
    shared = undefined; // let a later call try again instead of caching the failure
    throw error;
  });
  return shared;
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
      serverNames: SERVER_CERTIFICATE_NAMES.map((entry) => entry.slice(entry.indexOf(':') + 1)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
