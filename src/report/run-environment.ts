// What the reports say about the run itself: the device adapter and its settings, the
// device's own identity (AT+CGMI, AT+CGMM, AT+CGMR), the harness and spec versions.
// The identity is asked by each worker on its device and travels to the report in the
// cucumber messages (an attachment of the worker's first scenario), because the process
// that writes the reports never talks to the device.

import { readFileSync } from 'node:fs';
import type { Attach } from './attachments.ts';
import type { Envelope } from './run-messages.ts';
import type { NetworkStatus } from '../dut/network-attach.ts';

export const DEVICE_IDENTITY_MEDIA_TYPE = 'application/vnd.sm-conformance.device+json';
export const NETWORK_STATUS_MEDIA_TYPE = 'application/vnd.sm-conformance.network+json';

/** Registration, operator, system mode, PDN address and attach time (see dut/network-attach.ts). */
export type { NetworkStatus };

export interface DeviceIdentity {
  manufacturer?: string;
  model?: string;
  revision?: string;
  /** AT+CGSN: the IMEI, which tells boards of one build apart. */
  serialNumber?: string;
  /** AT#XSMVER: the Serial Modem application's version and its nRF Connect SDK's. */
  smVersion?: string;
}

/** One device of a pool as the reports describe it. */
export interface DeviceEnvironment {
  /** The pool entry's id (or the --dut text). */
  id: string;
  /** 'emulator', 'serial', 'tcp', 'rfc2217' or 'labgrid'. */
  dut?: string;
  target?: string;
  baud?: number;
  warnings?: readonly string[];
  identity?: DeviceIdentity;
  network?: NetworkStatus;
}

export interface RunEnvironment {
  /** 'emulator', 'serial' or 'tcp'. */
  dut?: string;
  /** Serial path or host:port. */
  target?: string;
  baud?: number;
  /** What the device connection did not confirm but works without (e.g. RFC 2217 settings left unacknowledged). */
  warnings?: readonly string[];
  profile?: string;
  fault?: string;
  strict?: boolean;
  device?: DeviceIdentity;
  network?: NetworkStatus;
  /** Several devices (a pool): each one by its id, in pool order; the one-device fields above are not used then. */
  devices?: DeviceEnvironment[];
}

/** The spec page the catalogue encodes (the Allure epic and the spec version line). */
export const SPEC_PAGE = 'Socket AT commands';
export const SPEC_VERSION = 'nRF91 Serial Modem socket_at_commands.rst; firmware ncs-serial-modem 1bc9f6e4';

export const HARNESS_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** What the runner's send returns that this needs (AtRunner.send fits). */
type Send = (line: string) => Promise<{ lines: readonly string[]; final: { code: string } }>;

/** Each field of the identity and the command whose answer it is, in the order they are asked. */
const IDENTITY_COMMANDS = [
  ['manufacturer', 'AT+CGMI'], ['model', 'AT+CGMM'], ['revision', 'AT+CGMR'], ['serialNumber', 'AT+CGSN'], ['smVersion', 'AT#XSMVER'],
] as const satisfies readonly (readonly [keyof DeviceIdentity, string])[];
const IDENTITY_FIELDS = IDENTITY_COMMANDS.map(([field]) => field);

/**
 * Asks the device who it is; a command the device refuses leaves its field out. A device
 * that does not answer at all is asked only once (an identity is a courtesy of the report,
 * not worth several command deadlines).
 */
export async function queryDeviceIdentity(send: Send): Promise<DeviceIdentity> {
  const identity: DeviceIdentity = {};
  for (const [field, command] of IDENTITY_COMMANDS) {
    try {
      const response = await send(command);
      // `#XSMVER: "2.0.0","3.2.0"`: the value without the command's own name in front
      const prefix = `${command.slice(2)}: `;
      const text = response.lines.map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line)).join(' ').trim();
      if (response.final.code === 'OK' && text !== '') identity[field] = text;
    } catch {
      break;
    }
  }
  return identity;
}

/** Attaches the identity, named by the device it came from. */
export function attachDeviceIdentity(attach: Attach, identity: DeviceIdentity, deviceId: string): void {
  attach(JSON.stringify({ ...identity, deviceId }), { mediaType: DEVICE_IDENTITY_MEDIA_TYPE, fileName: 'device.json' });
}

let identityAttached = false;

/**
 * For the World's Before hook: the first scenario of this process (one per worker) asks
 * the device who it is and attaches the answer; every later call does nothing.
 */
export async function attachDeviceIdentityOnce(attach: Attach, send: Send, deviceId: string): Promise<void> {
  if (identityAttached) return;
  identityAttached = true;
  attachDeviceIdentity(attach, await queryDeviceIdentity(send), deviceId);
}

/** Attaches the network's status as the preflight found it, named by the device it came from. */
export function attachNetworkStatus(attach: Attach, status: NetworkStatus, deviceId: string): void {
  attach(JSON.stringify({ ...status, deviceId }), { mediaType: NETWORK_STATUS_MEDIA_TYPE, fileName: 'network.json' });
}

