// The options of `sm-conformance run` (CLI contract in the design), checked as a whole:
// an option that makes no sense for the chosen device is a usage mistake, not something
// to ignore silently.

import { statSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { COMMANDS } from './command-table.ts';
import { asksForHelp, integerOption, optionValue, parseOptions, type ParsedOptions } from './options.ts';
import { UsageError } from '../blame/usage-error.ts';
import { parseDutSpec, type DutSpec } from '../dut/dut-spec.ts';
import type { FaultName, ProfileName } from '../emulator/types.ts';
import type { WorldValue } from '../../steps/support/suite-configuration.mjs';
import { deviceOfDutOption, labgridPlacesOf, poolFromDutOptions, poolParameters, readPoolFile, type PoolDevice } from '../dut/device-pool.ts';
import { DEFAULT_ATTACH_TIMEOUT_S } from '../dut/device-session.ts';
import { EMULATOR_SIDE_LANES } from './scenario-lanes.ts';

export interface RunRequest {
  /** As given (`emulator`, `serial:/dev/ttyACM0`, `tcp:127.0.0.1:2000`). */
  dut: string;
  dutSpec: DutSpec;
  baud?: number;
  rtscts: boolean;
  profile: ProfileName;
  /** Emulator only. */
  fault?: FaultName;
  tags?: string;
  /** cucumber's scenario order: `defined` (file order), `random` or `random:<seed>`. */
  order?: string;
  strict: boolean;
  /** Worker processes; 0 runs in this process. */
  parallel: number;
  /** In this process, side lanes for the scenarios that wait on device time (src/cli/scenario-lanes.ts); 0: none. */
  sideLanes: number;
  /** Board only: the address of this machine that the board reaches the peers on. */
  peerHost?: string;
  /** Board only: where a client on this machine reaches the device's servers. */
  deviceHost?: string;
  /** Absolute. */
  reports: string;
  /** Absolute; where the Allure history lives (default: inside the reports). */
  history?: string;
  /**
   * Several devices (`--dut` given more than once, or `--pool <file>`), one per worker;
   * `dut`/`dutSpec` are then the first. Absent for a run on one device.
   */
  pool?: PoolDevice[];
  /** Attempts after a failed one (cucumber's --retry); a scenario that fails, then passes is FLAKY. */
  retry?: number;
  /** Only scenarios matching this tag expression are retried (cucumber's --retry-tag-filter). */
  retryTagFilter?: string;
  /** Exit 1 when a scenario is FLAKY. */
  failOnFlaky?: boolean;
  /** `<i>/<n>`: this run is shard i of n (cucumber's --shard), for CI matrix jobs. */
  shard?: string;
  /** How long the network preflight waits for registration and a PDN (seconds). */
  attachTimeoutS: number;
  /** Leave the modem alone: never turn it on (labs that manage it). */
  noAttach: boolean;
  /** Emulator only: how long its attach takes (default short; a real network takes seconds). */
  emulatorAttachMs?: number;
  /** Serial and TCP: how long a lost link may take to come back before the run stops (default 10). */
  reconnectSeconds: number;
}

/** A device at the end of a serial line, whose baud rate and flow control the run sets. */
function hasSerialLine(spec: DutSpec): boolean {
  return spec.adapter === 'serial' || spec.adapter === 'rfc2217' || spec.adapter === 'labgrid';
}

/**
 * The in-process emulator answers every command within milliseconds, so a final result
 * code that takes seconds is a defect (fault `late-response` sends it 3 s late). A board
 * answers over a UART and its network, and gets the suite's usual deadline.
 */
export const EMULATOR_COMMAND_DEADLINE_MS = 2000;

export function parseRunOptions(argv: readonly string[], cwd: string = process.cwd()): RunRequest | 'help' {
  if (asksForHelp(argv, COMMANDS.run.options)) return 'help';
  const parsed = parseOptions(argv, COMMANDS.run.options);
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}' (run takes options only)`);

  const baud = integerOption(parsed, 'baud', 1, 10_000_000);
  const pool = devicePool(parsed, cwd, { rtscts: parsed.flags.has('rtscts'), ...(baud !== undefined ? { baud } : {}) });
  const dut = pool?.[0]!.dut ?? optionValue(parsed, 'dut') ?? 'emulator';
  const dutSpec = pool?.[0]!.spec ?? parseDutSpec(dut);
  const onBoard = pool ? pool.some((device) => device.spec.adapter !== 'emulator') : dutSpec.adapter !== 'emulator';
  if (labgridPlacesOf(pool ?? [deviceOfDutOption(dut, { rtscts: false })]).includes('+') && !process.env.LG_TOKEN) {
    throw new UsageError('--dut labgrid:+ is the place reserved under LG_TOKEN, and LG_TOKEN is not set (labgrid-client reserve --wait --shell …)');
  }
  // The command table has checked --profile and --fault against their allowed values.
  const profile = (optionValue(parsed, 'profile') ?? 'firmware') as ProfileName;
  const fault = optionValue(parsed, 'fault') as FaultName | undefined;
  if (fault !== undefined && onBoard) throw new UsageError('--fault breaks the built-in emulator; it does nothing to a real device (use --dut emulator)');
  if (pool && parsed.values.has('pool') && (baud !== undefined || parsed.flags.has('rtscts'))) throw new UsageError('--baud and --rtscts of a pool are per device, in the pool file');
  if (pool && !pool.every((device) => hasSerialLine(device.spec)) && (baud !== undefined || parsed.flags.has('rtscts'))) throw new UsageError('--baud and --rtscts are for serial lines; give each device its own in a --pool file');
  if (baud !== undefined && !pool && !hasSerialLine(dutSpec)) throw new UsageError('--baud is for a serial line (--dut serial:<path>, rfc2217:<host>:<port> or labgrid:<place>)');
  if (parsed.flags.has('rtscts') && !pool && !hasSerialLine(dutSpec)) throw new UsageError('--rtscts is for a serial line (--dut serial:<path>, rfc2217:<host>:<port> or labgrid:<place>)');
  // --parallel 1 runs in this process; cucumber counts only the extra workers. A pool runs one worker per device.
  const workers = integerOption(parsed, 'parallel', 1, 64) ?? (pool ? pool.length : 1);
  const parallel = workers > 1 ? workers : 0;
  if (pool && workers > pool.length) throw new UsageError(`--parallel ${workers} needs ${workers} devices, one per worker; the pool has ${pool.length}`);
  if (!pool && parallel > 1 && onBoard) throw new UsageError('--parallel needs one device per worker; a board is one device (give several with --dut … --dut … or --pool <file>)');
  if (pool && parallel < 2 && pool.length > 1) throw new UsageError(`a pool of ${pool.length} devices runs one worker per device: --parallel ${pool.length} (or fewer devices)`);
  const peerHost = optionValue(parsed, 'peer-host');
  if (peerHost !== undefined) checkPeerHost(peerHost, onBoard);
  // The peers are one set per run, and what they received is read by the worker of the
  // scenario, a process of its own per device: sharing them across workers is not done.
  if (peerHost !== undefined && pool && pool.length > 1) {
    throw new UsageError(`--peer-host takes one device per run, not a pool of ${pool.length}: the network peers are one set, and each device's worker is a process of its own that must read what its peers received; run each device on its own with --peer-host and join the folders with sm-conformance merge`);
  }
  const retry = integerOption(parsed, 'retry', 0, 10);
  const retryTagFilter = optionValue(parsed, 'retry-tag-filter');
  if (retryTagFilter !== undefined && !retry) throw new UsageError('--retry-tag-filter chooses which scenarios --retry repeats: give --retry N too');
  const shard = optionValue(parsed, 'shard');
  if (shard !== undefined) checkShard(shard);
  const deviceHost = optionValue(parsed, 'device-host');
  if (deviceHost !== undefined) checkDeviceHost(deviceHost, onBoard);
  if (deviceHost !== undefined && deviceHost === peerHost) {
    throw new UsageError(`--peer-host and --device-host are both ${deviceHost}: the peers take the spec's ports there (1234 …), which the device's servers use too; put them on different addresses (a served emulator: emulate --peers ::1 with --peer-host ::1 --device-host 127.0.0.1)`);
  }
  const tags = optionValue(parsed, 'tags');
  const reconnectSeconds = integerOption(parsed, 'reconnect', 0, 3600);
  if (reconnectSeconds !== undefined && !onBoard) throw new UsageError('--reconnect is for a device outside this process (--dut serial:… or tcp:…); the emulator\'s link cannot be lost');
  const order = optionValue(parsed, 'order');
  if (order !== undefined && !/^(defined|random(:[0-9A-Za-z]+)?)$/.test(order)) {
    throw new UsageError(`--order must be defined, random or random:<seed>, not '${order}'`);
  }
  const reports = resolve(cwd, optionValue(parsed, 'reports') ?? 'reports');
  checkDirectoryOption('reports', reports);
  const historyOption = optionValue(parsed, 'history');
  const history = historyOption !== undefined ? resolve(cwd, historyOption) : undefined;
  if (history !== undefined) checkDirectoryOption('history', history);
  const attachTimeoutS = integerOption(parsed, 'attach-timeout', 0, 3600) ?? DEFAULT_ATTACH_TIMEOUT_S;
  const emulatorAttachMs = integerOption(parsed, 'emulator-attach-time', 0, 600_000);
  if (emulatorAttachMs !== undefined && onBoard) throw new UsageError('--emulator-attach-time sets the built-in emulator\'s attach time; a board attaches in its own time (use --attach-timeout)');

  return {
    dut, dutSpec, profile, rtscts: parsed.flags.has('rtscts'), strict: parsed.flags.has('strict'), parallel, reconnectSeconds: reconnectSeconds ?? 10,
    // A fault profile's seeded faults fall on the lines one emulator sees: lanes would move them.
    sideLanes: dutSpec.adapter === 'emulator' && parallel === 0 && fault === undefined ? EMULATOR_SIDE_LANES : 0,
    reports, attachTimeoutS, noAttach: parsed.flags.has('no-attach'),
    ...(emulatorAttachMs !== undefined ? { emulatorAttachMs } : {}),
    ...(history !== undefined ? { history } : {}),
    ...(baud !== undefined ? { baud } : {}),
    ...(fault !== undefined ? { fault } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(order !== undefined ? { order } : {}),
    ...(peerHost !== undefined ? { peerHost } : {}),
    ...(deviceHost !== undefined ? { deviceHost } : {}),
    ...(pool ? { pool } : {}),
    ...(retry ? { retry } : {}),
    ...(retryTagFilter !== undefined ? { retryTagFilter } : {}),
    ...(parsed.flags.has('fail-on-flaky') ? { failOnFlaky: true } : {}),
    ...(shard !== undefined ? { shard } : {}),
  };
}

/** A directory option must not name a file: the run would fail only after the whole suite. */
function checkDirectoryOption(option: string, path: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return; // created by the run
  }
  if (!isDirectory) throw new UsageError(`--${option} ${path} is a file, not a directory`);
}

