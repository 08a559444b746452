// Fills a credential store from files, so a user can give the emulator the same credentials
// a board would get with AT%CMNG. Layout: one folder per sec_tag, named by the number, with
// any of these files in it:
//
//   <dir>/<sec_tag>/ca-cert.pem        type 0  CA certificate (PEM)
//                   client-cert.pem    type 1  client certificate (PEM)
//                   client-key.pem     type 2  client private key (PEM)
//                   psk.hex            type 3  PSK as hex digits (surrounding whitespace ignored)
//                   psk-identity.txt   type 4  PSK identity (one trailing newline ignored)
//
// e.g. credentials/16842753/ca-cert.pem. Anything else in <dir> is an error, so that a typo
// is not silently ignored.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_SEC_TAG, type CredentialType, type SecTagStore } from './credential-store.ts';

export const CREDENTIAL_FILE_NAMES: Record<string, CredentialType> = {
  'ca-cert.pem': 0,
  'client-cert.pem': 1,
  'client-key.pem': 2,
  'psk.hex': 3,
  'psk-identity.txt': 4,
};

export async function loadCredentialDirectory(dir: string, store: SecTagStore): Promise<{ secTag: number; type: CredentialType }[]> {
  const loaded: { secTag: number; type: CredentialType }[] = [];
  let tagEntries;
  try {
    tagEntries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new Error(`cannot read credential directory ${dir}: ${(error as Error).message}`);
  }
  for (const tagEntry of tagEntries) {
    const tagPath = join(dir, tagEntry.name);
    if (!tagEntry.isDirectory() || !/^(0|[1-9]\d{0,9})$/.test(tagEntry.name) || Number(tagEntry.name) > MAX_SEC_TAG) {
      throw new Error(`${tagPath}: expected a folder named by a sec_tag (0–${MAX_SEC_TAG})`);
    }
    const secTag = Number(tagEntry.name);
    for (const fileEntry of await readdir(tagPath, { withFileTypes: true })) {
      const filePath = join(tagPath, fileEntry.name);
      const type = CREDENTIAL_FILE_NAMES[fileEntry.name];
      if (type === undefined || !fileEntry.isFile()) {
        throw new Error(`${filePath}: unknown credential file (expected ${Object.keys(CREDENTIAL_FILE_NAMES).join(', ')})`);
      }
      const text = await readFile(filePath, 'utf8');
      const content = type === 3 ? text.trim() : type === 4 ? text.replace(/\r?\n$/, '') : text;
      try {
        store.set(secTag, type, content);
      } catch (error) {
        throw new Error(`${filePath}: ${(error as Error).message}`);
      }
      loaded.push({ secTag, type });
    }
  }
  return loaded;
}
