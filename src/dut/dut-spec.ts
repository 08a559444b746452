// Reads the `--dut` option of the CLI contract: `emulator`, `serial:<path>`,
// `tcp:<host>:<port>` or `tcp:[<ipv6>]:<port>`, `rfc2217:<host>:<port>[?<options>]` (also
// written `rfc2217://<host>:<port>`, as pyserial, labgrid and esptool write it, so their URLs
// paste unchanged) and `labgrid:<place>` (`labgrid:+`: the place of LG_TOKEN). A spec is
// data: where the device is and how to speak to it; the adapters act on it. Anything else is
// a usage mistake.

import { isIP } from 'node:net';
import { UsageError } from '../blame/usage-error.ts';

export type DutSpec =
  | { adapter: 'emulator' }
  | { adapter: 'serial'; path: string }
  | { adapter: 'tcp'; host: string; port: number }
  | { adapter: 'rfc2217'; host: string; port: number; options: Rfc2217UrlOptions }
  | { adapter: 'labgrid'; place: string };

/** pyserial's rfc2217:// URL options that mean something here. */
export interface Rfc2217UrlOptions {
  /** Do not wait for (or warn about) answers to SET-CONTROL (DTR, RTS, flow control). */
  ignSetControl?: boolean;
  /** Seconds to wait for the server's negotiation answers (pyserial's default: 3). */
  timeoutS?: number;
}

const EXPECTED = 'expected emulator, serial:<path>, tcp:<host>:<port>, rfc2217:<host>:<port> or labgrid:<place>';
/** pyserial accepts these too; they change nothing here (no modem-state polling, our own log). */
const IGNORED_RFC2217_OPTIONS = new Set(['poll_modem', 'logging']);

export function parseDutSpec(text: string): DutSpec {
  if (text === 'emulator') return { adapter: 'emulator' };
  if (text.startsWith('serial:')) {
    const path = text.slice('serial:'.length);
    if (path === '') throw new UsageError(`--dut serial: needs a device path, e.g. serial:/dev/ttyACM0`);
    return { adapter: 'serial', path };
  }
  if (text.startsWith('tcp:')) return { adapter: 'tcp', ...parseHostPort(text.slice('tcp:'.length), text) };
  if (text.startsWith('rfc2217:')) return parseRfc2217(text.slice(text.startsWith('rfc2217://') ? 'rfc2217://'.length : 'rfc2217:'.length), text);
  if (text.startsWith('labgrid:')) {
    const place = text.slice('labgrid:'.length);
    if (!/^(\+|[A-Za-z0-9_.-]+)$/.test(place)) throw new UsageError(`--dut '${text}': expected labgrid:<place> (a place name) or labgrid:+ (the place of LG_TOKEN)`);
    return { adapter: 'labgrid', place };
  }
  throw new UsageError(`--dut '${text}' is not a device (${EXPECTED})`);
}

function parseRfc2217(target: string, text: string): DutSpec {
  const question = target.indexOf('?');
  const address = parseHostPort(question < 0 ? target : target.slice(0, question), text, 'rfc2217');
  const options: Rfc2217UrlOptions = {};
  for (const option of question < 0 ? [] : target.slice(question + 1).split('&')) {
    const [name, value] = option.split('=', 2) as [string, string | undefined];
    if (name === 'ign_set_control' && value === undefined) options.ignSetControl = true;
    else if (name === 'timeout' && value !== undefined && /^\d+(\.\d+)?$/.test(value) && Number(value) > 0) options.timeoutS = Number(value);
    else if (name === 'timeout') throw new UsageError(`--dut '${text}': timeout must be a positive number of seconds, not '${value ?? ''}'`);
    else if (!IGNORED_RFC2217_OPTIONS.has(name)) {
      throw new UsageError(`--dut '${text}': unknown option '${option}' (rfc2217 URLs take ign_set_control, timeout=<s>, poll_modem, logging=<level>)`);
    }
  }
  return { adapter: 'rfc2217', ...address, options };
}

function parseHostPort(target: string, text: string, scheme: 'tcp' | 'rfc2217' = 'tcp'): { host: string; port: number } {
  const match = /^(?:\[([^\]]*)\]|([^:[\]/]+)):([^:/]*)\/?$/.exec(target);
  if (!match) throw new UsageError(`--dut '${text}' is not ${scheme === 'tcp' ? 'a TCP' : 'an RFC 2217'} target (expected ${scheme}:<host>:<port> or ${scheme}:[<ipv6>]:<port>)`);
  const bracketed = match[1];
  const host = bracketed ?? match[2]!;
  if (bracketed !== undefined && isIP(bracketed) !== 6) {
    throw new UsageError(`--dut '${text}': '[${bracketed}]' is not an IPv6 address`);
  }
  const portText = match[3]!;
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw new UsageError(`--dut '${text}': port must be an integer from 1 to 65535, not '${portText}'`);
  }
  return { host, port: Number(portText) };
}

/** The spec back as the user would type it (for messages and reports). */
export function formatDutSpec(spec: DutSpec): string {
  switch (spec.adapter) {
    case 'emulator': return 'emulator';
    case 'serial': return `serial:${spec.path}`;
    case 'tcp': return `tcp:${hostPort(spec)}`;
    case 'rfc2217': {
      const options = [
        ...(spec.options.ignSetControl ? ['ign_set_control'] : []),
        ...(spec.options.timeoutS !== undefined ? [`timeout=${spec.options.timeoutS}`] : []),
      ];
      return `rfc2217://${hostPort(spec)}${options.length > 0 ? `?${options.join('&')}` : ''}`;
    }
    case 'labgrid': return `labgrid:${spec.place}`;
  }
}

function hostPort(spec: { host: string; port: number }): string {
  return `${isIP(spec.host) === 6 ? `[${spec.host}]` : spec.host}:${spec.port}`;
}