/** Several devices: `--pool <file>` or `--dut` given more than once; undefined for one device. */
function devicePool(parsed: ParsedOptions, cwd: string, connection: { baud?: number; rtscts: boolean }): PoolDevice[] | undefined {
  const file = optionValue(parsed, 'pool');
  const duts = parsed.values.get('dut') ?? [];
  if (file !== undefined && duts.length > 0) throw new UsageError('give the devices with --dut or with --pool <file>, not both');
  if (file !== undefined) return readPoolFile(resolve(cwd, file));
  if (duts.length < 2) return undefined;
  return poolFromDutOptions(duts, connection);
}

/** cucumber's `<index>/<total>`, 1 ≤ index ≤ total. */
function checkShard(shard: string): void {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(shard);
  if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) throw new UsageError(`--shard must be <index>/<total> with 1 ≤ index ≤ total, e.g. 1/3, not '${shard}'`);
}

/**
 * The run starts the peers itself, listening on `host`, so that it can read what they
 * received: the host must therefore be an address of this machine (one the board reaches).
 */
function checkPeerHost(host: string, onBoard: boolean): void {
  if (!onBoard) throw new UsageError('--peer-host is for a real board (--dut serial:… or tcp:…); the emulator brings its own peers');
  if (net.isIP(host) === 0) throw new UsageError(`--peer-host must be an IP address of this machine, not '${host}'`);
  if (!localAddresses().includes(host)) {
    throw new UsageError(`--peer-host ${host} is not an address of this machine (${localAddresses().join(', ')}); run the suite on the machine the board reaches`);
  }
}

