// Everything a run holds open for as long as it talks to one device: the Dut and its link,
// the AtRunner on it, the wire transcript of the whole session and, for the emulator, the
// loopback network with its peers. A conformance run opens one per worker and reuses it
// for every scenario (a real board cannot be reopened per scenario).

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtRunner, type WireTap } from '../at/at-runner.ts';
import type { AtEvent } from '../at/events.ts';
import type { ByteLink } from '../at/link.ts';
import { DeviceLinkLostError } from '../blame/verdict-errors.ts';
import { startDefaultNetwork, type DefaultNetwork } from '../emulator/network/index.ts';
import type { FaultName, ProfileName } from '../emulator/types.ts';
import type { PeerSet } from '../peers/peer-set.ts';
import { payloadRule } from '../catalogue/payload.ts';
import { TranscriptWriter, type TranscriptObserver } from '../transcript/transcript-writer.ts';
import { RedactingTranscriptWriter } from '../transcript/worker-transcript.ts';
import type { WireChunk } from '../transcript/transcript-format.ts';
import { acquireBoardPeers, type BoardPeers } from './board-peers.ts';
import { PeerReach } from './peer-reach.ts';
import { createDut, type DutOptions } from './create-dut.ts';
import { DutUnavailableError, type Dut, type DutDescription } from './dut.ts';
import { EmulatorDut } from './emulator-dut.ts';
import { LabgridDut } from './labgrid-dut.ts';
import type { LabgridPlace } from './labgrid/labgrid-place.ts';
import type { PeerEndpoint } from '../peers/peer.ts';
import type { DutSpec } from './dut-spec.ts';
import { NetworkAttach } from './network-attach.ts';
import { monotonicMicroseconds } from '../at/monotonic-clock.ts';
import { DEFAULT_KNOWN_STATE, KnownStateError, restoreKnownState, type KnownStateOptions, type KnownStateReport } from './known-state.ts';

export interface DeviceSessionOptions {
  dut: DutSpec;
  /** Serial/TCP connection options. */
  connection?: Omit<DutOptions, 'emulator'>;
  /** Emulator only. */
  profile?: ProfileName;
  /** Emulator only. */
  fault?: FaultName;
  /** Deadline of each command (default 5000 ms). */
  commandTimeoutMs?: number;
  /** Write the session's wire log here (directories are created). */
  transcriptPath?: string;
  /** Sees the transcript's text as it is written (the live judge of lines no step asked for). */
  transcriptObserver?: TranscriptObserver;
  knownState?: KnownStateOptions;
  /** A real board only: start the network peers on this address of this machine (see board-peers.ts). */
  peerHost?: string;
  /** A real board only: where a client on this machine reaches the device's servers (see serverEndpoint). */
  deviceHost?: string;
  /** Emulator only: how long its attach takes. */
  emulatorAttachMs?: number;
  /** The network preflight (see network-attach.ts); default: up to 180 s, the modem may be turned on. */
  attach?: { timeoutMs: number; leaveAlone: boolean; onProgress?: (line: string) => void };
  /** How long a lost link may take to come back before the session gives up (default 10 s). */
  reconnectMs?: number;
}

/** Suited to a real network: registration can take minutes on a first attach (issue 14). */
export const DEFAULT_ATTACH_TIMEOUT_S = 180;

/** The link came back within none of the time given: the run cannot go on with this device. */
export class DeviceLinkGoneError extends DeviceLinkLostError {
  constructor(lostAt: Date, waitedMs: number, why: string) {
    super(lostAt, `not back within ${waitedMs / 1000} s: ${why}`);
    this.name = 'DeviceLinkGoneError';
  }
}

/** Lines a device prints when it (re)starts (firmware-notes §1.6). */
const BOOT_LINES = new Set(['Ready', 'INIT ERROR']);
/** A command after which the device restarts because it was told to. */
const RESTART_COMMAND = /^AT#XRESET\b/i;
/**
 * Commands that take the modem off the network: switching its functional mode (not the
 * `=?` test form) or restarting the chip (it boots offline: CONFIG_SM_AUTO_CONNECT is off).
 */
