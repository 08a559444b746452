// A device pool: the boards (or served emulators) one run spreads its workers over, from
// `--dut` given several times or from a pool file shaped like a Zephyr twister hardware
// map (YAML or JSON, a list of entries):
//
//   - id: board-a                       # unique; names the device in every report
//     dut: serial:/dev/ttyACM0          # any --dut value
//     baud: 115200                      # serial only
//     rtscts: false                     # serial only
//     reset: [at, "cmd:relay 3 cycle", labgrid]   # the reset ladder, tried in order
//                                       # (a labgrid:<place> device without one: [labgrid])
//     tags: [nrf9160dk, rack-2]         # free labels, carried into the reports
//
// A pool is data (labgrid's resource, not its driver): the Dut adapters act on each entry.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../blame/usage-error.ts';
import { parseDutSpec, type DutSpec } from './dut-spec.ts';
import { formatResetRung, parseResetRung, type ResetRung } from './reset-rung.ts';

export interface PoolDevice {
  /** Unique in the pool; the name of the device in the reports. */
  id: string;
  /** The --dut text. */
  dut: string;
  spec: DutSpec;
  baud?: number;
  rtscts: boolean;
  /** Tried in order when the device stops answering or before a retry (may be empty). */
  reset: ResetRung[];
  tags: string[];
}

const ENTRY_KEYS = new Set(['id', 'dut', 'baud', 'rtscts', 'reset', 'tags']);

/** One entry per `--dut`; each is named by its own --dut text. */
export function poolFromDutOptions(duts: readonly string[], connection: DutConnection): PoolDevice[] {
  const pool = duts.map((dut) => deviceOfDutOption(dut, connection));
  checkDistinct(pool, 'given twice with --dut');
  return pool;
}

/** The run's serial line settings, for devices given with --dut. */
export interface DutConnection {
  baud?: number;
  rtscts: boolean;
}

/** The device one `--dut` names, named by its --dut text, with the default ladder of its kind. */
export function deviceOfDutOption(dut: string, connection: DutConnection): PoolDevice {
  const spec = parseDutSpec(dut);
  return { id: dut, dut, spec, ...(connection.baud !== undefined ? { baud: connection.baud } : {}), rtscts: connection.rtscts, reset: defaultResetLadder(spec), tags: [] };
}

/**
 * The ladder of a device that names none: a labgrid place has power control, so its board
 * is power-cycled (and its console looked up again); other devices have no ladder (an
 * empty `reset: []` in a pool file turns the labgrid one off too).
 */
export function defaultResetLadder(spec: DutSpec): ResetRung[] {
  return spec.adapter === 'labgrid' ? [{ kind: 'labgrid' }] : [];
}

/**
 * Every labgrid place the run drives, each once: the places of labgrid:<place> devices and
 * those that `labgrid:<place>` rungs power-cycle. The run holds them all from start to end.
 */
export function labgridPlacesOf(pool: readonly PoolDevice[]): string[] {
  const places = pool.flatMap((device) => [
    ...(device.spec.adapter === 'labgrid' ? [device.spec.place] : []),
    ...device.reset.flatMap((rung) => (rung.kind === 'labgrid' && rung.place !== undefined ? [rung.place] : [])),
  ]);
  return [...new Set(places)];
}

export function readPoolFile(path: string): PoolDevice[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--pool ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let document: unknown;
  try {
    // YAML is a superset of JSON: one parser reads both.
    document = parseYaml(text);
  } catch (error) {
    throw new UsageError(`--pool ${path}: not YAML or JSON (${(error as Error).message.split('\n', 1)[0]})`);
  }
  return parsePool(document, `--pool ${path}`);
}

/** Checks a parsed pool document; every mistake is one line naming the entry. */
export function parsePool(document: unknown, source: string): PoolDevice[] {
  if (!Array.isArray(document) || document.length === 0) throw new UsageError(`${source}: expected a non-empty list of devices ({id, dut, baud, rtscts, reset, tags})`);
  const pool = document.map((entry, index) => parseEntry(entry, `${source}: device ${index + 1}`));
  checkDistinct(pool, `appears twice in ${source}`);
  return pool;
}

