// Custom network maps from JSON files: a good file loads and routes; a bad one is refused
// with every problem named by its JSON path, and a non-loopback target is never accepted.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNetworkMapFile } from '../src/emulator/network/network-map-file.ts';
import { validateNetworkMapDefinition } from '../src/emulator/network/network-map-definition.ts';
import { defaultNetworkMapDefinition } from '../src/emulator/network/default-network-map.ts';
import { SandboxNetworkMap } from '../src/emulator/network/network-map.ts';
import { PEER_NAMES } from '../src/peers/peer-set.ts';

let dir = '';
before(async () => { dir = await mkdtemp(join(tmpdir(), 'sm-map-test-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('loadNetworkMapFile', () => {
  it('loads a valid map whose routes name peers or loopback endpoints', async () => {
    const path = await fileWith('good.json', JSON.stringify({
      names: { 'lab.example': { ipv4: ['198.51.100.7'], byHint: { none: ['198.51.100.8'] } } },
      routes: [
        { address: 'lab.example', port: 7, transport: 'tcp', peer: 'tcp-echo' },
        { address: '198.51.100.9', port: 9, transport: 'udp', to: { host: '127.0.0.1', port: 40009 } },
      ],
      loopbackPassthrough: false,
    }));
    const definition = await loadNetworkMapFile(path, PEER_NAMES);
    const map = new SandboxNetworkMap(definition, { endpointsOf: () => [{ host: '127.0.0.1', port: 40007 }] });
    assert.deepEqual(map.resolve('lab.example'), ['198.51.100.8']);
    assert.deepEqual(map.resolve('lab.example', 1), ['198.51.100.7']);
    assert.deepEqual(map.route('198.51.100.7', 7, 'tcp'), { host: '127.0.0.1', port: 40007 });
    assert.deepEqual(map.route('198.51.100.8', 7, 'tcp'), { host: '127.0.0.1', port: 40007 }, 'byHint addresses are routed too');
    assert.deepEqual(map.route('198.51.100.9', 9, 'udp'), { host: '127.0.0.1', port: 40009 });
    assert.equal(map.route('127.0.0.1', 40007, 'tcp'), undefined);
  });

  it('says which file cannot be read or parsed', async () => {
    await assert.rejects(loadNetworkMapFile(join(dir, 'missing.json')), /cannot read network map .*missing\.json/);
    await assert.rejects(loadNetworkMapFile(await fileWith('broken.json', '{"names": ')), /broken\.json is not valid JSON/);
  });

  it('lists every problem with its path', async () => {
    const path = await fileWith('bad.json', JSON.stringify({
      names: { 'a.example': { ipv4: ['2001:db8::1'], extra: 1 } },
      routes: [
        { address: 'b.example', port: 70000, transport: 'sctp', peer: 'nobody' },
        { address: '192.0.2.5', port: 80, transport: 'tcp', to: { host: '8.8.8.8', port: 53 } },
        { address: '192.0.2.6', port: 80, transport: 'tcp' },
      ],
      colour: 'blue',
      external: [{ address: 'far.example', port: 443, transport: 'tcp' }],
    }));
    const error = await loadNetworkMapFile(path, PEER_NAMES).then(() => undefined, (e: Error) => e);
    assert.ok(error, 'the bad map was accepted');
    for (const expected of [
      /bad\.json: network map is not valid/,
      /\$\.colour: unknown key/,
      /\$\.names\["a\.example"\]\.ipv4\[0\]: "2001:db8::1" is not an IPv4 address/,
      /\$\.names\["a\.example"\]\.extra: unknown key/,
      /\$\.routes\[0\]\.address: "b\.example" is neither an IP address nor a name listed in "names"/,
      /\$\.routes\[0\]\.port: must be an integer port/,
      /\$\.routes\[0\]\.transport: must be "tcp" or "udp"/,
      /\$\.routes\[0\]\.peer: unknown peer "nobody"/,
      /\$\.routes\[1\]\.to\.host: "8\.8\.8\.8" is not loopback/,
      /\$\.routes\[2\]: needs exactly one of "peer" and "to"/,
      /\$\.external\[0\]\.address: must be an IP address/,
    ]) assert.match(error.message, expected);
  });

  it('refuses a top level that is not an object', () => {
    assert.throws(() => validateNetworkMapDefinition([1, 2]), /top level must be a JSON object/);
  });

  it('accepts the example in the format\'s documentation', async () => {
    const source = await readFile(new URL('../src/emulator/network/network-map-definition.ts', import.meta.url), 'utf8');
    const lines = source.split('\n');
    const start = lines.indexOf('// {');
    const end = lines.indexOf('// }', start);
    assert.ok(start > 0 && end > start, 'the documented example is where this test looks for it');
    const example = JSON.parse(lines.slice(start, end + 1).map((line) => line.slice(3)).join('\n'));
    assert.doesNotThrow(() => validateNetworkMapDefinition(example, PEER_NAMES));
  });

  it('accepts the default map as its own format', () => {
    assert.doesNotThrow(() => validateNetworkMapDefinition(JSON.parse(JSON.stringify(defaultNetworkMapDefinition())), PEER_NAMES));
  });
});
