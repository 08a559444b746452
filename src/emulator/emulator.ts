// The assembled SM emulator: the AT host with the identity commands, the socket commands
// and the network side, offered as a ByteLink for in-process use. This is the one place
// where the emulator's parts are wired together.

import type { ByteLink } from '../at/link.ts';
import type { CommandModule, EmulatorProfile, FaultName, LoopbackEndpoint, NetworkMap, ProfileName, SecureConnector } from './types.ts';
import { LoopbackSecureConnector, SecTagStore, startDefaultNetwork, type DefaultNetwork, type PeerSet } from './network/index.ts';
import { cmngCommand } from './network/cmng-command.ts';
import { createSocketCommands, type SocketCommands } from './commands/index.ts';
import type { SocketTable } from './sockets/socket-table.ts';
import { AtHost } from './host/at-host.ts';
import { DataModeTiming } from './host/data-mode-timing.ts';
import type { LineTermination } from './host/line-assembler.ts';
import { createHostOutput } from './faults.ts';
import { createIdentityCommands } from './identity.ts';
import { createProfile } from './profile.ts';
import { UartPacer } from './uart-pacing.ts';
import { createModemCommands } from './modem/modem-commands.ts';
import { ModemState, type ModemOptions } from './modem/modem-state.ts';
import { NETWORK_FAULT_NAMES, type NetworkFaultName } from './types.ts';
import type { DevicePorts, TakenDevicePort } from './sockets/device-ports.ts';

export interface EmulatorOptions {
  profile?: ProfileName;
  fault?: FaultName;
  /**
   * A network side the caller started (startDefaultNetwork) and keeps: shared peers whose
   * records a test can read. It is not closed with the emulator.
   */
  network?: DefaultNetwork;
  /** A network map to use instead of the default one; no peers are started then. */
  networkMap?: NetworkMap;
  /** The sec_tag store AT%CMNG and the TLS/DTLS sockets use (default: a new one). */
  credentials?: SecTagStore;
  /** Data-mode quiet time used until AT#XDATACTRL sets one (default: 32 ms, the firmware's value at 115200). */
  dataModeQuietMs?: number;
  /** CONFIG_SM_DATAMODE_BUF_SIZE (default 4096). */
  dataModeBufferSize?: number;
  /** Pace input and output like a UART at this rate (8N1); unset: as fast as possible. */
  lineRateBaud?: number;
  /**
   * #XBIND listens on the loopback port equal to the device's port (ephemeral if it is taken),
   * so a client on this machine finds a served emulator's servers where a board's would be.
   * Off in process: parallel emulators must never collide on a port.
   */
  bindDevicePorts?: boolean;
  /**
   * The loopback address the device's own ports are on (its servers, its bound sockets).
   * Default: 127.0.0.1 for an IPv4 socket, ::1 for an IPv6 one. A served emulator whose peers
   * are at one loopback (emulate --peers) puts them on the other: both use the spec's ports.
   */
  deviceHost?: LoopbackEndpoint['host'];
  /** Told when a device port is taken on this machine and an ephemeral one stands in (emulate prints it). */
  onDevicePortTaken?: (taken: TakenDevicePort) => void;
  /** Let sockets reach non-loopback addresses. Off unless the user explicitly asks. */
  allowExternal?: boolean;
  /** How late the `late-response` fault sends final codes (default 3000 ms). */
  lateResponseMs?: number;
  /** After which final result code the `reboot-mid-run` fault restarts the device (default REBOOT_AFTER_FINAL_CODE). */
  rebootAfterFinalCode?: number;
  /** The build-time line terminator (default 'cr', as the firmware). */
  termination?: LineTermination;
  /** With echo on, how long URCs wait after part of a line was echoed (default 1000 ms, as the firmware). */
  urcHoldAfterPartialEchoMs?: number;
  /** Command modules added to the built-in ones; one with a built-in's name replaces it (tests use fakes). */
  extraCommands?: readonly CommandModule[];
  /**
   * The modem around the sockets: how long attaching takes, or whether it is attached from
   * boot (unit tests that are not about the modem). Default: the firmware's boot state, offline.
   */
  modem?: Omit<ModemOptions, 'fault'>;
}

/** How long AT#XRESET's reboot keeps the chip away after its OK (SM_UART_RESPONSE_DELAY, sm_at_host.h). */
const REBOOT_DELAY_MS = 50;