function parseEntry(entry: unknown, where: string): PoolDevice {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new UsageError(`${where}: expected a mapping with id and dut`);
  const given = entry as Record<string, unknown>;
  const unknown = Object.keys(given).find((key) => !ENTRY_KEYS.has(key));
  if (unknown !== undefined) throw new UsageError(`${where}: unknown key '${unknown}' (known: ${[...ENTRY_KEYS].join(', ')})`);
  const id = given.id;
  if (typeof id !== 'string' || !/^[\w.:@/+-]+$/.test(id)) throw new UsageError(`${where}: id must be a non-empty name of letters, digits and . _ - : @ / +`);
  const at = `${where} (${id})`;
  if (typeof given.dut !== 'string') throw new UsageError(`${at}: dut must be a --dut value such as serial:/dev/ttyACM0`);
  let spec: DutSpec;
  try {
    spec = parseDutSpec(given.dut);
  } catch (error) {
    throw new UsageError(`${at}: ${(error as Error).message}`);
  }
  const device: PoolDevice = { id, dut: given.dut, spec, rtscts: false, reset: defaultResetLadder(spec), tags: [] };
  if (given.baud !== undefined) {
    if (typeof given.baud !== 'number' || !Number.isInteger(given.baud) || given.baud < 1 || given.baud > 10_000_000) throw new UsageError(`${at}: baud must be an integer from 1 to 10000000`);
    if (spec.adapter !== 'serial') throw new UsageError(`${at}: baud is for a serial device`);
    device.baud = given.baud;
  }
  if (given.rtscts !== undefined) {
    if (typeof given.rtscts !== 'boolean') throw new UsageError(`${at}: rtscts must be true or false`);
    if (given.rtscts && spec.adapter !== 'serial') throw new UsageError(`${at}: rtscts is for a serial device`);
    device.rtscts = given.rtscts;
  }
  if (given.reset !== undefined) {
    const rungs = Array.isArray(given.reset) ? given.reset : [given.reset];
    device.reset = rungs.map((rung) => {
      try {
        return parseResetRung(rung);
      } catch (error) {
        throw new UsageError(`${at}: reset: ${(error as Error).message}`);
      }
    });
    if (spec.adapter !== 'labgrid' && device.reset.some((rung) => rung.kind === 'labgrid' && rung.place === undefined)) {
      throw new UsageError(`${at}: reset: a labgrid rung of a device that is not a labgrid place names the place to power-cycle (labgrid:<place>)`);
    }
  }
  if (given.tags !== undefined) {
    if (!Array.isArray(given.tags) || !given.tags.every((tag) => typeof tag === 'string' && tag !== '')) throw new UsageError(`${at}: tags must be a list of names`);
    device.tags = [...given.tags];
  }
  return device;
}

function checkDistinct(pool: readonly PoolDevice[], what: string): void {
  const ids = new Set<string>();
  const duts = new Set<string>();
  for (const device of pool) {
    if (ids.has(device.id)) throw new UsageError(`device '${device.id}' ${what}`);
    // Two entries for one port would put two workers on one device.
    if (device.spec.adapter !== 'emulator' && duts.has(device.dut)) throw new UsageError(`device ${device.dut} ${what}`);
    ids.add(device.id);
    duts.add(device.dut);
  }
}

/**
 * The device of a cucumber worker (CUCUMBER_WORKER_ID "0", "1", …; none without --parallel):
 * worker n holds pool entry n for the whole run, so no two workers share a device. A pool of
 * one in-process emulator gives every worker an emulator of its own.
 */
export function deviceOfWorker(pool: readonly PoolDevice[], workerId: string | undefined): PoolDevice {
  const index = workerId === undefined || workerId === '' ? 0 : Number(workerId);
  if (pool.length === 1 && pool[0]!.spec.adapter === 'emulator') return pool[0]!;
  const device = pool[index];
  if (!Number.isInteger(index) || device === undefined) throw new Error(`worker ${workerId} has no device: the pool has ${pool.length}`);
  return device;
}

/** The pool as cucumber's worldParameters carry it to the workers (plain JSON that parsePool reads back). */
export function poolParameters(pool: readonly PoolDevice[]): { [key: string]: string | number | boolean | string[] }[] {
  return pool.map((device) => ({
    id: device.id, dut: device.dut, ...(device.baud !== undefined ? { baud: device.baud } : {}), rtscts: device.rtscts,
    reset: device.reset.map(formatResetRung), tags: device.tags,
  }));
}
