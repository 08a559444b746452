// Parameter rules of firmware-notes §2–§4 for the socket commands: what answers ERROR,
// what is stored, the unsupported forms, the table size per profile, and the places where
// the `doc` profile follows the spec text instead of an erratum.

import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDevice, eventually, startPeers, type Device, type Peers } from './emulator-commands-harness.ts';

let peers: Peers;
let device: Device;
before(async () => { peers = await startPeers(); });
after(async () => { await peers.close(); });
afterEach(async () => { await device.close(); });

describe('unsupported forms answer ERROR', () => {
  const forms = [
    'AT#XCLOSE?', 'AT#XCLOSE=?', 'AT#XSOCKETOPT?', 'AT#XSSOCKETOPT?', 'AT#XBIND?', 'AT#XBIND=?',
    'AT#XCONNECT?', 'AT#XCONNECT=?', 'AT#XLISTEN?', 'AT#XLISTEN=?', 'AT#XACCEPT?', 'AT#XACCEPT=?',
    'AT#XSEND?', 'AT#XSEND=?', 'AT#XRECV?', 'AT#XRECV=?', 'AT#XSENDTO?', 'AT#XSENDTO=?',
    'AT#XRECVFROM?', 'AT#XRECVFROM=?', 'AT#XGETADDRINFO?', 'AT#XGETADDRINFO=?',
  ];
  it('for every command without that form', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    for (const form of forms) await device.expect(form, ['ERROR']);
  });
});

describe('#XSOCKET parameters', () => {
  it('refuses anything but plain decimal, missing and empty parameters', async () => {
    device = createDevice(peers);
    for (const line of ['AT#XSOCKET=01,1,0', 'AT#XSOCKET=0x1,1,0', 'AT#XSOCKET=1,1.5,0', 'AT#XSOCKET=1,-0,0',
      'AT#XSOCKET=1,1', 'AT#XSOCKET=1,,0', 'AT#XSOCKET=1,1,0,', 'AT#XSOCKET="1",1,0', 'AT#XSOCKET', 'AT#XSOCKET=']) {
      await device.expect(line, ['ERROR']);
    }
    await device.expect('AT#XSOCKET?', ['OK']);
  });

  it('validates op, type and cid', async () => {
    device = createDevice(peers);
    for (const line of ['AT#XSOCKET=0,1,0', 'AT#XSOCKET=3,1,0', 'AT#XSOCKET=1,0,0', 'AT#XSOCKET=1,4,0',
      'AT#XSOCKET=1,1,0,11', 'AT#XSOCKET=1,1,65536', 'AT#XSOCKET=1,1,-1']) {
      await device.expect(line, ['ERROR']);
    }
    await device.expect('AT#XSOCKET=1,1,0,10', ['#XSOCKET: 0,1,6', 'OK']);
    await device.expect('AT#XSOCKET?', ['#XSOCKET: 0,1,0,1,10', 'OK']);
  });

  it('stores any uint16 role in the firmware profile (E24), only 0/1 in doc', async () => {
    device = createDevice(peers);
    await device.expect('AT#XSOCKET=1,2,7', ['#XSOCKET: 0,2,17', 'OK']);
    await device.expect('AT#XSOCKET?', ['#XSOCKET: 0,1,7,2,0', 'OK']);
    await device.close();
    device = createDevice(peers, { profile: 'doc' });
    await device.expect('AT#XSOCKET=1,2,7', ['ERROR']);
  });

  it('forces a raw socket to the packet family and client role', async () => {
    device = createDevice(peers);
    await device.expect('AT#XSOCKET=2,3,1', ['#XSOCKET: 0,3,0', 'OK']);
    await device.expect('AT#XSOCKET?', ['#XSOCKET: 0,3,0,3,0', 'OK']);
  });

  for (const [profile, size] of [['firmware', 7], ['doc', 8]] as const) {
    it(`holds ${size} sockets in the ${profile} profile (E1)`, async () => {
      device = createDevice(peers, { profile });
      for (let handle = 0; handle < size; handle += 1) {
        await device.expect('AT#XSOCKET=1,2,0', [`#XSOCKET: ${handle},2,17`, 'OK']);
      }
      await device.expect('AT#XSOCKET=1,2,0', ['ERROR']);
      await device.expect('AT#XSSOCKET=1,1,0,1', ['ERROR']);
      await device.at('AT#XCLOSE=3');
      await device.expect('AT#XSSOCKET=1,1,0,1', ['#XSSOCKET: 3,1,258', 'OK']);
    });
  }

  it('answers protocol 17 for TCP under the wrong-protocol fault', async () => {
    device = createDevice(peers, { fault: 'wrong-protocol' });
    await device.expect('AT#XSOCKET=1,1,0', ['#XSOCKET: 0,1,17', 'OK']);
  });
});