function devicePortsOf(options: EmulatorOptions): DevicePorts {
  return {
    bindOwnNumbers: options.bindDevicePorts === true,
    ...(options.deviceHost ? { host: options.deviceHost } : {}),
    ...(options.onDevicePortTaken ? { onTaken: options.onDevicePortTaken } : {}),
  };
}

function networkFaultOf(fault: FaultName | undefined): NetworkFaultName | undefined {
  return (NETWORK_FAULT_NAMES as readonly string[]).includes(fault ?? '') ? (fault as NetworkFaultName) : undefined;
}

/** The network side an emulator runs with (see EmulatorOptions.network / networkMap). */
export interface EmulatorNetwork {
  map: NetworkMap;
  credentials: SecTagStore;
  secure: SecureConnector;
  /** The loopback peers, when the default network was started for (or given to) this emulator. */
  peers?: PeerSet;
}

/** What a test or the suite may look at once the emulator runs. */
export interface EmulatorParts extends EmulatorNetwork {
  /** The socket table (open sockets; `rawCapture` holds what raw sockets sent). */
  sockets: SocketTable;
  /** Functional mode, registration and PDNs. */
  modem: ModemState;
}

export interface Emulator extends ByteLink {
  readonly profile: EmulatorProfile;
  readonly echo: boolean;
  readonly inDataMode: boolean;
  /** URCs dropped because the 4096-byte URC buffer was full. */
  readonly droppedUrcs: number;
  /** Bytes written to the emulator and not yet processed. */
  readonly pendingInputBytes: number;
  /** Resolves once the emulator has started (sent `Ready`) and returns its parts. */
  ready(): Promise<EmulatorParts>;
  /** Resolves when all input written so far has been processed (a blocked command delays it). */
  idle(): Promise<void>;
  /** The rate input and output are paced at; undefined: not paced (see EmulatorOptions.lineRateBaud). */
  readonly lineRateBaud: number | undefined;
  /** A paced emulator's UART runs at `baud` from now on (the serial side set a new speed); unpaced: ignored. */
  setLineRate(baud: number): void;
}

function reportInternalError(error: unknown): void {
  if (process.env.SM_CONFORMANCE_DEBUG) process.stderr.write(`emulator: ${(error as Error)?.stack ?? String(error)}\n`);
}

/** Output produced before anyone listens (e.g. `Ready`) waits here, up to this many bytes. */
const BACKLOG_LIMIT = 65536;

interface OwnedNetwork extends EmulatorNetwork {
  cmng: CommandModule;
  close(): Promise<void>;
}

async function openNetwork(options: EmulatorOptions): Promise<OwnedNetwork> {
  const keep = async (): Promise<void> => undefined;
  if (options.network) return { ...options.network, close: keep };
  if (options.networkMap) {
    const credentials = options.credentials ?? new SecTagStore();
    return { map: options.networkMap, credentials, secure: new LoopbackSecureConnector(credentials), cmng: cmngCommand(credentials), close: keep };
  }
  const network = await startDefaultNetwork({ allowExternal: options.allowExternal });
  if (!options.credentials) return network;
  const credentials = options.credentials;
  return { ...network, credentials, secure: new LoopbackSecureConnector(credentials), cmng: cmngCommand(credentials) };
}

class AssembledEmulator implements Emulator {
  readonly profile: EmulatorProfile;
  private readonly host: AtHost;
  private readonly closeOutput: () => void;
  private readonly dataListeners = new Set<(bytes: Buffer) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private readonly inputPacer: UartPacer | undefined;
  private readonly outputPacer: UartPacer | undefined;
  private readonly started: Promise<OwnedNetwork>;
  private sockets: SocketCommands | undefined;
  private readonly modem: ModemState;
  private backlog: Buffer[] = [];
  private backlogBytes = 0;
  private closed = false;
  private pacedBaud: number | undefined;

