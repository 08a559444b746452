// Contracts between the parts of the SM emulator: the AT host (framing, echo, data mode,
// URC queue), the command modules (one per spec command) with their socket table, and the
// network side (network map, credentials, TLS/DTLS). Each part is built against these
// types only, so each can be read and tested on its own.

import type { Form } from '../catalogue/types.ts';

/** `firmware`: behaves as firmware-notes describe (errata included). `doc`: as the spec text says. */
export type ProfileName = 'firmware' | 'doc';

/** Fault profiles each break exactly one wire rule, to prove the suite can fail (suite issue). */
export type WireFaultName =
  | 'wrong-protocol'    // #XSOCKET answers protocol 17 for TCP
  | 'missing-ok'        // final OK never sent
  | 'space-after-colon' // '#XSOCKET:  0,1,6'
  | 'lf-only'           // '\n' instead of '\r\n' in output framing
  | 'drop-apoll'        // #XAPOLL URCs are never sent
  | 'lowercase-hex'     // hex payloads in lowercase
  | 'lose-payload-byte' // #XRECV payload one byte short of its header
  | 'late-response'     // every final code 3 s late
  | 'silence'           // nothing is ever answered
  | 'close-without-ok'  // #XCLOSE answers its lines but never its OK
  | 'flaky';            // now and then (seeded) one information line corrupted: shows --retry's FLAKY

export const WIRE_FAULT_NAMES: readonly WireFaultName[] = [
  'wrong-protocol', 'missing-ok', 'space-after-colon', 'lf-only', 'drop-apoll',
  'lowercase-hex', 'lose-payload-byte', 'late-response', 'silence', 'flaky', 'close-without-ok',
];

/**
 * Fault profiles of the network around the device: the environment, not the device, fails,
 * so the suite must answer INCONCLUSIVE where they bite, never FAIL.
 */
export type NetworkFaultName =
  | 'never-attach'      // AT+CFUN=1 searches forever: no registration, no PDN
  | 'detach-mid-run';   // the network detaches the device once, in the middle of a run

export const NETWORK_FAULT_NAMES: readonly NetworkFaultName[] = ['never-attach', 'detach-mid-run'];

/** Faults of the device as a whole, not of one rule: FAIL where they strike, and the run goes on. */
export type DeviceFaultName =
  | 'reboot-mid-run';   // the device restarts once, unasked, right after one answer in the middle of the run

export const DEVICE_FAULT_NAMES: readonly DeviceFaultName[] = ['reboot-mid-run'];

export type FaultName = WireFaultName | NetworkFaultName | DeviceFaultName;

export const FAULT_NAMES: readonly FaultName[] = [...WIRE_FAULT_NAMES, ...NETWORK_FAULT_NAMES, ...DEVICE_FAULT_NAMES];

export interface EmulatorProfile {
  name: ProfileName;
  /** 7 in `firmware` (erratum E1), 8 in `doc`. */
  maxSockets: number;
  fault?: FaultName;
}

/**
 * The parsed `=...` part of a command line, read as the firmware's at_parser reads it
 * (firmware-notes §2). Index 0 is the command name, as in at_parser's counting.
 * Every getter throws AtParamError when the firmware's parser would fail, so a handler
 * only has to let it propagate to answer ERROR.
 */
export interface AtArgs {
  /** Parameter count including the command name (`AT#XSOCKET=1,1,0` → 4). */
  readonly count: number;
  uint16(index: number): number;
  int32(index: number): number;
  /**
   * A quoted (or tolerated unquoted) string; throws if it is an integer or too long.
   * One character per wire byte (latin1): `Buffer.from(s, 'latin1')` gives the bytes back.
   */
  string(index: number, maxBytesExclusive?: number): string;
  /** Whether parameter `index` is present and is an integer token. */
  isInteger(index: number): boolean;
  /** Whether parameter `index` exists (even if empty). */
  has(index: number): boolean;
}

export class AtParamError extends Error {}

/** One piece of a command's answer, in wire order; the host adds the framing. */
export type ReplyPart =
  | { line: string }       // sent as \r\n<line>\r\n
  | { raw: Buffer };       // sent as is (the payload after #XRECV/#XRECVFROM headers)

/**
 * A final result code. Socket commands end only in OK or ERROR (firmware-notes §1.4); the
 * modem's own commands end in `+CME ERROR: <n>` instead of ERROR once AT+CMEE=1.
 */
export type FinalCode = 'OK' | 'ERROR' | `+CME ERROR: ${number}`;

export interface Reply {
  parts: ReplyPart[];
  /** 'none': a fault profile withholds the final code (close-without-ok). */
  final: FinalCode | 'none';
}