describe('#XSSOCKET parameters', () => {
  it('validates type, role, sec_tag, peer_verify and cid', async () => {
    device = createDevice(peers);
    for (const line of ['AT#XSSOCKET=1,3,0,1', 'AT#XSSOCKET=1,1,2,1', 'AT#XSSOCKET=1,1,0',
      'AT#XSSOCKET=1,1,1', 'AT#XSSOCKET=1,1,0,2147483648', 'AT#XSSOCKET=1,1,0,1,3', 'AT#XSSOCKET=1,1,0,1,2,11']) {
      await device.expect(line, ['ERROR']);
    }
    await device.expect('AT#XSSOCKET=2,1,1,2147483647', ['#XSSOCKET: 0,1,258', 'OK']);
    await device.expect('AT#XSSOCKET=1,2,0,5,1,3', ['#XSSOCKET: 1,2,273', 'OK']);
    await device.expect('AT#XSSOCKET?', ['#XSSOCKET: 0,2,1,1,2147483647,0', '#XSSOCKET: 1,1,0,2,5,3', 'OK']);
  });

  it('defaults peer_verify to 2 for clients and 0 for servers', async () => {
    device = createDevice(peers);
    await device.at('AT#XSSOCKET=1,1,0,1');
    await device.at('AT#XSSOCKET=1,1,1,1');
    await device.expect('AT#XSSOCKETOPT=0,0,5', ['#XSSOCKETOPT: 0,2', 'OK']);
    await device.expect('AT#XSSOCKETOPT=1,0,5', ['#XSSOCKETOPT: 1,0', 'OK']);
  });
});

describe('#XSOCKETOPT', () => {
  it('starts with SNDTIMEO 30 and RCVTIMEO 0; set without value stores 0', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.expect('AT#XSOCKETOPT=0,0,21', ['#XSOCKETOPT: 0,30', 'OK']);
    await device.expect('AT#XSOCKETOPT=0,0,20', ['#XSOCKETOPT: 0,0', 'OK']);
    await device.expect('AT#XSOCKETOPT=0,1,21', ['OK']);
    await device.expect('AT#XSOCKETOPT=0,0,21', ['#XSOCKETOPT: 0,0', 'OK']);
  });

  it('refuses unknown handles, ops and names; set-only options cannot be read', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    for (const line of ['AT#XSOCKETOPT=1,0,20', 'AT#XSOCKETOPT=0,2,20', 'AT#XSOCKETOPT=0,0,22',
      'AT#XSOCKETOPT=0,0,2', 'AT#XSOCKETOPT=0,0,61', 'AT#XSOCKETOPT=0,1,61,6', 'AT#XSOCKETOPT=0,1,55,136', 'AT#XSOCKETOPT=0,1,20,-1']) {
      await device.expect(line, ['ERROR']);
    }
    for (const line of ['AT#XSOCKETOPT=0,1,2,1', 'AT#XSOCKETOPT=0,1,61,4', 'AT#XSOCKETOPT=0,1,55,135', 'AT#XSOCKETOPT=0,1,30,1']) {
      await device.expect(line, ['OK']);
    }
    await device.expect('AT#XSOCKETOPT=0,0,55', ['#XSOCKETOPT: 0,135', 'OK']);
  });

  it('is overwritten by every #XRECV timeout', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    await device.at('AT#XSOCKETOPT=0,1,20,30');
    await device.expect('AT#XRECV=0,0,64,7', ['ERROR']);
    await device.expect('AT#XSOCKETOPT=0,0,20', ['#XSOCKETOPT: 0,7', 'OK']);
  });
});

