// Test fixture for the socket command modules: loopback peers (TCP echo, TCP
// echo-and-close, TCP sink, UDP echo), a small NetworkMap that routes the spec's example
// names to them and records what it refused, and a runner that sends one AT line to the
// commands the way the host would (parseAtArgs, one CommandContext, URCs collected).
// Not a test file itself (no .test.ts suffix).

import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import { parseAtArgs } from '../src/emulator/at-args.ts';
import { createSocketCommands, type SocketCommands } from '../src/emulator/commands/index.ts';
import type {
  AddressFamily, CommandContext, DataModeSink, EmulatorProfile, FaultName, LoopbackEndpoint, NetworkMap,
  ProfileName, Reply, SecureConnector,
} from '../src/emulator/types.ts';

export interface Peers {
  tcpEcho: LoopbackEndpoint;
  tcpEchoV6: LoopbackEndpoint;
  /** Echoes the first chunk it receives, then closes (the #XAPOLL example's server). */
  tcpEchoClose: LoopbackEndpoint;
  udpEcho: LoopbackEndpoint;
  /** Bytes each TCP peer received, concatenated per connection, newest last. */
  tcpReceived: Buffer[];
  udpReceived: Buffer[];
  close(): Promise<void>;
}

export async function startPeers(): Promise<Peers> {
  const tcpReceived: Buffer[] = [];
  const udpReceived: Buffer[] = [];
  const record = (socket: Socket): number => {
    const index = tcpReceived.push(Buffer.alloc(0)) - 1;
    socket.on('data', (chunk: Buffer) => { tcpReceived[index] = Buffer.concat([tcpReceived[index]!, chunk]); });
    socket.on('error', () => undefined);
    return index;
  };
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const listen = async (host: string, onConnection: (socket: Socket) => void): Promise<LoopbackEndpoint> => {
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      onConnection(socket);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return { host: host as LoopbackEndpoint['host'], port: address.port };
  };
  const echo = (socket: Socket): void => {
    record(socket);
    socket.on('data', (chunk: Buffer) => socket.write(chunk));
    socket.on('end', () => socket.end());
  };
  const tcpEcho = await listen('127.0.0.1', echo);
  const tcpEchoV6 = await listen('::1', echo);
  const tcpEchoClose = await listen('127.0.0.1', (socket) => {
    record(socket);
    socket.once('data', (chunk: Buffer) => socket.end(chunk));
  });
  const udp: DgramSocket = createSocket('udp4');
  udp.on('message', (message, from) => {
    udpReceived.push(message);
    udp.send(message, from.port, from.address);
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const udpEcho: LoopbackEndpoint = { host: '127.0.0.1', port: udp.address().port };
  return {
    tcpEcho, tcpEchoV6, tcpEchoClose, udpEcho, tcpReceived, udpReceived,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}

/** The device-visible address every loopback peer and client appears as, unless mapped. */
export const UNKNOWN_SOURCE_ADDRESS = '192.168.0.2';

export class TestNetworkMap implements NetworkMap {
  readonly deviceAddress = { ipv4: '10.0.0.5', ipv6: '2001:db8::5' };
  readonly refused: { address: string; port: number; transport: string }[] = [];
  readonly routed: LoopbackEndpoint[] = [];
  /** Every name resolve() was asked for. */
  readonly resolved: string[] = [];
  private readonly names = new Map<string, string[]>();
  private readonly routes = new Map<string, LoopbackEndpoint>();
  private readonly views = new Map<string, { address: string; port: number }>();

  constructor(peers: Peers) {
    this.names.set('test.server.com', ['203.0.113.10']);
    this.names.set('close.server.com', ['203.0.113.11']);
    this.names.set('ipv6.google.com', ['2404:6800:4004:824::200e']);
    this.names.set('multi.example.com', ['198.51.100.1', '198.51.100.2', '198.51.100.3']);
    this.addRoute('203.0.113.10', 1234, 'tcp', peers.tcpEcho);
    this.addRoute('192.168.0.1', 1234, 'tcp', peers.tcpEcho);
    this.addRoute('2a02:c207:2051:8976::1', 4567, 'tcp', peers.tcpEchoV6);
    this.addRoute('203.0.113.11', 1234, 'tcp', peers.tcpEchoClose);
    this.addRoute('203.0.113.10', 1234, 'udp', peers.udpEcho);
    this.views.set(`udp ${peers.udpEcho.host} ${peers.udpEcho.port}`, { address: '192.168.1.100', port: 24210 });
  }

  addRoute(address: string, port: number, transport: string, to: LoopbackEndpoint): void {
    this.routes.set(`${transport} ${address} ${port}`, to);
  }

  resolve(name: string, family?: AddressFamily): string[] {
    this.resolved.push(name);
    // As in the spec's examples: google.com answers differently with hint 0 and without one.
    if (name === 'google.com' && family !== 2) return [family === 0 ? '172.217.31.142' : '142.251.42.142'];
    const isV6 = (address: string): boolean => address.includes(':');
    const addresses = /^[0-9.]+$/.test(name) || name.includes(':') ? [name] : (this.names.get(name) ?? []);
    if (family === 1) return addresses.filter((address) => !isV6(address));
    if (family === 2) return addresses.filter(isV6);
    return addresses;
  }

  route(address: string, port: number, transport: 'tcp' | 'udp'): LoopbackEndpoint | undefined {
    const to = this.routes.get(`${transport} ${address} ${port}`);
    if (to) this.routed.push(to);
    else this.refused.push({ address, port, transport });
    return to;
  }

  deviceViewOf(source: LoopbackEndpoint, transport: 'tcp' | 'udp'): { address: string; port: number } {
    return this.views.get(`${transport} ${source.host} ${source.port}`) ?? { address: UNKNOWN_SOURCE_ADDRESS, port: source.port };
  }
}

/** A SecureConnector that refuses everything (tests of plain sockets). */
export const NO_SECURE_CONNECTOR: SecureConnector = {
  connectTls: () => Promise.reject(new Error('no TLS in this test')),
  connectDtls: () => Promise.reject(new Error('no DTLS in this test')),
};

export interface Answer {
  /** Information lines, then the final code. */
  lines: string[];
  /** Raw payload parts, in order. */
  raw: Buffer[];
  final: Reply['final'];
}

export interface Device {
  socketCommands: SocketCommands;
  network: TestNetworkMap;
  urcs: string[];
  /** The sink of the last #XSEND/#XSENDTO mode 2. */
  dataMode: DataModeSink | undefined;
  at(line: string): Promise<Answer>;
  /** Sends `line` and asserts its lines (final code last) and, if given, its payload as latin1. */
  expect(line: string, lines: string[], payload?: string): Promise<void>;
  /** Waits (bounded) until a URC matching `pattern` has arrived, and returns it. */
  urc(pattern: RegExp): Promise<string>;
  /** Lets pending socket events and poll checks run (a few event-loop turns). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export function createDevice(
  peers: Peers,
  options: { profile?: ProfileName; fault?: FaultName; secure?: SecureConnector; network?: TestNetworkMap } = {},
): Device {
  const name = options.profile ?? 'firmware';
  const profile: EmulatorProfile = { name, maxSockets: name === 'firmware' ? 7 : 8, fault: options.fault };
  const network = options.network ?? new TestNetworkMap(peers);
  const internalErrors: unknown[] = [];
  const socketCommands = createSocketCommands({
    network, profile, secure: options.secure ?? NO_SECURE_CONNECTOR,
    onInternalError: (error) => internalErrors.push(error),
  });
  const urcs: string[] = [];
  const device: Device = {
    socketCommands,
    network,
    urcs,
    dataMode: undefined,
    async at(line) {
      const commandName = /^AT(#[A-Z]+)/.exec(line)?.[1];
      const command = socketCommands.commands.find((candidate) => candidate.name === commandName);
      if (!command) throw new Error(`no command for ${line}`);
      const context: CommandContext = {
        profile,
        urc: (text) => urcs.push(text),
        enterDataMode: (sink) => { device.dataMode = sink; },
        inDataMode: false,
      };
      let reply: Reply;
      try {
        const { form, args } = parseAtArgs(line);
        reply = await command.run(form, args, context);
      } catch {
        reply = { parts: [], final: 'ERROR' };
      }
      if (internalErrors.length > 0) throw internalErrors[0];
      const lines: string[] = [];
      const raw: Buffer[] = [];
      for (const part of reply.parts) {
        if ('line' in part) lines.push(part.line);
        else raw.push(part.raw);
      }
      return { lines: [...lines, reply.final], raw, final: reply.final };
    },
    async expect(line, lines, payload) {
      const answer = await device.at(line);
      assert.deepEqual(answer.lines, lines, line);
      if (payload !== undefined) assert.equal(Buffer.concat(answer.raw).toString('latin1'), payload, `${line} payload`);
    },
    async urc(pattern) {
      for (let turn = 0; turn < 500; turn += 1) {
        const found = urcs.find((text) => pattern.test(text));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no URC matching ${pattern} (got ${JSON.stringify(urcs)})`);
    },
    async settle() {
      for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    close: () => socketCommands.closeAll(),
  };
  return device;
}

/** Waits (bounded) until `condition` holds; for peer-side effects such as received bytes. */
export async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 500; turn += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Receives on `handle` with #XRECV mode `mode` until `length` bytes came (TCP may split). */
export async function receiveAll(device: Device, handle: number, mode: 0 | 1, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let received = 0;
  while (received < length) {
    const answer = await device.at(`AT#XRECV=${handle},${mode},0,5`);
    if (answer.final !== 'OK' || answer.raw.length !== 1) throw new Error(`#XRECV: ${JSON.stringify(answer.lines)}`);
    const header = /^#XRECV: \d+,\d+,(\d+)$/.exec(answer.lines[0]!);
    const raw = answer.raw[0]!;
    const bytes = mode === 1 ? Buffer.from(raw.toString('latin1'), 'hex') : raw;
    if (mode === 1 && raw.toString('latin1') !== raw.toString('latin1').toUpperCase()) throw new Error('hex not uppercase');
    if (Number(header?.[1]) !== bytes.length) throw new Error(`header ${answer.lines[0]} for ${bytes.length} bytes`);
    parts.push(bytes);
    received += bytes.length;
  }
  return Buffer.concat(parts);
}

/** Every byte value 0–255 once, then again reversed (512 bytes). */
export function allByteValues(): Buffer {
  const bytes = Buffer.alloc(512);
  for (let i = 0; i < 256; i += 1) {
    bytes[i] = i;
    bytes[511 - i] = i;
  }
  return bytes;
}