const MODEM_SWITCH = /^AT(\+CFUN=(?!\?)|#XRESET\b)/i;
const RECONNECT_PAUSE_MS = 200;
/**
 * A device that once left out a command's final code gets this long of quiet after that
 * command's lines, not a whole deadline each time (AtRunnerOptions.missingFinalGraceMs):
 * the firmware writes a command's final code right after its lines.
 */
const MISSING_FINAL_GRACE_MS = 25;

export type { WireChunk } from '../transcript/transcript-format.ts';

export class DeviceSession {
  /** The last reset found the device silent (see RestoreAttempt). */
  private foundSilent = false;
  /**
   * Registration and the default PDN: the network preflight and detach detection (anew after
   * a reconnect). Whatever switches the modem or restarts the device, on any path (a step,
   * the reset, the reset ladder, or the device on its own), makes the next network scenario
   * attach again; the preflight's own AT+CFUN=1 cannot, as it sends it before it is attached.
   */
  attachment: NetworkAttach;
  /** A board with peers (--peer-host): whether its network leads the spec's test server to them. */
  readonly peerReach: PeerReach | undefined;
  /** AT#XCLOSE went unanswered in a reset: later resets close by list (see RestoreAttempt). */
  private closeByList = false;
  /** Resets that failed one after the other (a device that keeps failing them). */
  private failedResets = 0;
  private current: AtRunner;
  private readonly wireTaps = new Set<WireTap>();
  /** When the link went away by itself (undefined while it is up). */
  private lostAt: Date | undefined;
  private closing = false;
  /** A boot line would be the harness's doing: right after (re)opening, or after AT#XRESET. */
  private bootExpected = true;
  private readonly restarts: string[] = [];

  private constructor(
    readonly dut: Dut,
    link: ByteLink,
    private readonly runnerOptions: ConstructorParameters<typeof AtRunner>[1],
    private readonly network: DefaultNetwork | undefined,
    private readonly transcript: RedactingTranscriptWriter | undefined,
    private readonly knownState: KnownStateOptions,
    private readonly boardPeers: BoardPeers | undefined,
    private readonly deviceHost: string | undefined,
    private readonly reconnectMs: number,
    private readonly attachOptions: NonNullable<DeviceSessionOptions['attach']>,
  ) {
    if (transcript) this.wireTaps.add((direction, bytes, atUs) => transcript[direction](bytes, atUs));
    this.current = this.attach(link);
    this.attachment = this.networkAttach();
    this.peerReach = boardPeers && new PeerReach({
      send: (line, options) => this.runner.send(line, options), peers: boardPeers.peers, host: boardPeers.host, timeoutMs: runnerOptions.timeoutMs ?? 5000,
    });
  }

  /** The runner on the device's current link (a new one after a reconnect). */
  get runner(): AtRunner {
    return this.current;
  }

  /** When the link went away by itself; undefined while it is up. */
  get linkLostAt(): Date | undefined {
    return this.lostAt;
  }

  /** Resets that failed in a row, the last one included; 0 after a reset that worked. */
  get failedResetsInARow(): number {
    return this.failedResets;
  }

  /**
   * The harness is about to restart the device by other means than a command (a reset
   * ladder's power cycle or shell command): its `Ready` is expected, and its modem offline.
   */
  expectRestart(): void {
    this.bootExpected = true;
    this.attachment.deviceRestarted();
  }

  /** Boot lines the harness did not cause, since the last call (`Ready at <time>`). */
  takeUnexpectedRestarts(): string[] {
    return this.restarts.splice(0, this.restarts.length);
  }

  static async open(options: DeviceSessionOptions): Promise<DeviceSession> {
    const network = options.dut.adapter === 'emulator' ? await startDefaultNetwork() : undefined;
    let dut: Dut | undefined;
    let boardPeers: BoardPeers | undefined;
    try {
      if (!network && options.peerHost !== undefined) boardPeers = await acquireBoardPeers(options.peerHost);
      dut = createDut(options.dut, {
        ...options.connection,
        emulator: {
          profile: options.profile,
          fault: options.fault,
          ...(network ? { network } : {}),
          ...(options.emulatorAttachMs !== undefined ? { modem: { attachMs: options.emulatorAttachMs } } : {}),
        },
      });
      const link = await dut.open();
      let transcript: RedactingTranscriptWriter | undefined;
      if (options.transcriptPath) {
        await mkdir(dirname(options.transcriptPath), { recursive: true });
        // Redacted as it is written, so key material never reaches the disk, even when the
        // run dies before its reports are generated.
        transcript = new RedactingTranscriptWriter(TranscriptWriter.toFile(options.transcriptPath, transcriptMeta(dut.describe()), options.transcriptObserver));
      }
      const attach = options.attach ?? { timeoutMs: DEFAULT_ATTACH_TIMEOUT_S * 1000, leaveAlone: false };
      return new DeviceSession(
        dut, link, { payloadRule, timeoutMs: options.commandTimeoutMs ?? 5000, missingFinalGraceMs: MISSING_FINAL_GRACE_MS }, network, transcript,
        options.knownState ?? DEFAULT_KNOWN_STATE, boardPeers, network ? undefined : options.deviceHost, options.reconnectMs ?? 10_000, attach,
      );
    } catch (error) {
      await dut?.close();
      await boardPeers?.release();
      await network?.close();
      throw error;
    }
  }

  /** The loopback peers (emulator runs); undefined when the run has none. */
  get peers(): PeerSet | undefined {
    return this.network?.peers ?? this.boardPeers?.peers;
  }

  /**
   * Where a client on this machine reaches the device's server on `devicePort`. The emulator
   * knows where it really listens (undefined: nothing there); a board's servers are at
   * `deviceHost:devicePort`, and without a deviceHost nobody can say (DeviceServerUnknown).
   */
  serverEndpoint(devicePort: number, transport: 'tcp' | 'udp'): PeerEndpoint | undefined {
    if (this.dut instanceof EmulatorDut) return this.dut.serverEndpoint(devicePort, transport);
    if (this.deviceHost === undefined) throw new DeviceServerUnknown();
    return { host: this.deviceHost, port: devicePort };
  }

  describe(): DutDescription {
    return this.dut.describe();
  }

  /**
   * Brings the device back to the state every scenario starts from (see known-state.ts),
   * first reconnecting if the link went away (DeviceLinkGoneError when it does not come back).
   */
  async restoreKnownState(): Promise<KnownStateReport> {
    this.peers?.clearRecords();
    if (this.lostAt) await this.reconnect(this.lostAt);
    try {
      const report = await restoreKnownState(this.current, this.knownState, {
        escapeDataMode: !this.foundSilent, closing: this.closeByList ? 'listed' : 'close-all', settleFirst: this.failedResets > 0,
      });
      this.foundSilent = false;
      this.failedResets = 0;
      this.bootExpected = false;
      if (report.closeUnanswered !== undefined) this.closeByList = true;
      return report;
    } catch (error) {
      if (this.lostAt) throw new DeviceLinkLostError(this.lostAt);
      this.failedResets += 1;
      if (error instanceof KnownStateError && error.silent) this.foundSilent = true;
      throw error;
    }
  }

  /** The labgrid place of a labgrid:<place> device (its power is the `labgrid` reset rung's). */
  get labgridPlace(): LabgridPlace | undefined {
    return this.dut instanceof LabgridDut ? this.dut.place : undefined;
  }

  /**
   * Drops the link and opens the device again, as after a lost link (up to reconnectMs):
   * after a power cycle the board boots anew, and a labgrid place's console is looked up
   * again, since its exporter may have come back on another port. Resolves with where the
   * device is now; DeviceLinkGoneError when it does not come back (the run then stops as for
   * a lost link).
   */
  async reopen(why: string): Promise<string> {
    const since = new Date();
    this.lostAt ??= since;
    await this.reconnect(since, `${why}: reconnecting`);
    return this.dut.describe().target;
  }

  /** Waits up to reconnectMs for the device's port to take a connection again, and opens it. */
  private async reconnect(lostAt: Date, note = `device link lost at ${lostAt.toISOString()}; reconnecting`): Promise<void> {
    const deadline = Date.now() + this.reconnectMs;
    this.transcript?.note(note, monotonicMicroseconds());
    for (;;) {
      await this.dut.close().catch(() => undefined);
      try {
        const link = await this.dut.open();
        this.lostAt = undefined;
        this.bootExpected = true;
        this.foundSilent = false;
        this.current = this.attach(link);
        this.attachment = this.networkAttach();
        // what the validator knew about the device's sockets ends here
        this.transcript?.reset(`device link back after ${Date.now() - lostAt.getTime()} ms`, monotonicMicroseconds());
        return;
      } catch (error) {
        if (!(error instanceof DutUnavailableError) || Date.now() + RECONNECT_PAUSE_MS > deadline) {
          throw new DeviceLinkGoneError(lostAt, this.reconnectMs, (error as Error).message);
        }
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_PAUSE_MS));
      }
    }
  }

  /** The network preflight on the current runner. The emulator attaches in milliseconds; a board is asked once a second. */
  private networkAttach(): NetworkAttach {
    return new NetworkAttach(this.current, { ...this.attachOptions, pollMs: this.dut instanceof EmulatorDut ? 10 : 1000 });
  }

  /** A runner on `link` whose wire reaches the session's taps and whose close is watched. */
  private attach(link: ByteLink): AtRunner {
    const runner = new AtRunner(link, this.runnerOptions);
    runner.onWire((direction, bytes, atUs) => {
      if (direction === 'tx') this.watchCommand(bytes.toString('latin1'));
      for (const tap of this.wireTaps) tap(direction, bytes, atUs);
    });
    runner.onEvent((event) => this.watchBoot(event));
    link.onClose(() => {
      if (!this.closing && this.current === runner) this.lostAt ??= new Date();
    });
    return runner;
  }

  private watchCommand(line: string): void {
    if (RESTART_COMMAND.test(line)) this.bootExpected = true;
    if (MODEM_SWITCH.test(line)) this.attachment.invalidate();
  }

  private watchBoot(event: AtEvent): void {
    if ((event.kind !== 'urc' && event.kind !== 'line') || !BOOT_LINES.has(event.text)) return;
    // A device that booted, asked to or not, is offline.
    this.attachment.deviceRestarted();
    if (this.bootExpected) {
      this.bootExpected = false;
      return;
    }
    // the boot line itself tells `validate` that the device's sockets are gone
    this.restarts.push(`${event.text} at ${new Date().toISOString()}`);
  }

  /** Collects every byte on the wire from now until the returned stop function is called. */
  recordWire(): { chunks: WireChunk[]; stop: () => void } {
    const chunks: WireChunk[] = [];
    const tap: WireTap = (direction, bytes, atUs) => chunks.push({ direction, bytes, atUs });
    this.wireTaps.add(tap);
    return { chunks, stop: () => { this.wireTaps.delete(tap); } };
  }

  /** A marker in the transcript (scenario boundaries), for people reading it. */
  note(text: string, atUs: number): void {
    this.transcript?.note(text, atUs);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.current.detach();
    await this.dut.close();
    await this.transcript?.close();
    await this.network?.close();
    await this.boardPeers?.release();
  }
}

function transcriptMeta(description: DutDescription): Record<string, string> {
  const meta: Record<string, string> = { dut: description.adapter, target: description.target };
  if (description.baud !== undefined) meta.baud = String(description.baud);
  if (description.profile !== undefined) meta.profile = description.profile;
  if (description.fault !== undefined) meta.fault = description.fault;
  return meta;
}

/** A board's servers are somewhere only the run's --device-host can tell. */
export class DeviceServerUnknown extends Error {
  constructor() {
    super('a loopback client cannot reach a server on this device (give --device-host, the address where this machine reaches the device\'s servers)');
  }
}
