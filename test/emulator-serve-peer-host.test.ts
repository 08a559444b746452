// The served emulator in a lab's network (issue 10 item 7): `emulate --peers <host>` sends the
// spec's names to the peers of another process at <host>, on the spec's own ports, as a
// lab's DNS sends a board's traffic to the peer host; the peers' certificates are signed by
// the CA its sec_tag holds (one test CA per user and machine). The peers hold the spec's
// ports on one loopback, so the device's own servers (asked for the same ports: #XBIND 1234)
// listen on the other, and a socket bound there still reaches a peer across the families.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { LoopbackClient } from '../src/peers/loopback-client.ts';
import { loopbackHostsAvailable, startPeerSet, type PeerSet } from '../src/peers/peer-set.ts';
import { startEmulateCli, type RunningEmulator } from './emulator-serve-cli.ts';
import { HostConnection } from './served-host-connection.ts';
import { holdSpecPorts } from './run-served-emulator.ts';

const PEER_HOST = '::1';

interface Served {
  peers?: PeerSet;
  emulator?: RunningEmulator;
  host?: HostConnection;
}

/**
 * Peers on `peerHost`'s spec ports and `emulate --tcp 0 --peers <peerHost>` for the tests of
 * one describe (nothing when this machine has no ::1: the device's servers need the other loopback).
 */
function servedWithPeersOn(peerHost: '127.0.0.1' | '::1'): Served {
  const served: Served = {};
  let giveBackSpecPorts: () => void = () => undefined;
  before(async () => {
    if (!(await loopbackHostsAvailable()).includes('::1')) return;
    giveBackSpecPorts = await holdSpecPorts();
    served.peers = await startPeerSet({ hosts: [peerHost], specPorts: true });
    served.emulator = await startEmulateCli(['--tcp', '0', '--peers', peerHost]);
    served.host = await HostConnection.open(Number(/:(\d+)\s*$/.exec(served.emulator.line)?.[1]));
    await served.emulator.untilLines(2);
  });
  after(async () => {
    served.host?.close();
    await served.emulator?.stop();
    await served.peers?.close();
    giveBackSpecPorts();
  });
  return served;
}

