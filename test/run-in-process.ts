// `sm-conformance run` in this process with its output collected instead of printed, for
// tests of the command and of the suite through it. Runs are sequential: a process has one
// cucumber worker session at a time.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformanceRun, type RunOutcome } from '../src/cli/run.ts';
import { parseRunOptions } from '../src/cli/run-options.ts';
import type { ScenarioResult } from '../src/report/scenario-results.ts';

export interface CollectedRun extends RunOutcome {
  out: string;
  err: string;
}

/** A fresh directory for a run's reports. */
export function reportsDirectory(label: string): string {
  return mkdtempSync(join(tmpdir(), `sm-run-${label}-`));
}

/** Runs with `argv` (without `run`); Allure is left out, the other reports are written. */
export async function runInProcess(argv: readonly string[]): Promise<CollectedRun> {
  const request = parseRunOptions(argv);
  if (request === 'help') throw new Error('runInProcess: --help runs nothing');
  let out = '';
  let err = '';
  const outcome = await conformanceRun(request, { out: (text) => { out += text; }, err: (text) => { err += text; }, tty: false, allure: false });
  return { ...outcome, out, err };
}

/** `features/x.feature:12 name`, a scenario's identity across runs. */
export function scenarioKey(scenario: ScenarioResult): string {
  return `${scenario.uri}:${scenario.line ?? '?'} ${scenario.name}`;
}

/** scenario key → verdict. */
export function verdictsOf(run: RunOutcome): Map<string, string> {
  return new Map(run.scenarios.map((scenario) => [scenarioKey(scenario), scenario.verdict]));
}