describe('#XSSOCKETOPT', () => {
  it('refuses non-secure sockets, unknown names and missing values', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XSSOCKET=1,1,0,1');
    for (const line of ['AT#XSSOCKETOPT=0,0,5', 'AT#XSSOCKETOPT=1,0,3', 'AT#XSSOCKETOPT=1,1,5', 'AT#XSSOCKETOPT=1,1,13',
      'AT#XSSOCKETOPT=1,2,5,1', 'AT#XSSOCKETOPT=1,1,5,3', 'AT#XSSOCKETOPT=1,0,4', 'AT#XSSOCKETOPT=1,0,13', 'AT#XSSOCKETOPT=1,1,5,"12"']) {
      await device.expect(line, ['ERROR']);
    }
    await device.expect('AT#XSSOCKETOPT=1,1,13,0', ['OK']);
  });

  it('doc: SESSION_CACHE_PURGE without a value (E6)', async () => {
    device = createDevice(peers, { profile: 'doc' });
    await device.at('AT#XSSOCKET=1,1,0,1');
    await device.expect('AT#XSSOCKETOPT=0,1,13', ['OK']);
  });

  it('stores the hostname unquoted; "NULL" in any case clears it; 4-char strings are raw integers', async () => {
    device = createDevice(peers);
    await device.at('AT#XSSOCKET=1,1,0,1');
    await device.expect('AT#XSSOCKETOPT=0,1,2,"test.server.com"', ['OK']);
    await device.expect('AT#XSSOCKETOPT=0,0,2', ['#XSSOCKETOPT: 0,test.server.com', 'OK']);
    await device.expect('AT#XSSOCKETOPT=0,1,2,"null"', ['OK']);
    await device.expect('AT#XSSOCKETOPT=0,0,2', ['#XSSOCKETOPT: 0,', 'OK']);
    await device.expect(`AT#XSSOCKETOPT=0,1,2,"${'h'.repeat(128)}"`, ['ERROR']);
    // An integer hostname is its 4 raw bytes, printed up to the first NUL.
    await device.expect('AT#XSSOCKETOPT=0,1,2,65', ['OK']);
    await device.expect('AT#XSSOCKETOPT=0,0,2', ['#XSSOCKETOPT: 0,A', 'OK']);
    // A 4-character string is passed as the option's 4 bytes; other lengths are refused.
    await device.expect('AT#XSSOCKETOPT=0,1,13,"abcd"', ['OK']);
    await device.expect('AT#XSSOCKETOPT=0,1,13,"abc"', ['ERROR']);
    await device.expect('AT#XSSOCKETOPT=0,1,12,"abcd"', ['ERROR']);
  });
});