/**
 * The suite's clients talk to loopback only (src/peers/loopback-client.ts), so the device's
 * servers must be reachable there: a served emulator, or a board's ports forwarded to this machine.
 */
function checkDeviceHost(host: string, onBoard: boolean): void {
  if (!onBoard) throw new UsageError('--device-host is for a device outside this process (--dut serial:… or tcp:…); the emulator knows where its servers are');
  if (host !== '127.0.0.1' && host !== '::1') throw new UsageError(`--device-host must be 127.0.0.1 or ::1 (the suite's clients reach loopback only), not '${host}'`);
}

function localAddresses(): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));
  return [...new Set(['127.0.0.1', '::1', ...addresses])];
}

/** What `run` puts into cucumber's worldParameters (steps/support/run-parameters.ts). */
export function worldParametersOf(request: RunRequest): Record<string, WorldValue> {
  return {
    dut: request.dut,
    profile: request.profile,
    strict: request.strict,
    rtscts: request.rtscts,
    commandTimeoutMs: request.dutSpec.adapter === 'emulator' ? EMULATOR_COMMAND_DEADLINE_MS : BOARD_COMMAND_DEADLINE_MS,
    attachTimeoutS: request.attachTimeoutS,
    noAttach: request.noAttach,
    ...(request.emulatorAttachMs !== undefined ? { emulatorAttachMs: request.emulatorAttachMs } : {}),
    reconnectSeconds: request.reconnectSeconds,
    ...(request.sideLanes > 0 ? { sideLanes: request.sideLanes } : {}),
    ...(request.baud !== undefined ? { baud: request.baud } : {}),
    ...(request.fault !== undefined ? { fault: request.fault } : {}),
    ...(request.peerHost !== undefined ? { peerHost: request.peerHost } : {}),
    ...(request.deviceHost !== undefined ? { deviceHost: request.deviceHost } : {}),
    ...(request.pool ? { pool: poolParameters(request.pool) } : {}),
  };
}

/** The suite's usual deadline for a device that is not the in-process emulator. */
const BOARD_COMMAND_DEADLINE_MS = 5000;
