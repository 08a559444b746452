// The options of `sm-conformance run` (CLI contract in the design), checked as a whole:
// an option that makes no sense for the chosen device is a usage mistake, not something
// to ignore silently.

import { statSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { COMMANDS } from './command-table.ts';
import { asksForHelp, integerOption, optionValue, parseOptions } from './options.ts';
import { UsageError } from '../blame/usage-error.ts';
import { parseDutSpec, type DutSpec } from '../dut/dut-spec.ts';
import type { FaultName, ProfileName } from '../emulator/types.ts';

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
  /** Board only: the address of this machine that the board reaches the peers on. */
  peerHost?: string;
  /** Board only: where a client on this machine reaches the device's servers. */
  deviceHost?: string;
  /** Absolute. */
  reports: string;
  /** Absolute; where the Allure history lives (default: inside the reports). */
  history?: string;
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

  const dut = optionValue(parsed, 'dut') ?? 'emulator';
  const dutSpec = parseDutSpec(dut);
  const onBoard = dutSpec.adapter !== 'emulator';
  // The command table has checked --profile and --fault against their allowed values.
  const profile = (optionValue(parsed, 'profile') ?? 'firmware') as ProfileName;
  const fault = optionValue(parsed, 'fault') as FaultName | undefined;
  if (fault !== undefined && onBoard) throw new UsageError('--fault breaks the built-in emulator; it does nothing to a real device (use --dut emulator)');
  const baud = integerOption(parsed, 'baud', 1, 10_000_000);
  if (baud !== undefined && dutSpec.adapter !== 'serial') throw new UsageError('--baud is for a serial device (--dut serial:<path>)');
  if (parsed.flags.has('rtscts') && dutSpec.adapter !== 'serial') throw new UsageError('--rtscts is for a serial device (--dut serial:<path>)');
  // --parallel 1 (the default) runs in this process; cucumber counts only the extra workers.
  const workers = integerOption(parsed, 'parallel', 1, 64) ?? 1;
  const parallel = workers > 1 ? workers : 0;
  if (parallel > 1 && onBoard) throw new UsageError('--parallel needs one device per worker; a board is one device (use it with --dut emulator)');
  const peerHost = optionValue(parsed, 'peer-host');
  if (peerHost !== undefined) checkPeerHost(peerHost, onBoard);
  const deviceHost = optionValue(parsed, 'device-host');
  if (deviceHost !== undefined) checkDeviceHost(deviceHost, onBoard);
  const tags = optionValue(parsed, 'tags');
  const order = optionValue(parsed, 'order');
  if (order !== undefined && !/^(defined|random(:[0-9A-Za-z]+)?)$/.test(order)) {
    throw new UsageError(`--order must be defined, random or random:<seed>, not '${order}'`);
  }
  const reports = resolve(cwd, optionValue(parsed, 'reports') ?? 'reports');
  checkDirectoryOption('reports', reports);
  const historyOption = optionValue(parsed, 'history');
  const history = historyOption !== undefined ? resolve(cwd, historyOption) : undefined;
  if (history !== undefined) checkDirectoryOption('history', history);

  return {
    dut, dutSpec, profile, rtscts: parsed.flags.has('rtscts'), strict: parsed.flags.has('strict'), parallel,
    reports,
    ...(history !== undefined ? { history } : {}),
    ...(baud !== undefined ? { baud } : {}),
    ...(fault !== undefined ? { fault } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(order !== undefined ? { order } : {}),
    ...(peerHost !== undefined ? { peerHost } : {}),
    ...(deviceHost !== undefined ? { deviceHost } : {}),
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
export function worldParametersOf(request: RunRequest): Record<string, string | number | boolean> {
  return {
    dut: request.dut,
    profile: request.profile,
    strict: request.strict,
    rtscts: request.rtscts,
    commandTimeoutMs: request.dutSpec.adapter === 'emulator' ? EMULATOR_COMMAND_DEADLINE_MS : BOARD_COMMAND_DEADLINE_MS,
    ...(request.baud !== undefined ? { baud: request.baud } : {}),
    ...(request.fault !== undefined ? { fault: request.fault } : {}),
    ...(request.peerHost !== undefined ? { peerHost: request.peerHost } : {}),
    ...(request.deviceHost !== undefined ? { deviceHost: request.deviceHost } : {}),
  };
}

/** The suite's usual deadline for a device that is not the in-process emulator. */
const BOARD_COMMAND_DEADLINE_MS = 5000;
