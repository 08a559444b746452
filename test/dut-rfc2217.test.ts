// The RFC 2217 adapter against scripted access servers (what a server may do: refuse,
// stay silent, never acknowledge, drop us at SET-CONTROL, split IAC across segments) and
// against the real ones on this machine: Debian's ser2net and pyserial's rfc2217_server.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtRunner } from '../src/at/at-runner.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { DutUnavailableError } from '../src/dut/dut.ts';
import { Rfc2217Dut } from '../src/dut/rfc2217-dut.ts';
import { CONTROL_DTR_ON, SERVER_OFFSET, SET_BAUDRATE, SET_CONTROL } from '../src/dut/rfc2217/com-port-commands.ts';
import { DO, DONT, IAC, OPTION_BINARY, OPTION_COM_PORT, WILL } from '../src/dut/rfc2217/telnet-codes.ts';
import { escapeIac, subnegotiation, TelnetDecoder } from '../src/dut/rfc2217/telnet-stream.ts';
import { servePty, type PtyServer } from '../src/emulator/serve/pty-server.ts';
import { PYSERIAL_SERVER_AVAILABLE, SER2NET_AVAILABLE, startPyserialRfc2217Server, startSer2net, type Exporter } from './lab-exporters.ts';

const FAST = { readyWindowMs: 50, probeTimeoutMs: 300, probeAttempts: 2 };
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, value) => value));

interface ScriptedServer {
  port: number;
  /** COM-PORT-OPTION values the client sent, per connection. */
  comPort: Buffer[][];
  /** Data bytes the client sent (IAC undoubled), per connection. */
  data: Buffer[];
  close(): Promise<void>;
}

interface Script {
  /** Answer the client's WILL COM-PORT-OPTION with DONT. */
  refuseComPort?: boolean;
  /** Send nothing at all (a raw TCP port). */
  silent?: boolean;
  /** Acknowledge settings (default true); SET-CONTROL only when also ackControl. */
  ack?: boolean;
  ackControl?: boolean;
  /** Close the connection on SET-CONTROL DTR ON (pyserial's server on a port without modem lines). */
  dropOnDtr?: boolean;
  /** Once set up, send `Ready\r\n` and answer AT with OK; answer `AT+BYTES` with all 256 bytes, one TCP write per wire byte. */
  device?: boolean;
}

