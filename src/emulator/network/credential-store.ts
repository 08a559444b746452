// The emulated modem's credential storage: per sec_tag a CA certificate (type 0), client
// certificate (1), client private key (2), PSK (3, written as hex text) and PSK identity (4),
// the types AT%CMNG uses. Secrets never leave through printing: the store and what `get`
// returns hide keys and PSKs from console.log, util.inspect, String() and JSON.stringify;
// only code that reads the property by name sees them (the TLS/DTLS connector).

import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import type { CredentialStore, SecTagCredentials } from '../types.ts';

export type CredentialType = 0 | 1 | 2 | 3 | 4;

export const CREDENTIAL_TYPE_NAMES: Record<CredentialType, string> = {
  0: 'CA certificate', 1: 'client certificate', 2: 'client private key', 3: 'PSK', 4: 'PSK identity',
};

/** The sec_tag the spec's examples use; it holds the test CA by default. */
export const SPEC_EXAMPLE_SEC_TAG = 16842753;
export const MAX_SEC_TAG = 2147483647;

const SECRET_TYPES: ReadonlySet<CredentialType> = new Set([2, 3]);

interface StoredCredential {
  content: string;
  sha256: string;
}

export function isCredentialType(type: number): type is CredentialType {
  return Number.isInteger(type) && type >= 0 && type <= 4;
}

export class SecTagStore implements CredentialStore {
  readonly #tags = new Map<number, Map<CredentialType, StoredCredential>>();

  get(secTag: number): SecTagCredentials | undefined {
    const stored = this.#tags.get(secTag);
    if (!stored || stored.size === 0) return undefined;
    const content = (type: CredentialType) => stored.get(type)?.content;
    const credentials: SecTagCredentials = {};
    if (stored.has(0)) credentials.caCertificate = content(0);
    if (stored.has(1)) credentials.clientCertificate = content(1);
    if (stored.has(4)) credentials.pskIdentity = content(4);
    // Secrets are there to be read by name, but are left out of every printed form.
    if (stored.has(2)) Object.defineProperty(credentials, 'clientKey', { value: content(2), enumerable: false });
    if (stored.has(3)) Object.defineProperty(credentials, 'psk', { value: Buffer.from(content(3)!, 'hex'), enumerable: false });
    Object.defineProperty(credentials, inspect.custom, { value: () => `SecTagCredentials(${secTag}: ${this.#describe(secTag)})`, enumerable: false });
    return credentials;
  }

  /** Stores `content` under sec_tag/type, replacing what was there; throws with the reason if it is not acceptable. */
  set(secTag: number, type: CredentialType, content: string): void {
    checkSecTag(secTag);
    if (!isCredentialType(type)) throw new Error(`credential type ${String(type)} is not one of 0–4`);
    checkContent(type, content);
    let stored = this.#tags.get(secTag);
    if (!stored) this.#tags.set(secTag, (stored = new Map()));
    stored.set(type, { content, sha256: createHash('sha256').update(content).digest('hex').toUpperCase() });
  }

  delete(secTag: number, type: CredentialType): boolean {
    const stored = this.#tags.get(secTag);
    const deleted = stored?.delete(type) ?? false;
    if (stored?.size === 0) this.#tags.delete(secTag);
    return deleted;
  }

  list(): { secTag: number; type: number }[] {
    return [...this.#tags.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([secTag, stored]) => [...stored.keys()].sort().map((type) => ({ secTag, type })));
  }

  /** SHA-256 (upper-case hex) of what was written, as AT%CMNG's list shows it. */
  fingerprint(secTag: number, type: CredentialType): string | undefined {
    return this.#tags.get(secTag)?.get(type)?.sha256;
  }

  /** Non-secret content (types 0, 1, 4), for AT%CMNG read; undefined for secrets and absent entries. */
  readablePublicContent(secTag: number, type: CredentialType): string | undefined {
    return SECRET_TYPES.has(type) ? undefined : this.#tags.get(secTag)?.get(type)?.content;
  }

  toString(): string {
    const tags = [...this.#tags.keys()].sort((a, b) => a - b);
    return `SecTagStore(${tags.map((tag) => `${tag}: ${this.#describe(tag)}`).join('; ') || 'empty'})`;
  }

  toJSON(): { secTag: number; type: number; sha256: string }[] {
    return this.list().map(({ secTag, type }) => ({ secTag, type, sha256: this.fingerprint(secTag, type as CredentialType)! }));
  }

  [inspect.custom](): string {
    return this.toString();
  }

  #describe(secTag: number): string {
    return [...(this.#tags.get(secTag)?.keys() ?? [])].sort().map((type) => CREDENTIAL_TYPE_NAMES[type]).join(', ');
  }
}

function checkSecTag(secTag: number): void {
  if (!Number.isInteger(secTag) || secTag < 0 || secTag > MAX_SEC_TAG) {
    throw new Error(`sec_tag ${String(secTag)} is not an integer from 0 to ${MAX_SEC_TAG}`);
  }
}

function checkContent(type: CredentialType, content: string): void {
  const name = CREDENTIAL_TYPE_NAMES[type];
  if (typeof content !== 'string' || content.length === 0) throw new Error(`${name}: the content is empty`);
  switch (type) {
    case 0:
    case 1:
      if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(content)) {
        throw new Error(`${name}: not a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)`);
      }
      return;
    case 2:
      if (!/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]+-----END (?:[A-Z]+ )?PRIVATE KEY-----/.test(content)) {
        throw new Error(`${name}: not a PEM private key`); // never echo the content: it is secret
      }
      return;
    case 3:
      if (!/^(?:[0-9A-Fa-f]{2})+$/.test(content)) throw new Error(`${name}: must be an even number of hex digits`);
      return;
    case 4:
      return;
  }
}
