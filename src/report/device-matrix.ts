// The device × scenario matrix of a run on several devices (a pool, or merged device
// folders): one row per scenario, one column per device, the verdict in each cell, so a
// lab sees at a glance which board deviates where. A scenario a device did not run is blank.

import type { ScenarioResult } from './scenario-results.ts';
import type { Verdict } from './verdict.ts';

export interface DeviceMatrixRow {
  name: string;
  uri: string;
  line?: number;
  /** device id → the verdict and the scenario's index in the run's list. */
  cells: Record<string, { verdict: Verdict; index: number }>;
}

export interface DeviceMatrix {
  /** In order of first appearance. */
  devices: string[];
  rows: DeviceMatrixRow[];
}

/** A device of a run whose scenarios carry no device id (reports of older runs). */
export const UNKNOWN_DEVICE = '(device not recorded)';

/** Scenarios are the same across devices when their feature file, line and name are. */
export function scenarioIdentity(scenario: { uri: string; line?: number; name: string }): string {
  return `${scenario.uri}:${scenario.line ?? '?'} ${scenario.name}`;
}

export function buildDeviceMatrix(results: readonly ScenarioResult[]): DeviceMatrix {
  const devices: string[] = [];
  const rows = new Map<string, DeviceMatrixRow>();
  results.forEach((result, index) => {
    const device = result.device ?? UNKNOWN_DEVICE;
    if (!devices.includes(device)) devices.push(device);
    const key = scenarioIdentity(result);
    let row = rows.get(key);
    if (!row) {
      row = { name: result.name, uri: result.uri, ...(result.line !== undefined ? { line: result.line } : {}), cells: {} };
      rows.set(key, row);
    }
    row.cells[device] = { verdict: result.verdict, index };
  });
  return { devices, rows: [...rows.values()] };
}
