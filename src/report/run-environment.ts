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
}

/** The spec page the catalogue encodes (the Allure epic and the spec version line). */
export const SPEC_PAGE = 'Socket AT commands';
export const SPEC_VERSION = 'nRF91 Serial Modem socket_at_commands.rst; firmware ncs-serial-modem 1bc9f6e4';

export const HARNESS_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** What the runner's send returns that this needs (AtRunner.send fits). */
type Send = (line: string) => Promise<{ lines: readonly string[]; final: { code: string } }>;

/**
 * Asks the device who it is; a command the device refuses leaves its field out. A device
 * that does not answer at all is asked only once (an identity is a courtesy of the report,
 * not worth three command deadlines).
 */
export async function queryDeviceIdentity(send: Send): Promise<DeviceIdentity> {
  const identity: DeviceIdentity = {};
  for (const [field, command] of [['manufacturer', 'AT+CGMI'], ['model', 'AT+CGMM'], ['revision', 'AT+CGMR']] as const) {
    try {
      const response = await send(command);
      if (response.final.code === 'OK' && response.lines.length > 0) identity[field] = response.lines.join(' ').trim();
    } catch {
      break;
    }
  }
  return identity;
}

/** Attaches the identity. */
export function attachDeviceIdentity(attach: Attach, identity: DeviceIdentity): void {
  attach(JSON.stringify(identity), { mediaType: DEVICE_IDENTITY_MEDIA_TYPE, fileName: 'device.json' });
}

let identityAttached = false;

/**
 * For the World's Before hook: the first scenario of this process (one per worker) asks
 * the device who it is and attaches the answer; every later call does nothing.
 */
export async function attachDeviceIdentityOnce(attach: Attach, send: Send): Promise<void> {
  if (identityAttached) return;
  identityAttached = true;
  attachDeviceIdentity(attach, await queryDeviceIdentity(send));
}

/** Attaches the network's status as the preflight found it. */
export function attachNetworkStatus(attach: Attach, status: NetworkStatus): void {
  attach(JSON.stringify(status), { mediaType: NETWORK_STATUS_MEDIA_TYPE, fileName: 'network.json' });
}

const NETWORK_FIELDS = ['registration', 'operator', 'systemMode', 'pdnAddress', 'attach'] as const;

/** The first network status attached in the run's messages. */
export function networkStatusOf(envelopes: readonly Envelope[]): NetworkStatus | undefined {
  for (const envelope of envelopes) {
    if (envelope.attachment?.mediaType !== NETWORK_STATUS_MEDIA_TYPE) continue;
    try {
      const value = JSON.parse(envelope.attachment.body) as Record<string, unknown>;
      const status: NetworkStatus = {};
      for (const key of NETWORK_FIELDS) if (typeof value[key] === 'string') status[key] = value[key];
      return status;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The first identity attached in the run's messages. */
export function deviceIdentityOf(envelopes: readonly Envelope[]): DeviceIdentity | undefined {
  for (const envelope of envelopes) {
    if (envelope.attachment?.mediaType !== DEVICE_IDENTITY_MEDIA_TYPE) continue;
    try {
      const value = JSON.parse(envelope.attachment.body) as Record<string, unknown>;
      const identity: DeviceIdentity = {};
      for (const key of ['manufacturer', 'model', 'revision'] as const) if (typeof value[key] === 'string') identity[key] = value[key];
      return identity;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The environment as ordered name/value pairs (Allure's environment.properties, page heads). */
export function environmentEntries(environment: RunEnvironment): [string, string][] {
  const entries: [string, string][] = [];
  const add = (name: string, value: string | number | boolean | undefined): void => {
    if (value !== undefined && value !== '') entries.push([name, String(value)]);
  };
  add('device.adapter', environment.dut);
  add('device.port', environment.target);
  add('device.baud', environment.baud);
  add('device.warnings', environment.warnings?.join('; '));
  add('device.profile', environment.profile);
  add('device.fault', environment.fault);
  add('device.manufacturer', environment.device?.manufacturer);
  add('device.model', environment.device?.model);
  add('device.revision', environment.device?.revision);
  add('network.registration', environment.network?.registration);
  add('network.operator', environment.network?.operator);
  add('network.system-mode', environment.network?.systemMode);
  add('network.pdn-address', environment.network?.pdnAddress);
  add('network.attach-time', environment.network?.attach);
  add('run.strict', environment.strict);
  add('harness.version', `sm-conformance ${HARNESS_VERSION}`);
  add('spec.version', SPEC_VERSION);
  return entries;
}
