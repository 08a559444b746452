// One rung of a device's reset ladder (a pool entry's `reset`), as data:
//
//   at                 AT#XRESET, then wait for the device's `Ready`
//   cmd:<command>      any command line run by the shell (a relay script, `nrfutil device reset …`)
//   labgrid[:<place>]  `labgrid-client -p <place> power cycle`, then reconnect (place: the device's own)
//
// In a YAML pool file a rung may also be a mapping: `{cmd: "relay 3 cycle"}`, `{labgrid: place}`.

export type ResetRung =
  | { kind: 'at' }
  | { kind: 'cmd'; command: string }
  | { kind: 'labgrid'; place?: string };

export const RESET_RUNG_FORMS = 'at, cmd:<command> or labgrid[:<place>]';

export function parseResetRung(value: unknown): ResetRung {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1 && typeof entries[0]![1] === 'string') return parseResetRung(`${entries[0]![0]}:${entries[0]![1]}`);
    throw new Error(`a rung is ${RESET_RUNG_FORMS}, not ${JSON.stringify(value)}`);
  }
  if (typeof value !== 'string') throw new Error(`a rung is ${RESET_RUNG_FORMS}, not ${JSON.stringify(value)}`);
  if (value === 'at') return { kind: 'at' };
  if (value === 'labgrid') return { kind: 'labgrid' };
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  const rest = colon < 0 ? '' : value.slice(colon + 1).trim();
  if (kind === 'cmd' && rest !== '') return { kind: 'cmd', command: rest };
  if (kind === 'labgrid' && /^[\w.+-]+$/.test(rest)) return { kind: 'labgrid', place: rest };
  throw new Error(`'${value}' is not a rung (${RESET_RUNG_FORMS})`);
}

export function formatResetRung(rung: ResetRung): string {
  switch (rung.kind) {
    case 'at': return 'at';
    case 'cmd': return `cmd:${rung.command}`;
    case 'labgrid': return rung.place === undefined ? 'labgrid' : `labgrid:${rung.place}`;
  }
}