/** Where data-mode bytes go once the host has left command mode (#XSEND/#XSENDTO mode 2). */
export interface DataModeSink {
  /**
   * One burst (quiet time elapsed, buffer full, or the rest before the terminator).
   * `trigger` says which: 'full' is the firmware's "more data" flag (a UDP datagram that
   * overflows the buffer makes data mode fail). A rejection makes data mode fail: the host
   * drops input until the terminator, then prints end()'s status.
   */
  send(bytes: Buffer, trigger?: 'quiet' | 'full' | 'terminator'): Promise<void>;
  /**
   * Called when data mode ends; its result is the `#XDATAMODE: <status>` number
   * (0 on success, a negative errno after a failure such as UDP overflow).
   */
  end(): Promise<number>;
}

/** What the host gives to every command module. */
export interface CommandContext {
  profile: EmulatorProfile;
  /** Queue an unsolicited line; the host sends it after the current response, never inside. */
  urc(line: string): void;
  /** Switch the host to data mode after this command's OK. */
  enterDataMode(sink: DataModeSink): void;
  /** Whether the host is in data mode now. */
  readonly inDataMode: boolean;
}

export interface CommandModule {
  /** '#XSOCKET' */
  name: string;
  run(form: Form, args: AtArgs, ctx: CommandContext): Promise<Reply>;
}

// ---- network side -------------------------------------------------------------------

export type AddressFamily = 0 | 1 | 2; // unspecified, IPv4, IPv6 (as #XGETADDRINFO numbers them)

/** A loopback endpoint the emulator really talks to. Never anything but 127.0.0.1 or ::1. */
export interface LoopbackEndpoint {
  host: '127.0.0.1' | '::1';
  port: number;
}

/**
 * The sandbox. The device sees the spec's names and addresses; every packet goes to a
 * loopback peer. Anything unmapped is refused unless the user explicitly allowed it.
 */
export interface NetworkMap {
  /**
   * Addresses the device sees for `name` (IPv4/IPv6 literals resolve to themselves). Empty: EAI_NONAME.
   * `family` undefined: no hint given (#XGETADDRINFO without <address_family>), which the
   * spec's examples answer differently from hint 0 (`google.com`).
   */
  resolve(name: string, family?: AddressFamily): string[];
  /** The loopback endpoint that stands for device-visible address:port, or undefined: refused. */
  route(address: string, port: number, transport: 'tcp' | 'udp'): LoopbackEndpoint | undefined;
  /**
   * The device-visible address of a loopback source (for #XRECVFROM and #XACCEPT lines), an
   * address of `family` when given (the device socket's: 1 IPv4, 2 IPv6), else of the source's.
   */
  deviceViewOf(source: LoopbackEndpoint, transport: 'tcp' | 'udp', family?: 1 | 2): { address: string; port: number };
  /** The device's own IP address(es) as #XBIND reports/binds them. */
  readonly deviceAddress: { ipv4: string; ipv6: string };
}

/** What one sec_tag holds (AT%CMNG types: 0 CA, 1 client cert, 2 client key, 3 PSK, 4 PSK identity). */
export interface SecTagCredentials {
  caCertificate?: string;
  clientCertificate?: string;
  clientKey?: string;
  psk?: Buffer;
  pskIdentity?: string;
}

export interface CredentialStore {
  get(secTag: number): SecTagCredentials | undefined;
  set(secTag: number, type: 0 | 1 | 2 | 3 | 4, content: string): void;
  delete(secTag: number, type: 0 | 1 | 2 | 3 | 4): boolean;
  list(): { secTag: number; type: number }[];
}

/** A connected secure (TLS or DTLS) or plain channel that a socket reads and writes. */
export interface SecureSettings {
  secTag: number;
  peerVerify: 0 | 1 | 2;
  /** #XSSOCKETOPT name 2; undefined: no hostname check (never set automatically). */
  hostname?: string;
}

/** A DTLS association as the socket commands use it: datagrams in, datagrams out. */
export interface DtlsChannel {
  send(datagram: Buffer): Promise<void>;
  onMessage(listener: (datagram: Buffer) => void): void;
  onClose(listener: (error?: Error) => void): void;
  close(): Promise<void>;
}

/**
 * Opens secure channels for #XSSOCKET sockets (implemented in src/emulator/network/).
 * A failed handshake or verification rejects; the command module turns that into ERROR.
 */
export interface SecureConnector {
  connectTls(to: LoopbackEndpoint, settings: SecureSettings): Promise<import('node:tls').TLSSocket>;
  connectDtls(to: LoopbackEndpoint, settings: SecureSettings): Promise<DtlsChannel>;
}
