// Everything a run holds open for as long as it talks to one device: the Dut and its link,
// the AtRunner on it, the wire transcript of the whole session and, for the emulator, the
// loopback network with its peers. A conformance run opens one per worker and reuses it
// for every scenario (a real board cannot be reopened per scenario).

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtRunner } from '../at/at-runner.ts';
import { startDefaultNetwork, type DefaultNetwork } from '../emulator/network/index.ts';
import type { FaultName, ProfileName } from '../emulator/types.ts';
import type { PeerSet } from '../peers/peer-set.ts';
import { payloadRule } from '../catalogue/payload.ts';
import { TranscriptWriter, type TranscriptObserver } from '../transcript/transcript-writer.ts';
import { RedactingTranscriptWriter } from '../transcript/worker-transcript.ts';
import type { WireChunk } from '../transcript/transcript-format.ts';
import { acquireBoardPeers, type BoardPeers } from './board-peers.ts';
import { createDut, type DutOptions } from './create-dut.ts';
import type { Dut, DutDescription } from './dut.ts';
import { EmulatorDut } from './emulator-dut.ts';
import type { PeerEndpoint } from '../peers/peer.ts';
import type { DutSpec } from './dut-spec.ts';
import { NetworkAttach } from './network-attach.ts';
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
}

/** Suited to a real network: registration can take minutes on a first attach (issue 14). */
export const DEFAULT_ATTACH_TIMEOUT_S = 180;

export type { WireChunk } from '../transcript/transcript-format.ts';

export class DeviceSession {
  /** The last reset found the device silent (see RestoreAttempt). */
  private foundSilent = false;
  /** Registration and the default PDN: the network preflight and detach detection. */
  readonly attachment: NetworkAttach;

  private constructor(
    readonly dut: Dut,
    readonly runner: AtRunner,
    private readonly network: DefaultNetwork | undefined,
    private readonly transcript: RedactingTranscriptWriter | undefined,
    private readonly knownState: KnownStateOptions,
    private readonly boardPeers: BoardPeers | undefined,
    private readonly deviceHost: string | undefined,
    attach: NonNullable<DeviceSessionOptions['attach']>,
  ) {
    // The emulator attaches in milliseconds; a board is asked once a second.
    const pollMs = dut instanceof EmulatorDut ? 10 : 1000;
    this.attachment = new NetworkAttach(runner, { ...attach, pollMs });
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
      const runner = new AtRunner(link, { payloadRule, timeoutMs: options.commandTimeoutMs ?? 5000 });
      let transcript: RedactingTranscriptWriter | undefined;
      if (options.transcriptPath) {
        await mkdir(dirname(options.transcriptPath), { recursive: true });
        // Redacted as it is written, so key material never reaches the disk, even when the
        // run dies before its reports are generated.
        transcript = new RedactingTranscriptWriter(TranscriptWriter.toFile(options.transcriptPath, transcriptMeta(dut.describe()), options.transcriptObserver));
        const writer = transcript;
        runner.onWire((direction, bytes, atUs) => writer[direction](bytes, atUs));
      }
      const attach = options.attach ?? { timeoutMs: DEFAULT_ATTACH_TIMEOUT_S * 1000, leaveAlone: false };
      return new DeviceSession(dut, runner, network, transcript, options.knownState ?? DEFAULT_KNOWN_STATE, boardPeers, network ? undefined : options.deviceHost, attach);
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

  /** Brings the device back to the state every scenario starts from (see known-state.ts). */
  async restoreKnownState(): Promise<KnownStateReport> {
    this.peers?.clearRecords();
    try {
      const report = await restoreKnownState(this.runner, this.knownState, { escapeDataMode: !this.foundSilent });
      this.foundSilent = false;
      return report;
    } catch (error) {
      if (error instanceof KnownStateError && error.silent) this.foundSilent = true;
      throw error;
    }
  }

  /** Collects every byte on the wire from now until the returned stop function is called. */
  recordWire(): { chunks: WireChunk[]; stop: () => void } {
    const chunks: WireChunk[] = [];
    const stop = this.runner.onWire((direction, bytes, atUs) => chunks.push({ direction, bytes, atUs }));
    return { chunks, stop };
  }

  /** A marker in the transcript (scenario boundaries), for people reading it. */
  note(text: string, atUs: number): void {
    this.transcript?.note(text, atUs);
  }

  async close(): Promise<void> {
    this.runner.detach();
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