describe('emulate --peers <host>: the spec\'s hosts are the peer host\'s spec ports', () => {
  const served = servedWithPeersOn(PEER_HOST);

  it('TCP to test.server.com 1234 reaches tcp-echo, UDP to 1234 udp-echo, TLS to 8443 tls-echo with the shared CA', { timeout: 20_000 }, async (t) => {
    const { peers, host } = served;
    if (!peers || !host) return t.skip('no IPv6 loopback on this machine');
    assert.match(await host.command('AT#XSOCKET=1,1,0'), /#XSOCKET: 0,1,6/);
    assert.match(await host.command('AT#XCONNECT=0,"test.server.com",1234'), /#XCONNECT: 0,1\r\n/);
    assert.match(await host.command('AT#XSEND=0,0,0,"Test TCP"'), /#XSEND: 0,8/);
    await peers.peer('tcp-echo').record.waitForPayload('Test TCP', { timeoutMs: 5000 });
    assert.match(await host.command('AT#XCLOSE=0'), /OK/);

    assert.match(await host.command('AT#XSOCKET=1,2,0'), /#XSOCKET: 0,2,17/);
    assert.match(await host.command('AT#XSENDTO=0,0,0,"test.server.com",1234,"Test UDP"'), /#XSENDTO: 0,8/);
    await peers.peer('udp-echo').record.waitForPayload('Test UDP', { timeoutMs: 5000 });
    // the echo comes back from the peer host, shown as the #XRECVFROM example shows it
    assert.match(await host.command('AT#XRECVFROM=0,0,0,5'), /#XRECVFROM: 0,0,8,"192\.168\.1\.100",24210\r\nTest UDP\r\nOK/);
    assert.match(await host.command('AT#XCLOSE=0'), /OK/);

    assert.match(await host.command('AT#XSSOCKET=1,1,0,16842753,2'), /#XSSOCKET: 0,1,258/);
    assert.match(await host.command('AT#XCONNECT=0,"test.server.com",8443'), /#XCONNECT: 0,1\r\n/, 'the peer\'s certificate verifies against the sec_tag\'s CA');
    assert.match(await host.command('AT#XSEND=0,0,0,"Test TLS"'), /#XSEND: 0,8/);
    await peers.peer('tls-echo').record.waitForPayload('Test TLS', { timeoutMs: 5000 });
    assert.match(await host.command('AT#XCLOSE=0'), /OK/);
  });

  it('says where its network is: the peers on ::1, its own servers on 127.0.0.1', (t) => {
    const { emulator } = served;
    if (!emulator) return t.skip('no IPv6 loopback on this machine');
    assert.equal(emulator.lines[1], "the spec's hosts are the peers on ::1 (run --peer-host ::1); the device's servers listen on 127.0.0.1 (run --device-host 127.0.0.1)");
  });

  it('a UDP socket bound to the device\'s port 1234 (on 127.0.0.1) sends to the peer on ::1:1234 and gets its echo (features/06-xbind.feature:31)', { timeout: 20_000 }, async (t) => {
    const { peers, host } = served;
    if (!peers || !host) return t.skip('no IPv6 loopback on this machine');
    assert.match(await host.command('AT#XSOCKET=1,2,0'), /#XSOCKET: 0,2,17/);
    assert.match(await host.command('AT#XBIND=0,1234'), /OK/);
    assert.match(await host.command('AT#XSENDTO=0,0,0,"test.server.com",1234,"Bound UDP"'), /#XSENDTO: 0,9/);
    await peers.peer('udp-echo').record.waitForPayload('Bound UDP', { timeoutMs: 5000 });
    assert.match(await host.command('AT#XRECVFROM=0,0,0,5'), /#XRECVFROM: 0,0,9,"192\.168\.1\.100",24210\r\nBound UDP\r\nOK/);
    // and the device's own port 1234 is on 127.0.0.1, where a client's datagram reaches it
    const client = createSocket('udp4');
    await new Promise<void>((resolve, reject) => client.send('To the device', 1234, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    client.close();
    assert.match(await host.command('AT#XRECVFROM=0,0,0,5'), /#XRECVFROM: 0,0,13,"192\.168\.0\.2",\d+\r\nTo the device\r\nOK/);
    assert.match(await host.command('AT#XCLOSE=0'), /OK/);
  });

  it('a TCP server bound to 1234 listens on 127.0.0.1:1234 while tcp-echo holds ::1:1234', { timeout: 20_000 }, async (t) => {
    const { peers, host } = served;
    if (!peers || !host) return t.skip('no IPv6 loopback on this machine');
    assert.match(await host.command('AT#XSOCKET=1,1,1'), /#XSOCKET: 0,1,6/);
    assert.match(await host.command('AT#XBIND=0,1234'), /OK/);
    assert.match(await host.command('AT#XLISTEN=0'), /OK/);
    const client = await LoopbackClient.connect({ host: '127.0.0.1', port: 1234 }, { timeoutMs: 5000 });
    assert.match(await host.command('AT#XACCEPT=0,5'), /#XACCEPT: \d+,"192\.168\.0\.2"/);
    client.close();
    assert.match(await host.command('AT#XCLOSE=0'), /OK/);
  });

  it('refuses a peer host beyond loopback, in one line', async () => {
    const { runCli } = await import('./emulator-serve-cli.ts');
    const { code, stderr } = await runCli(['emulate', '--tcp', '0', '--peers', '192.0.2.5']);
    assert.equal(code, 2);
    assert.match(stderr, /^sm-conformance emulate: --peers must be 127\.0\.0\.1 or ::1/);
  });
});

describe('emulate --peers 127.0.0.1: the device\'s own servers move to ::1', () => {
  const served = servedWithPeersOn('127.0.0.1');

  it('an IPv4 server bound to 1234 listens on ::1:1234 (tcp-echo holds 127.0.0.1:1234), and its client shows as "192.168.0.2"', { timeout: 20_000 }, async (t) => {
    const { peers, host, emulator } = served;
    if (!peers || !host || !emulator) return t.skip('no IPv6 loopback on this machine');
    assert.equal(emulator.lines[1], "the spec's hosts are the peers on 127.0.0.1 (run --peer-host 127.0.0.1); the device's servers listen on ::1 (run --device-host ::1)");
    assert.match(await host.command('AT#XSOCKET=1,1,1'), /#XSOCKET: 0,1,6/);
    assert.match(await host.command('AT#XBIND=0,1234'), /OK/);
    assert.match(await host.command('AT#XLISTEN=0'), /OK/);
    const client = await LoopbackClient.connect({ host: '::1', port: 1234 }, { timeoutMs: 5000 });
    assert.match(await host.command('AT#XACCEPT=0,5'), /#XACCEPT: \d+,"192\.168\.0\.2"\r\n/);
    client.close();
    assert.match(await host.command('AT#XCLOSE=0'), /OK/);
    assert.match(await host.command('AT#XSOCKET=1,1,0'), /#XSOCKET: 0,1,6/);
    assert.match(await host.command('AT#XCONNECT=0,"test.server.com",1234'), /#XCONNECT: 0,1\r\n/);
    assert.match(await host.command('AT#XSEND=0,0,0,"Test TCP"'), /#XSEND: 0,8/);
    await peers.peer('tcp-echo').record.waitForPayload('Test TCP', { timeoutMs: 5000 });
    assert.match(await host.command('AT#XCLOSE=0'), /OK/);
  });
});