async function scriptedServer(script: Script): Promise<ScriptedServer> {
  const comPort: Buffer[][] = [];
  const data: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    const index = comPort.push([]) - 1;
    data.push(Buffer.alloc(0));
    const decoder = new TelnetDecoder();
    let line = '';
    socket.on('data', (chunk) => {
      if (script.silent) return;
      for (const event of decoder.decode(chunk)) {
        if (event.kind === 'option' && event.verb === WILL && event.option === OPTION_COM_PORT) {
          socket.write(Buffer.from([IAC, script.refuseComPort ? DONT : DO, OPTION_COM_PORT]));
        } else if (event.kind === 'option' && event.verb === WILL && event.option === OPTION_BINARY) {
          socket.write(Buffer.from([IAC, DO, OPTION_BINARY]));
        } else if (event.kind === 'option' && event.verb === DO && event.option === OPTION_BINARY) {
          socket.write(Buffer.from([IAC, WILL, OPTION_BINARY]));
        } else if (event.kind === 'subnegotiation' && event.option === OPTION_COM_PORT) {
          comPort[index]!.push(event.value);
          const [command, value] = [event.value[0]!, event.value.subarray(1)];
          if (script.dropOnDtr && command === SET_CONTROL && value[0] === CONTROL_DTR_ON) { socket.destroy(); return; }
          const ack = command === SET_CONTROL ? script.ackControl === true : script.ack !== false;
          if (ack) socket.write(subnegotiation(OPTION_COM_PORT, Buffer.concat([Buffer.from([command + SERVER_OFFSET]), value])));
          if (script.device && command === 12) socket.write('Ready\r\n');
        } else if (event.kind === 'data') {
          data[index] = Buffer.concat([data[index]!, event.bytes]);
          line += event.bytes.toString('latin1');
          if (!script.device || !line.endsWith('\r')) continue;
          if (line === 'AT+BYTES\r') {
            const wire = Buffer.concat([Buffer.from('\r\n'), escapeIac(ALL_BYTES), Buffer.from('\r\nOK\r\n')]);
            for (const byte of wire) socket.write(Buffer.from([byte]));
          } else socket.write('\r\nOK\r\n');
          line = '';
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port, comPort, data,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function withScripted(script: Script, options: Partial<ConstructorParameters<typeof Rfc2217Dut>[0]>, body: (server: ScriptedServer, dut: Rfc2217Dut) => Promise<void>): Promise<void> {
  const server = await scriptedServer(script);
  const dut = new Rfc2217Dut({ host: '127.0.0.1', port: server.port, timeoutS: 0.3, readiness: FAST, ...options });
  try {
    await body(server, dut);
  } finally {
    await dut.close();
    await server.close();
  }
}

function refusal(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof DutUnavailableError, String(error));
    assert.match(error.message, pattern);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  };
}

describe('Rfc2217Dut against scripted servers', () => {
  it('negotiates, sets 8N1 at the baud rate, asserts DTR and RTS, purges, and escapes IAC in data', () => withScripted({ device: true, ackControl: true }, { baud: 921600 }, async (server, dut) => {
    const link = await dut.open();
    assert.deepEqual(dut.describe().warnings, undefined);
    const sent = server.comPort[0]!.map((value) => [...value]);
    assert.deepEqual(sent, [[SET_BAUDRATE, 0, 0x0e, 0x10, 0], [2, 8], [3, 1], [4, 1], [5, 1], [5, 8], [5, 11], [12, 3]]);
    await link.write(Buffer.from([0x41, IAC, 0x42, IAC, IAC]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual([...server.data[0]!.subarray(-5)], [0x41, IAC, 0x42, IAC, IAC], 'the server undoubled exactly what we doubled');
  }));

  it('undoubles IAC from the server even when every wire byte is its own TCP segment', () => withScripted({ device: true, ackControl: true }, {}, async (_server, dut) => {
    const runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 3000 });
    try {
      const received: Buffer[] = [];
      runner.onWire((direction, bytes) => { if (direction === 'rx') received.push(bytes); });
      await runner.send('AT+BYTES');
      const all = Buffer.concat(received);
      assert.deepEqual(all.subarray(2, 258), ALL_BYTES);
    } finally {
      runner.detach();
    }
  }));

  it('a server that acknowledges nothing is used anyway, with one warning per setting', () => withScripted({ device: true, ack: false }, {}, async (_server, dut) => {
    await dut.open();
    const warnings = dut.describe().warnings ?? [];
    assert.equal(warnings.length, 8, warnings.join('\n'));
    assert.match(warnings[0]!, /did not acknowledge SET-BAUDRATE 115200/);
    assert.ok(warnings.some((warning) => /SET-CONTROL DTR ON/.test(warning)));
  }));

  it('ign_set_control: unanswered SET-CONTROL is not waited for and not warned about (ser2net on a pty)', () => withScripted({ device: true }, { ignSetControl: true }, async (_server, dut) => {
    await dut.open();
    assert.equal(dut.describe().warnings, undefined);
  }));

  it('without ign_set_control the same server gives warnings for DTR, RTS and flow control, and works', () => withScripted({ device: true }, {}, async (_server, dut) => {
    await dut.open();
    assert.deepEqual(dut.describe().warnings?.map((warning) => warning.replace(/ within.*/, '')), [
      'the RFC 2217 server did not acknowledge SET-CONTROL flow NONE',
      'the RFC 2217 server did not acknowledge SET-CONTROL DTR ON',
      'the RFC 2217 server did not acknowledge SET-CONTROL RTS ON',
    ]);
  }));

  it('a server that drops us at SET-CONTROL DTR is reconnected without DTR/RTS, with a warning', () => withScripted({ device: true, ackControl: true, dropOnDtr: true }, {}, async (server, dut) => {
    await dut.open();
    assert.equal(server.comPort.length, 2, 'a second connection');
    assert.ok(!server.comPort[1]!.some((value) => value[0] === SET_CONTROL && (value[1] === 8 || value[1] === 11)), 'no DTR/RTS the second time');
    assert.match(dut.describe().warnings?.[0] ?? '', /closed the connection when asked to set DTR\/RTS/);
  }));

  it('a server that refuses COM-PORT-OPTION is one clear error', () => withScripted({ refuseComPort: true }, {}, async (_server, dut) => {
    await assert.rejects(dut.open(), refusal(/rfc2217 target 127\.0\.0\.1:\d+: the server refused COM-PORT-OPTION/));
  }));

  it('a raw TCP port (no Telnet at all) is one clear error naming tcp:', () => withScripted({ silent: true }, {}, async (_server, dut) => {
    await assert.rejects(dut.open(), refusal(/no Telnet answer .*tcp:<host>:<port>/));
  }));

  it('nobody listening is refused like a TCP target', async () => {
    const server = await scriptedServer({});
    const port = server.port;
    await server.close();
    await assert.rejects(new Rfc2217Dut({ host: '127.0.0.1', port, readiness: FAST }).open(), refusal(/rfc2217 target 127\.0\.0\.1:\d+ refused the connection/));
  });
});

describe('Rfc2217Dut through the real servers in front of the emulator\'s pty', { skip: SER2NET_AVAILABLE ? false : 'ser2net is not installed' }, () => {
  let directory: string;
  let pty: PtyServer;
  let rfc2217: Exporter;

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sm-rfc2217-'));
    // paced like a UART, so the line speed ser2net sets is the one the emulator runs at
    pty = await servePty(join(directory, 'board'), { lineRateBaud: 115200 });
    rfc2217 = await startSer2net(pty.linkPath, 'rfc2217');
  });
  after(async () => {
    await rfc2217?.close();
    await pty?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('ser2net on a pty never acknowledges DTR/RTS: warnings, and the device answers', async () => {
    const dut = new Rfc2217Dut({ host: '127.0.0.1', port: rfc2217.port, timeoutS: 0.5 });
    try {
      const runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 3000 });
      assert.equal((await runner.send('AT')).final.code, 'OK');
      runner.detach();
      const warnings = dut.describe().warnings ?? [];
      assert.ok(warnings.some((warning) => /SET-CONTROL DTR ON/.test(warning)), warnings.join('\n'));
      assert.ok(!warnings.some((warning) => /SET-BAUDRATE/.test(warning)), 'the baud rate is acknowledged');
    } finally {
      await dut.close();
    }
  });

  it('a baud change reaches the emulator: ser2net sets the pty\'s speed and the emulator paces at it', async () => {
    for (const baud of [57600, 230400]) {
      const dut = new Rfc2217Dut({ host: '127.0.0.1', port: rfc2217.port, baud, ignSetControl: true });
      try {
        await dut.open();
        await until(() => pty.lineSpeed === baud);
        assert.equal(pty.emulator.lineRateBaud, baud);
      } finally {
        await dut.close();
      }
    }
  });

  it('all 256 byte values survive data mode and #XRECV (binary) through RFC 2217', async () => {
    const dut = new Rfc2217Dut({ host: '127.0.0.1', port: rfc2217.port, baud: 921600, ignSetControl: true });
    const runner = new AtRunner(await dut.open(), { payloadRule, timeoutMs: 5000 });
    try {
      // the modem boots offline, as the firmware's does: attach first
      assert.equal((await runner.send('AT+CFUN=1')).final.code, 'OK');
      for (let attempt = 0; attempt < 50 && !/\+CEREG: \d,[15]\b/.test((await runner.send('AT+CEREG?')).lines.join('\n')); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const socket = await runner.send('AT#XSOCKET=1,1,0');
      const handle = /#XSOCKET: (\d+)/.exec(socket.lines.join('\n'))![1];
      assert.equal((await runner.send(`AT#XCONNECT=${handle},"test.server.com",1234`)).final.code, 'OK');
      assert.equal((await runner.send(`AT#XSEND=${handle},2,0`)).final.code, 'OK');
      await runner.writeRaw(ALL_BYTES);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the data-mode quiet time before the terminator
      await runner.writeRaw(Buffer.from('+++'));
      await runner.urc('#XDATAMODE');
      let received = Buffer.alloc(0);
      for (let attempt = 0; attempt < 20 && received.length < 256; attempt++) {
        const response = await runner.send(`AT#XRECV=${handle},0,0,1`);
        received = Buffer.concat([received, ...response.payloads.map((payload) => payload.bytes)]);
      }
      assert.deepEqual(received, ALL_BYTES);
      await runner.send(`AT#XCLOSE=${handle}`);
    } finally {
      runner.detach();
      await dut.close();
    }
  });

  // it sets DTR/RTS on the port itself when a client connects; on a pty that fails, and it
  // keeps the connection open without a word
  it('pyserial\'s rfc2217_server cannot serve a pty: one clear error, no hang', { skip: PYSERIAL_SERVER_AVAILABLE ? false : 'pyserial\'s rfc2217_server.py is not installed' }, async () => {
    const server = await startPyserialRfc2217Server(pty.linkPath);
    try {
      const dut = new Rfc2217Dut({ host: '127.0.0.1', port: server.port, timeoutS: 1, readiness: FAST });
      await assert.rejects(dut.open(), refusal(/no Telnet answer to WILL COM-PORT-OPTION within 1000 ms/));
      await dut.close();
    } finally {
      await server.close();
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
}
