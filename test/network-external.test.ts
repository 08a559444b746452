// allowExternal: the only door off this machine. A map's "external" destinations are
// refused without the option; with it, each is reached through a relay on 127.0.0.1 and
// nothing unlisted is. (The "external" target here is itself a loopback peer: tests never
// send anything off this machine.)

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { startDefaultNetwork } from '../src/emulator/network/index.ts';
import { defaultNetworkMapDefinition } from '../src/emulator/network/default-network-map.ts';
import { startStreamPeer } from '../src/peers/stream-peer.ts';
import { startDatagramPeer } from '../src/peers/datagram-peer.ts';
import type { Peer } from '../src/peers/peer.ts';

let tcpTarget: Peer;
let udpTarget: Peer;
before(async () => {
  tcpTarget = await startStreamPeer({ name: 'far-tcp', hosts: ['127.0.0.1'], behaviour: 'echo' });
  udpTarget = await startDatagramPeer({ name: 'far-udp', hosts: ['127.0.0.1'], behaviour: 'echo' });
});
after(async () => {
  await tcpTarget.close();
  await udpTarget.close();
});

const mapWithExternal = () => ({
  ...defaultNetworkMapDefinition(),
  loopbackPassthrough: false,
  external: [
    { address: '127.0.0.1', port: tcpTarget.endpoints[0]!.port, transport: 'tcp' as const },
    { address: '127.0.0.1', port: udpTarget.endpoints[0]!.port, transport: 'udp' as const },
  ],
});

describe('allowExternal', () => {
  it('refuses a map with external destinations unless allowExternal is given', { timeout: 10_000 }, async () => {
    await assert.rejects(startDefaultNetwork({ map: mapWithExternal() }), /lists 2 external destination\(s\); reaching them needs the allowExternal option/);
  });

  it('reaches exactly the listed destinations through loopback relays', { timeout: 10_000 }, async () => {
    const network = await startDefaultNetwork({ map: mapWithExternal(), allowExternal: true });
    try {
      const tcpPort = tcpTarget.endpoints[0]!.port;
      const viaTcp = network.map.route('127.0.0.1', tcpPort, 'tcp')!;
      assert.equal(viaTcp.host, '127.0.0.1');
      assert.notEqual(viaTcp.port, tcpPort, 'the emulator talks to the relay, not to the destination');
      const echoed = await new Promise<string>((resolve, reject) => {
        const socket = net.connect({ host: viaTcp.host, port: viaTcp.port }, () => socket.write('through the relay'));
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
          if (text.length >= 17) { socket.destroy(); resolve(text); }
        });
        socket.once('error', reject);
      });
      assert.equal(echoed, 'through the relay');
      await tcpTarget.record.waitForPayload('through the relay');

      const udpPort = udpTarget.endpoints[0]!.port;
      const viaUdp = network.map.route('127.0.0.1', udpPort, 'udp')!;
      const socket = dgram.createSocket('udp4');
      const reply = new Promise<{ data: Buffer; from: dgram.RemoteInfo }>((resolve) => socket.once('message', (data, from) => resolve({ data, from })));
      socket.send(Buffer.from('datagram'), viaUdp.port, viaUdp.host);
      const { data, from } = await reply;
      assert.equal(data.toString(), 'datagram');
      assert.deepEqual(network.map.deviceViewOf({ host: '127.0.0.1', port: from.port }, 'udp'), { address: '127.0.0.1', port: udpPort },
        'the reply appears to come from the real destination');
      await new Promise<void>((resolve) => socket.close(() => resolve()));

      assert.equal(network.map.route('127.0.0.1', tcpPort + 1, 'tcp'), undefined, 'an unlisted destination is still refused');
      assert.equal(network.map.route('8.8.8.8', 53, 'udp'), undefined);
    } finally {
      await network.close();
    }
  });
});
