// Run-to-run comparison (`sm-conformance diff <old> <new>`): what changed between two report
// folders, per device. A scenario is the same across runs when its device, feature file and
// name are (lines move when features are edited; a repeated name counts its occurrences).
//
//   regression   now FAIL, before not                        (the run exits 1)
//   fixed        before FAIL, now PASS or NON-STRICT
//   newly flaky  now FLAKY, before not
//   changed      any other change of verdict (e.g. PASS → INCONCLUSIVE)
//   added        only in the new run;   removed   only in the old run

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNKNOWN_DEVICE } from './device-matrix.ts';
import { REPORT_FILES } from './generate-reports.ts';
import { VERDICTS, type Verdict } from './verdict.ts';

/** One scenario of a report folder, as verdict-matrix.json records it. */
export interface RecordedScenario {
  name: string;
  uri: string;
  line?: number;
  verdict: Verdict;
  device?: string;
}

export interface DiffEntry {
  device: string;
  /** `features/x.feature  <scenario name>`. */
  scenario: string;
  before?: Verdict;
  after?: Verdict;
}

export interface RunDiff {
  regressions: DiffEntry[];
  fixes: DiffEntry[];
  newlyFlaky: DiffEntry[];
  changed: DiffEntry[];
  added: DiffEntry[];
  removed: DiffEntry[];
}

export const DIFF_SECTIONS: readonly [keyof RunDiff, string][] = [
  ['regressions', 'regressions'], ['newlyFlaky', 'newly flaky'], ['fixes', 'fixed'], ['changed', 'changed'], ['added', 'added'], ['removed', 'removed'],
];

/** The scenarios of a report folder (its verdict-matrix.json); one clear line if it is not one. */
export function readRecordedScenarios(reportsDir: string): RecordedScenario[] {
  const path = join(reportsDir, REPORT_FILES.matrixJson);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${reportsDir} is not a reports folder of sm-conformance run: ${code === 'ENOENT' ? `${REPORT_FILES.matrixJson} is missing` : `${path} is unreadable (${code ?? (error as Error).message})`}`);
  }
  const scenarios = (document as { scenarios?: unknown }).scenarios;
  if (!Array.isArray(scenarios) || !scenarios.every(isRecordedScenario)) throw new Error(`${path} holds no scenario list of sm-conformance run`);
  return scenarios;
}

function isRecordedScenario(value: unknown): value is RecordedScenario {
  const scenario = value as RecordedScenario;
  return typeof value === 'object' && value !== null && typeof scenario.name === 'string' && typeof scenario.uri === 'string' && (VERDICTS as readonly string[]).includes(scenario.verdict);
}

export function diffRuns(before: readonly RecordedScenario[], after: readonly RecordedScenario[]): RunDiff {
  const old = keyed(before);
  const now = keyed(after);
  const diff: RunDiff = { regressions: [], fixes: [], newlyFlaky: [], changed: [], added: [], removed: [] };
  for (const [key, entry] of now) {
    const previous = old.get(key);
    if (!previous) {
      diff.added.push({ ...entry.where, after: entry.verdict });
      continue;
    }
    const change: DiffEntry = { ...entry.where, before: previous.verdict, after: entry.verdict };
    if (previous.verdict === entry.verdict) continue;
    if (entry.verdict === 'FAIL') diff.regressions.push(change);
    else if (entry.verdict === 'FLAKY') diff.newlyFlaky.push(change);
    else if (previous.verdict === 'FAIL' && (entry.verdict === 'PASS' || entry.verdict === 'NON-STRICT')) diff.fixes.push(change);
    else diff.changed.push(change);
  }
  for (const [key, entry] of old) if (!now.has(key)) diff.removed.push({ ...entry.where, before: entry.verdict });
  return diff;
}

function keyed(scenarios: readonly RecordedScenario[]): Map<string, { where: { device: string; scenario: string }; verdict: Verdict }> {
  const map = new Map<string, { where: { device: string; scenario: string }; verdict: Verdict }>();
  for (const scenario of scenarios) {
    const device = scenario.device ?? UNKNOWN_DEVICE;
    const name = `${scenario.uri}  ${scenario.name}`;
    let key = `${device}\n${name}`;
    for (let occurrence = 2; map.has(key); occurrence++) key = `${device}\n${name}\n${occurrence}`;
    map.set(key, { where: { device, scenario: name }, verdict: scenario.verdict });
  }
  return map;
}

/** Per device, per section: `  REGRESSION  features/x.feature  name: PASS → FAIL`. */
export function renderRunDiff(diff: RunDiff): string {
  const devices = [...new Set(DIFF_SECTIONS.flatMap(([section]) => diff[section].map((entry) => entry.device)))].sort();
  const lines: string[] = [];
  for (const device of devices) {
    lines.push(`device ${device}:`);
    for (const [section, title] of DIFF_SECTIONS) {
      const entries = diff[section].filter((entry) => entry.device === device);
      if (entries.length === 0) continue;
      lines.push(`  ${title} (${entries.length}):`);
      for (const entry of entries) lines.push(`    ${entry.scenario}: ${entry.before ?? '—'} → ${entry.after ?? '—'}`);
    }
  }
  const counts = DIFF_SECTIONS.map(([section, title]) => `${title} ${diff[section].length}`).join(' · ');
  lines.push(`${devices.length === 0 ? 'no verdict changed; ' : ''}${counts}`);
  return `${lines.join('\n')}\n`;
}
