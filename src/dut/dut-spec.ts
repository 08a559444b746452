// Reads the `--dut` option of the CLI contract: `emulator`, `serial:<path>`,
// `tcp:<host>:<port>` or `tcp:[<ipv6>]:<port>`. Anything else is a usage mistake.

import { isIP } from 'node:net';
import { UsageError } from '../blame/usage-error.ts';

export type DutSpec =
  | { adapter: 'emulator' }
  | { adapter: 'serial'; path: string }
  | { adapter: 'tcp'; host: string; port: number };

const EXPECTED = 'expected emulator, serial:<path> or tcp:<host>:<port>';

export function parseDutSpec(text: string): DutSpec {
  if (text === 'emulator') return { adapter: 'emulator' };
  if (text.startsWith('serial:')) {
    const path = text.slice('serial:'.length);
    if (path === '') throw new UsageError(`--dut serial: needs a device path, e.g. serial:/dev/ttyACM0`);
    return { adapter: 'serial', path };
  }
  if (text.startsWith('tcp:')) return parseTcpTarget(text.slice('tcp:'.length), text);
  throw new UsageError(`--dut '${text}' is not a device (${EXPECTED})`);
}

function parseTcpTarget(target: string, text: string): DutSpec {
  const match = /^(?:\[([^\]]*)\]|([^:[\]]+)):([^:]*)$/.exec(target);
  if (!match) throw new UsageError(`--dut '${text}' is not a TCP target (expected tcp:<host>:<port> or tcp:[<ipv6>]:<port>)`);
  const bracketed = match[1];
  const host = bracketed ?? match[2]!;
  if (bracketed !== undefined && isIP(bracketed) !== 6) {
    throw new UsageError(`--dut '${text}': '[${bracketed}]' is not an IPv6 address`);
  }
  const portText = match[3]!;
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw new UsageError(`--dut '${text}': port must be an integer from 1 to 65535, not '${portText}'`);
  }
  return { adapter: 'tcp', host, port: Number(portText) };
}

/** The spec back as the user would type it (for messages and reports). */
export function formatDutSpec(spec: DutSpec): string {
  switch (spec.adapter) {
    case 'emulator': return 'emulator';
    case 'serial': return `serial:${spec.path}`;
    case 'tcp': return `tcp:${isIP(spec.host) === 6 ? `[${spec.host}]` : spec.host}:${spec.port}`;
  }
}
