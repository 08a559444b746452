// The served emulator in a lab's network (issue 10 item 7): `emulate --peers <host>` sends the
// spec's names to the peers of another process at <host>, on the spec's own ports, as a
// lab's DNS sends a board's traffic to the peer host; the peers' certificates are signed by
// the CA its sec_tag holds (one test CA per user and machine). The peers run here on ::1
// (127.0.0.1 is where a served emulator's own servers listen on the same ports).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loopbackHostsAvailable, startPeerSet, type PeerSet } from '../src/peers/peer-set.ts';
import { startEmulateCli, type RunningEmulator } from './emulator-serve-cli.ts';
import { HostConnection } from './served-host-connection.ts';

const PEER_HOST = '::1';

describe('emulate --peers <host>: the spec\'s hosts are the peer host\'s spec ports', () => {
  let peers: PeerSet | undefined;
  let emulator: RunningEmulator | undefined;
  let host: HostConnection | undefined;

  before(async () => {
    if (!(await loopbackHostsAvailable()).includes(PEER_HOST)) return;
    peers = await startPeerSet({ hosts: [PEER_HOST], specPorts: true });
    emulator = await startEmulateCli(['--tcp', '0', '--peers', PEER_HOST]);
    host = await HostConnection.open(Number(/:(\d+)\s*$/.exec(emulator.line)?.[1]));
  });
  after(async () => {
    host?.close();
    await emulator?.stop();
    await peers?.close();
  });

  it('TCP to test.server.com 1234 reaches tcp-echo, UDP to 1234 udp-echo, TLS to 8443 tls-echo with the shared CA', { timeout: 20_000 }, async (t) => {
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

  it('refuses a peer host beyond loopback, in one line', async () => {
    const { runCli } = await import('./emulator-serve-cli.ts');
    const { code, stderr } = await runCli(['emulate', '--tcp', '0', '--peers', '192.0.2.5']);
    assert.equal(code, 2);
    assert.match(stderr, /^sm-conformance emulate: --peers must be 127\.0\.0\.1 or ::1/);
  });
});