const NETWORK_FIELDS = ['registration', 'operator', 'systemMode', 'pdnAddress', 'attach'] as const;

/**
 * The first attachment of `mediaType` of each device, by device id ('' for the messages of a
 * run that did not name its device), with the string `fields` it has.
 */
function firstPerDevice<Field extends string>(envelopes: readonly Envelope[], mediaType: string, fields: readonly Field[]): Map<string, Partial<Record<Field, string>>> {
  const found = new Map<string, Partial<Record<Field, string>>>();
  for (const envelope of envelopes) {
    if (envelope.attachment?.mediaType !== mediaType) continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(envelope.attachment.body) as Record<string, unknown>;
    } catch {
      continue;
    }
    const deviceId = typeof value.deviceId === 'string' ? value.deviceId : '';
    if (found.has(deviceId)) continue;
    const picked: Partial<Record<Field, string>> = {};
    for (const field of fields) if (typeof value[field] === 'string') picked[field] = value[field];
    found.set(deviceId, picked);
  }
  return found;
}

/** Each device's network status, as the first scenario that needed the network found it. */
export function networkStatusesOf(envelopes: readonly Envelope[]): Map<string, NetworkStatus> {
  return firstPerDevice(envelopes, NETWORK_STATUS_MEDIA_TYPE, NETWORK_FIELDS);
}

/** Each device's identity, by device id. */
export function deviceIdentitiesOf(envelopes: readonly Envelope[]): Map<string, DeviceIdentity> {
  return firstPerDevice(envelopes, DEVICE_IDENTITY_MEDIA_TYPE, IDENTITY_FIELDS);
}

/**
 * The run's environment with what its devices said in the messages. One device: its
 * identity and network. Several (a pool, or merged folders of several devices): each
 * device by its id, with its own identity and network, none taken for another's.
 */
export function environmentWithDevices(given: RunEnvironment, envelopes: readonly Envelope[]): RunEnvironment {
  const identities = deviceIdentitiesOf(envelopes);
  const networks = networkStatusesOf(envelopes);
  const ids = [...new Set([...(given.devices ?? []).map((device) => device.id), ...identities.keys(), ...networks.keys()])];
  if (ids.length <= 1) {
    const { devices: _devices, ...one } = given;
    const device = one.device ?? identities.values().next().value;
    const network = one.network ?? networks.values().next().value;
    return { ...one, ...(device ? { device } : {}), ...(network ? { network } : {}) };
  }
  const devices = ids.map((id): DeviceEnvironment => {
    const identity = identities.get(id);
    const network = networks.get(id);
    return { ...(given.devices?.find((device) => device.id === id) ?? { id }), ...(identity ? { identity } : {}), ...(network ? { network } : {}) };
  });
  return { ...given, devices };
}

/** The environment as ordered name/value pairs (Allure's environment.properties, JUnit's, page heads). */
export function environmentEntries(environment: RunEnvironment): [string, string][] {
  const entries: [string, string][] = [];
  const add = (name: string, value: string | number | boolean | undefined): void => {
    if (value !== undefined && value !== '') entries.push([name, String(value)]);
  };
  const addDevice = (prefix: string, device: Omit<DeviceEnvironment, 'id'>): void => {
    add(`${prefix}.adapter`, device.dut);
    add(`${prefix}.port`, device.target);
    add(`${prefix}.baud`, device.baud);
    add(`${prefix}.warnings`, device.warnings?.join('; '));
  };
  const addIdentity = (prefix: string, identity: DeviceIdentity | undefined): void => {
    add(`${prefix}.manufacturer`, identity?.manufacturer);
    add(`${prefix}.model`, identity?.model);
    add(`${prefix}.revision`, identity?.revision);
    add(`${prefix}.serial-number`, identity?.serialNumber);
    add(`${prefix}.sm-version`, identity?.smVersion);
  };
  const addNetwork = (prefix: string, network: NetworkStatus | undefined): void => {
    add(`${prefix}.registration`, network?.registration);
    add(`${prefix}.operator`, network?.operator);
    add(`${prefix}.system-mode`, network?.systemMode);
    add(`${prefix}.pdn-address`, network?.pdnAddress);
    add(`${prefix}.attach-time`, network?.attach);
  };
  const pool = environment.devices !== undefined && environment.devices.length > 1 ? environment.devices : undefined;
  if (pool) {
    add('device.pool', pool.map((device) => device.id).join(', '));
    for (const device of pool) {
      addDevice(`device[${device.id}]`, device);
      addIdentity(`device[${device.id}]`, device.identity);
    }
  } else {
    addDevice('device', environment);
  }
  add('device.profile', environment.profile);
  add('device.fault', environment.fault);
  if (pool) {
    for (const device of pool) addNetwork(`network[${device.id}]`, device.network);
  } else {
    addIdentity('device', environment.device);
    addNetwork('network', environment.network);
  }
  add('run.strict', environment.strict);
  add('harness.version', `sm-conformance ${HARNESS_VERSION}`);
  add('spec.version', SPEC_VERSION);
  return entries;
}