describe('#XBIND, #XCONNECT, #XLISTEN, #XACCEPT parameters', () => {
  it('refuses raw binds, bad ports, and wrong roles', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,3,0');
    await device.at('AT#XSOCKET=1,1,1');
    await device.at('AT#XSOCKET=1,2,1');
    await device.at('AT#XSOCKET=1,1,0');
    for (const line of ['AT#XBIND=0,1234', 'AT#XBIND=1,65536', 'AT#XBIND=9,1', 'AT#XCONNECT=1,"test.server.com",1234',
      'AT#XLISTEN=3', 'AT#XLISTEN=2', 'AT#XACCEPT=3,1', 'AT#XACCEPT=1,1', 'AT#XCONNECT=0,"test.server.com",1234']) {
      await device.expect(line, ['ERROR']);
    }
  });

  it('a device port is bound once per transport unless both sockets set SO_REUSEADDR', async () => {
    device = createDevice(peers);
    for (let i = 0; i < 5; i += 1) await device.at(i < 3 ? 'AT#XSOCKET=1,2,0' : 'AT#XSOCKET=1,1,1');
    await device.expect('AT#XBIND=0,1234', ['OK']);
    await device.expect('AT#XBIND=1,1234', ['ERROR']);
    await device.expect('AT#XBIND=3,1234', ['OK']);
    await device.at('AT#XSOCKETOPT=0,1,2,1');
    await device.at('AT#XSOCKETOPT=2,1,2,1');
    await device.expect('AT#XBIND=2,1234', ['OK']);
    await device.expect('AT#XBIND=1,0', ['OK']);
    await device.expect('AT#XBIND=4,0', ['OK']);
  });

  it('#XACCEPT times out with ERROR, and is refused while #XAPOLL runs', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,1');
    await device.expect('AT#XLISTEN=0', ['OK']);
    await device.expect('AT#XACCEPT=0,1', ['ERROR']);
    const endpoint = device.socketCommands.table.localEndpointOf(0)!;
    const { connect } = await import('node:net');
    const client = connect(endpoint.port, endpoint.host).on('error', () => undefined);
    try {
      await device.at('AT#XAPOLL=1,0');
      await eventually(() => device.socketCommands.table.find(0)!.pollEvents() !== 0, 'a connection waits');
      await device.expect('AT#XACCEPT=0,1', ['ERROR']);
      await device.at('AT#XAPOLL=0');
      await device.expect('AT#XACCEPT=0,10', ['#XACCEPT: 1,"192.168.0.2"', 'OK']);
    } finally {
      client.destroy();
    }
  });

  it('refuses an IPv6 literal on an IPv4 socket', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.expect('AT#XCONNECT=0,"2a02:c207:2051:8976::1",4567', ['ERROR']);
  });

  for (const [profile, limit] of [['firmware', 127], ['doc', 128]] as const) {
    it(`accepts hostnames up to ${limit} characters (${profile}, E11)`, async () => {
      device = createDevice(peers, { profile });
      await device.at('AT#XSOCKET=1,1,0');
      await device.at('AT#XSOCKET=1,2,0');
      for (const command of ['AT#XCONNECT=0,"%",1', 'AT#XSENDTO=1,0,0,"%",1,"x"']) {
        device.network.resolved.length = 0;
        await device.expect(command.replace('%', 'a'.repeat(limit)), ['ERROR']);
        assert.deepEqual(device.network.resolved, ['a'.repeat(limit)], 'resolution attempted');
        await device.expect(command.replace('%', 'a'.repeat(limit + 1)), ['ERROR']);
        assert.equal(device.network.resolved.length, 1, 'too long: never resolved');
      }
    });
  }
});

describe('#XSEND and #XSENDTO parameters', () => {
  it('stores flags before the mode is validated; refuses bad modes and missing data', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    await device.expect('AT#XSEND=0,9,64', ['ERROR']);
    assert.equal(device.socketCommands.table.find(0)?.sendFlags, 64);
    await device.expect('AT#XSEND=0,0,0', ['ERROR']);
    await device.expect('AT#XSEND=0,0', ['ERROR']);
    await device.expect('AT#XSENDTO=0,3,0,"test.server.com",1234,"x"', ['ERROR']);
    await device.expect('AT#XSENDTO=0,0,0,"test.server.com",1234', ['ERROR']);
  });

  it('prints the line on a failed send in firmware (E12), not in doc', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.expect('AT#XSEND=0,0,0,"x"', ['#XSEND: 0,0', 'ERROR']);
    await device.close();
    device = createDevice(peers, { profile: 'doc' });
    await device.at('AT#XSOCKET=1,1,0');
    await device.expect('AT#XSEND=0,0,0,"x"', ['ERROR']);
  });

  it('a server without an accepted connection: ERROR and no line', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,1');
    await device.at('AT#XLISTEN=0');
    await device.expect('AT#XSEND=0,0,0,"x"', ['ERROR']);
  });

  it('empty data sends nothing and says so', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XCONNECT=0,"test.server.com",1234');
    await device.expect('AT#XSEND=0,0,0,""', ['#XSEND: 0,0', 'OK']);
  });

  for (const [profile, limit] of [['firmware', 2802], ['doc', 2800]] as const) {
    it(`hex data: even length, hex digits, at most ${limit} characters (${profile}, E10)`, async () => {
      device = createDevice(peers, { profile });
      await device.at('AT#XSOCKET=1,2,0');
      await device.at('AT#XCONNECT=0,"test.server.com",1234');
      await device.expect('AT#XSEND=0,1,0,"123"', ['ERROR']);
      await device.expect('AT#XSEND=0,1,0,"12G4"', ['ERROR']);
      await device.expect(`AT#XSEND=0,1,0,"${'aB'.repeat(limit / 2 + 1)}"`, ['ERROR']);
      await device.expect(`AT#XSEND=0,1,0,"${'aB'.repeat(limit / 2)}"`, [`#XSEND: 0,${limit / 2}`, 'OK']);
      await device.expect(`AT#XSENDTO=0,1,0,"test.server.com",1234,"${'aB'.repeat(limit / 2 + 1)}"`, ['ERROR']);
    });
  }

  it('#XSENDTO: an unresolvable name is ERROR without a line; an unmapped route fails the send', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    await device.expect('AT#XSENDTO=0,0,0,"nowhere.example",1234,"x"', ['ERROR']);
    await device.expect('AT#XSENDTO=0,0,0,"10.9.8.7",53,"x"', ['#XSENDTO: 0,0', 'ERROR']);
    assert.deepEqual(device.network.refused, [{ address: '10.9.8.7', port: 53, transport: 'udp' }]);
  });
});