  constructor(options: EmulatorOptions) {
    this.profile = createProfile(options.profile, options.fault);
    const baud = options.lineRateBaud;
    this.pacedBaud = baud;
    const timing = new DataModeTiming(baud ?? 115200, options.dataModeQuietMs);
    this.outputPacer = baud ? new UartPacer(baud, (bytes) => this.emit(bytes)) : undefined;
    const output = createHostOutput(
      options.fault,
      (bytes) => (this.outputPacer ? void this.outputPacer.push(bytes) : this.emit(bytes)),
      { lateResponseMs: options.lateResponseMs, rebootAfterFinalCode: options.rebootAfterFinalCode, restart: () => this.host.restartNow(() => this.restartChip()) },
    );
    this.closeOutput = () => output.close();
    const networkFault = networkFaultOf(options.fault);
    this.modem = new ModemState({ ...options.modem, ...(networkFault ? { fault: networkFault } : {}) }, (line) => this.host.urc(line));
    const reboot = (): void => this.host.reboot(REBOOT_DELAY_MS, () => this.restartChip());
    this.host = new AtHost({
      profile: this.profile,
      commands: [...createIdentityCommands(this.profile, { setEcho: (on) => this.host.setEcho(on), timing, reboot }), ...(options.extraCommands ?? [])],
      output,
      timing,
      termination: options.termination,
      urcHoldAfterPartialEchoMs: options.urcHoldAfterPartialEchoMs,
      dataModeBufferSize: options.dataModeBufferSize,
      onInternalError: reportInternalError,
    });
    this.inputPacer = baud ? new UartPacer(baud, (bytes) => this.host.receive(bytes)) : undefined;
    this.started = openNetwork(options);
    this.started.catch(() => undefined); // reported as INIT ERROR by the host
    const replaced = new Set((options.extraCommands ?? []).map((command) => command.name));
    this.host.start(async () => {
      const network = await this.started;
      this.sockets = createSocketCommands({ network: network.map, secure: network.secure, profile: this.profile, modem: this.modem, devicePorts: devicePortsOf(options), onInternalError: reportInternalError });
      const builtIn = [...this.sockets.commands, network.cmng, ...createModemCommands(this.modem, network.map)];
      this.host.register(...builtIn.filter((command) => !replaced.has(command.name)));
    });
  }

  get echo(): boolean {
    return this.host.echo;
  }

  get lineRateBaud(): number | undefined {
    return this.pacedBaud;
  }

  setLineRate(baud: number): void {
    if (!this.inputPacer || !this.outputPacer) return;
    this.inputPacer.setBaud(baud);
    this.outputPacer.setBaud(baud);
    this.pacedBaud = baud;
  }

  get inDataMode(): boolean {
    return this.host.inDataMode;
  }

  get droppedUrcs(): number {
    return this.host.droppedUrcs;
  }

  get pendingInputBytes(): number {
    return this.host.pendingInputBytes;
  }

  async ready(): Promise<EmulatorParts> {
    const network = await this.started;
    await this.host.idle();
    if (!this.sockets) throw new Error('the emulator did not start');
    return {
      map: network.map,
      credentials: network.credentials,
      secure: network.secure,
      sockets: this.sockets.table,
      modem: this.modem,
      ...(network.peers ? { peers: network.peers } : {}),
    };
  }

  idle(): Promise<void> {
    return this.host.idle();
  }

  async write(bytes: Buffer): Promise<void> {
    if (this.closed) throw new Error('the emulator is closed');
    if (this.inputPacer) await this.inputPacer.push(bytes);
    else this.host.receive(bytes);
  }

  onData(listener: (bytes: Buffer) => void): () => void {
    this.dataListeners.add(listener);
    const waiting = this.backlog;
    this.backlog = [];
    this.backlogBytes = 0;
    for (const bytes of waiting) listener(bytes);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.host.close();
    this.modem.close();
    this.closeOutput();
    this.inputPacer?.close();
    this.outputPacer?.close();
    const network = await this.started.catch(() => undefined);
    await this.sockets?.closeAll().catch(reportInternalError);
    await network?.close();
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
    this.dataListeners.clear();
  }

  /** What a restart does below the AT host: the sockets are gone, the modem boots offline. */
  private async restartChip(): Promise<void> {
    await this.sockets?.closeAll();
    this.modem.reboot();
  }

  private emit(bytes: Buffer): void {
    if (this.closed) return;
    if (this.dataListeners.size === 0) {
      if (this.backlogBytes + bytes.length <= BACKLOG_LIMIT) {
        this.backlog.push(bytes);
        this.backlogBytes += bytes.length;
      }
      return;
    }
    for (const listener of this.dataListeners) listener(bytes);
  }
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  return new AssembledEmulator(options);
}
