// Erratum E11 shows on the wire only with a long name that resolves: the default map holds
// names of 127 and 128 characters for test.server.com's addresses (routes follow the
// addresses), and the map file format takes names up to the spec's 128.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aliasOfTestServer, defaultNetworkMapDefinition, HOSTNAME_LIMIT_LENGTHS } from '../src/emulator/network/default-network-map.ts';
import { SandboxNetworkMap } from '../src/emulator/network/network-map.ts';
import { validateNetworkMapDefinition } from '../src/emulator/network/network-map-definition.ts';
import { PEER_NAMES } from '../src/peers/peer-set.ts';

describe('names of test.server.com of a given length', () => {
  it('have exactly that length, end in .test.server.com and use DNS-sized labels', () => {
    for (const length of [17, 18, 79, 80, 81, 127, 128, 200]) {
      const name = aliasOfTestServer(length);
      assert.equal(name.length, length);
      assert.ok(name.endsWith('.test.server.com'));
      for (const label of name.split('.')) assert.ok(label.length >= 1 && label.length <= 63, `label of ${label.length} in ${length}`);
    }
    assert.throws(() => aliasOfTestServer(16), /needs more than 16 characters; 16 is too short/);
  });

  it('of 127 and 128 characters resolve to test.server.com\'s addresses and reach its peers', () => {
    const map = new SandboxNetworkMap(validateNetworkMapDefinition(defaultNetworkMapDefinition(), PEER_NAMES));
    for (const length of HOSTNAME_LIMIT_LENGTHS) {
      const name = aliasOfTestServer(length);
      assert.deepEqual(map.resolve(name, 1), map.resolve('test.server.com', 1));
      assert.deepEqual(map.resolve(name, 2), map.resolve('test.server.com', 2));
    }
    assert.deepEqual(map.resolve(aliasOfTestServer(129)), []);
  });

  it('a map file may name hosts up to 128 characters, not more', () => {
    const definition = (name: string) => ({ names: { [name]: { ipv4: ['192.0.2.7'] } }, routes: [] });
    validateNetworkMapDefinition(definition('h'.repeat(128)), PEER_NAMES);
    assert.throws(() => validateNetworkMapDefinition(definition('h'.repeat(129)), PEER_NAMES), /1–128 characters/);
  });
});