describe('#XRECV and #XRECVFROM parameters', () => {
  it('validates mode, flags, timeout and data_len (unsigned compare)', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,2,0');
    for (const line of ['AT#XRECV=0,2,0,1', 'AT#XRECV=0,0,0', 'AT#XRECV=0,0,64,1,2049', 'AT#XRECV=0,0,64,1,-1',
      'AT#XRECV=1,0,64,1', 'AT#XRECVFROM=0,0,64', 'AT#XRECVFROM=0,0,64,1,-2048', 'AT#XRECV=0,0,0,-1']) {
      await device.expect(line, ['ERROR']);
    }
    await device.expect('AT#XRECV=0,0,64,1,2048', ['ERROR']);
    await device.expect('AT#XRECV=0,0,0,1,0', ['OK']);
  });
});

describe('#XGETADDRINFO parameters', () => {
  it('reports EAI_NONAME, refuses bad family and counts', async () => {
    device = createDevice(peers);
    await device.expect('AT#XGETADDRINFO="nowhere.example"', ['#XGETADDRINFO: "EAI_NONAME"', 'ERROR']);
    await device.expect('AT#XGETADDRINFO="google.com",3', ['ERROR']);
    await device.expect('AT#XGETADDRINFO="google.com",1,1', ['ERROR']);
    await device.expect('AT#XGETADDRINFO', ['ERROR']);
    await device.expect(`AT#XGETADDRINFO="${'a'.repeat(128)}"`, ['ERROR']);
  });

  it('repeats the first of several addresses in firmware (§4 bug), lists them all in doc', async () => {
    device = createDevice(peers);
    await device.expect('AT#XGETADDRINFO="multi.example.com"', ['#XGETADDRINFO: "198.51.100.1 198.51.100.1 198.51.100.1"', 'OK']);
    await device.close();
    device = createDevice(peers, { profile: 'doc' });
    await device.expect('AT#XGETADDRINFO="multi.example.com"', ['#XGETADDRINFO: "198.51.100.1 198.51.100.2 198.51.100.3"', 'OK']);
  });
});

describe('#XAPOLL parameters', () => {
  it('refuses bad ops; stores a bad events value in firmware, not in doc', async () => {
    device = createDevice(peers);
    await device.expect('AT#XAPOLL=2,1', ['ERROR']);
    await device.expect('AT#XAPOLL=1', ['ERROR']);
    await device.expect('AT#XAPOLL=1,2', ['ERROR']);
    await device.expect('AT#XAPOLL?', ['#XAPOLL: 0,2', 'OK']);
    await device.expect('AT#XAPOLL=0', ['OK']);
    await device.expect('AT#XAPOLL?', ['#XAPOLL: 0,0', 'OK']);
    await device.close();
    device = createDevice(peers, { profile: 'doc' });
    await device.expect('AT#XAPOLL=1,8', ['ERROR']);
    await device.expect('AT#XAPOLL?', ['#XAPOLL: 0,0', 'OK']);
  });

  it('an unknown handle is ERROR but leaves polling running with the handles before it', async () => {
    device = createDevice(peers);
    await device.at('AT#XSOCKET=1,1,0');
    await device.at('AT#XSOCKET=1,1,0');
    await device.expect('AT#XAPOLL=1,1,1,5,0', ['ERROR']);
    await device.expect('AT#XAPOLL?', ['#XAPOLL: 1,1,1', 'OK']);
  });
});
