// The run's settings as cucumber's worldParameters carry them to every worker (and to the
// BeforeAll hooks as this.parameters). `sm-conformance run` fills them from its options;
// cucumber.mjs fills them from SM_CONFORMANCE_* environment variables for direct runs.

import { parseDutSpec } from '../../src/dut/dut-spec.ts';
import { parsePool, type PoolDevice } from '../../src/dut/device-pool.ts';
import { DEFAULT_ATTACH_TIMEOUT_S } from '../../src/dut/device-session.ts';
import { isFaultName, isProfileName } from '../../src/emulator/profile.ts';
import type { FaultName, ProfileName } from '../../src/emulator/types.ts';

export interface RunParameters {
  /** `emulator`, `serial:<path>` or `tcp:<host>:<port>`. */
  dut: string;
  /** Serial only; default 115200. */
  baud?: number;
  /** Serial only: RTS/CTS flow control. */
  rtscts: boolean;
  /** What the device is expected to be (and, for the emulator, what it models). */
  profile: ProfileName;
  /** Emulator only: a fault profile that breaks one rule. */
  fault?: FaultName;
  /** Erratum deviations FAIL instead of NON-STRICT. */
  strict: boolean;
  /** Where `sm-conformance peers` runs for a real board (unset: peers on this machine). */
  peerHost?: string;
  /** A real board: where a client on this machine reaches the device's servers (unset: it cannot). */
  deviceHost?: string;
  /** Directory for per-worker output such as transcripts. */
  reports: string;
  /** Capabilities the device lacks (`@requires:<capability>` scenarios become N/A). */
  absentCapabilities: string[];
  /** Deadline of a command from its write to its final result code. */
  commandTimeoutMs: number;
  /** Several devices, one per worker (src/dut/device-pool.ts); the single device above otherwise. */
  pool?: PoolDevice[];
  /** The network preflight's wait for registration and a PDN. */
  attachTimeoutS: number;
  /** Never turn the modem on. */
  noAttach: boolean;
  /** Emulator only: its attach time. */
  emulatorAttachMs?: number;
  /** How long a lost device link may take to come back (--reconnect). */
  reconnectSeconds: number;
  /** Where a request to stop the run is left for every worker (src/blame/run-stop.ts); unset: this process only. */
  stopFile?: string;
  /**
   * Which lane of this process runs the scenarios (src/cli/scenario-lanes.ts): 0, the main
   * lane; a side lane has a device of its own (the emulator only).
   */
  lane: number;
  /** Side lanes the run may add beside the main lane, for scenarios that wait on device time (0: none). */
  sideLanes: number;
}

const DEFAULTS: RunParameters = {
  dut: 'emulator', rtscts: false, profile: 'firmware', strict: false, reports: 'reports', absentCapabilities: [], commandTimeoutMs: 5000,
  attachTimeoutS: DEFAULT_ATTACH_TIMEOUT_S, noAttach: false, reconnectSeconds: 10, lane: 0, sideLanes: 0,
};

const KNOWN_KEYS = new Set(['dut', 'baud', 'rtscts', 'profile', 'fault', 'strict', 'peerHost', 'deviceHost', 'reports', 'absentCapabilities', 'commandTimeoutMs', 'pool', 'attachTimeoutS', 'noAttach', 'emulatorAttachMs', 'reconnectSeconds', 'stopFile', 'lane', 'sideLanes']);

/** Checks and completes worldParameters; a bad value gives a one-line error naming it. */
export function readRunParameters(raw: unknown): RunParameters {
  if (raw === undefined || raw === null) return { ...DEFAULTS };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('world parameters must be an object');
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!KNOWN_KEYS.has(key)) throw new Error(`unknown world parameter '${key}' (known: ${[...KNOWN_KEYS].join(', ')})`);
  }
  const parameters: RunParameters = { ...DEFAULTS };
  if (given.dut !== undefined) parameters.dut = text(given, 'dut');
  parseDutSpec(parameters.dut);
  if (given.baud !== undefined) parameters.baud = integer(given, 'baud', 1, 10_000_000);
  if (given.rtscts !== undefined) parameters.rtscts = flag(given, 'rtscts');
  if (given.profile !== undefined) {
    const profile = text(given, 'profile');
    if (!isProfileName(profile)) throw new Error(`world parameter profile must be firmware or doc, not '${profile}'`);
    parameters.profile = profile;
  }
  if (given.fault !== undefined) {
    const fault = text(given, 'fault');
    if (!isFaultName(fault)) throw new Error(`world parameter fault '${fault}' is not a fault profile`);
    parameters.fault = fault;
  }
  if (given.strict !== undefined) parameters.strict = flag(given, 'strict');
  if (given.peerHost !== undefined) parameters.peerHost = text(given, 'peerHost');
  if (given.deviceHost !== undefined) parameters.deviceHost = text(given, 'deviceHost');
  if (given.reports !== undefined) parameters.reports = text(given, 'reports');
  if (given.absentCapabilities !== undefined) {
    const list = given.absentCapabilities;
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw new Error('world parameter absentCapabilities must be a list of names');
    parameters.absentCapabilities = [...list];
  }
  if (given.commandTimeoutMs !== undefined) parameters.commandTimeoutMs = integer(given, 'commandTimeoutMs', 1, 600_000);
  if (given.pool !== undefined) parameters.pool = parsePool(given.pool, 'world parameter pool');
  if (given.attachTimeoutS !== undefined) parameters.attachTimeoutS = integer(given, 'attachTimeoutS', 0, 3600);
  if (given.noAttach !== undefined) parameters.noAttach = flag(given, 'noAttach');
  if (given.emulatorAttachMs !== undefined) parameters.emulatorAttachMs = integer(given, 'emulatorAttachMs', 0, 600_000);
  if (given.reconnectSeconds !== undefined) parameters.reconnectSeconds = integer(given, 'reconnectSeconds', 0, 86_400);
  if (given.stopFile !== undefined) parameters.stopFile = text(given, 'stopFile');
  if (given.lane !== undefined) parameters.lane = integer(given, 'lane', 0, 64);
  if (given.sideLanes !== undefined) parameters.sideLanes = integer(given, 'sideLanes', 0, 64);
  return parameters;
}

function text(given: Record<string, unknown>, key: string): string {
  const value = given[key];
  if (typeof value !== 'string' || value === '') throw new Error(`world parameter ${key} must be a non-empty string`);
  return value;
}

function flag(given: Record<string, unknown>, key: string): boolean {
  const value = given[key];
  if (typeof value !== 'boolean') throw new Error(`world parameter ${key} must be true or false`);
  return value;
}

function integer(given: Record<string, unknown>, key: string, min: number, max: number): number {
  const value = given[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`world parameter ${key} must be an integer from ${min} to ${max}`);
  }
  return value;
}
