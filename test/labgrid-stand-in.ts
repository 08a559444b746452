// The stand-in `labgrid-client` (test/labgrid-stand-in/labgrid-client) on PATH for a test:
// the places it knows, what it was asked (its log), and PATH restored afterwards.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STAND_IN_DIRECTORY = fileURLToPath(new URL('./labgrid-stand-in/', import.meta.url));

export interface StandInPlace {
  host: string;
  port: number;
  speed?: number;
  protocol?: 'rfc2217' | 'raw';
  reservation?: string;
  /** Someone else holds it ("host/user"). */
  acquired?: string | null;
  /** ser2net comes back on this port after `power cycle`. */
  port_after_power_cycle?: number;
}

export interface LabgridStandIn {
  /** Every invocation's arguments, one line each, oldest first. */
  calls(): string[];
  places(): Record<string, StandInPlace>;
  remove(): void;
}

export function installLabgridStandIn(places: Record<string, StandInPlace>): LabgridStandIn {
  const state = mkdtempSync(join(tmpdir(), 'sm-labgrid-'));
  writeFileSync(join(state, 'places.json'), JSON.stringify(places));
  writeFileSync(join(state, 'log'), '');
  const path = process.env.PATH;
  const stateVariable = process.env.LABGRID_STAND_IN_STATE;
  process.env.PATH = `${STAND_IN_DIRECTORY}${delimiter}${path ?? ''}`;
  process.env.LABGRID_STAND_IN_STATE = state;
  return {
    calls: () => readFileSync(join(state, 'log'), 'utf8').split('\n').filter((line) => line !== ''),
    places: () => JSON.parse(readFileSync(join(state, 'places.json'), 'utf8')) as Record<string, StandInPlace>,
    remove: () => {
      process.env.PATH = path;
      if (stateVariable === undefined) delete process.env.LABGRID_STAND_IN_STATE;
      else process.env.LABGRID_STAND_IN_STATE = stateVariable;
      rmSync(state, { recursive: true, force: true });
    },
  };
}
