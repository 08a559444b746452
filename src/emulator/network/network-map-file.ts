// Loads a user's network map from a JSON file (format: network-map-definition.ts) with
// errors that name the file and every problem in it.

import { readFile } from 'node:fs/promises';
import { validateNetworkMapDefinition, type NetworkMapDefinition } from './network-map-definition.ts';

export async function loadNetworkMapFile(path: string, knownPeers?: readonly string[]): Promise<NetworkMapDefinition> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read network map ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`network map ${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return validateNetworkMapDefinition(parsed, knownPeers);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
