// The coverage and verdict matrix: every catalogue command × form × spec example, with the
// verdict of each cell and the scenarios behind it, found by their traceability tags.
// A cell's verdict is the worst of its scenarios; a cell no scenario covers says so.

import { COMMANDS } from '../catalogue/catalogue.ts';
import { SPEC_EXAMPLES } from '../catalogue/examples.ts';
import type { Form } from '../catalogue/types.ts';
import type { ScenarioResult } from './scenario-results.ts';
import { buildDeviceMatrix, type DeviceMatrix } from './device-matrix.ts';
import { VERDICTS, type Verdict } from './verdict.ts';

export type CellVerdict = Verdict | 'NOT COVERED';

/** Worst first: one FAIL makes the cell FAIL, then FLAKY; N/A only when nothing else ran. */
const SEVERITY: readonly Verdict[] = ['FAIL', 'FLAKY', 'INCONCLUSIVE', 'NON-STRICT', 'PASS', 'N/A'];

export interface ScenarioRef {
  /** Index into VerdictMatrix.scenarios; the HTML page's anchor is `scenario-<index>`. */
  index: number;
  name: string;
  uri: string;
  line?: number;
  verdict: Verdict;
}

export interface ExampleCell {
  id: string;
  line: string;
  verdict: CellVerdict;
  scenarios: ScenarioRef[];
}

export interface FormCell {
  form: Form;
  /** The spec supports the form (unsupported forms must answer ERROR: still a cell to cover). */
  supported: boolean;
  verdict: CellVerdict;
  counts: Record<Verdict, number>;
  scenarios: ScenarioRef[];
  examples: ExampleCell[];
}

export interface CommandRow {
  command: string;
  title: string;
  verdict: CellVerdict;
  counts: Record<Verdict, number>;
  forms: FormCell[];
}

export interface VerdictMatrix {
  format: 'sm-conformance-verdict-matrix/1';
  totals: Record<Verdict, number> & { scenarios: number };
  examples: { total: number; covered: number; uncovered: string[] };
  commands: CommandRow[];
  /** Scenarios no command tag places in a row (framing, robustness, smoke). */
  other: ScenarioRef[];
  scenarios: (ScenarioRef & { reasons: string[]; tags: string[]; errata: string[]; device?: string })[];
  /** Which device gave which verdict (one column for a run on one device). */
  devices: DeviceMatrix;
}

const FORMS: readonly Form[] = ['set', 'read', 'test'];

export function buildVerdictMatrix(results: readonly ScenarioResult[]): VerdictMatrix {
  const scenarios = results.map((result, index) => ({
    index, name: result.name, uri: result.uri, ...(result.line !== undefined ? { line: result.line } : {}), verdict: result.verdict,
    reasons: result.reasons, tags: result.tags, errata: result.errata, ...(result.device !== undefined ? { device: result.device } : {}),
  }));
  const refOf = (index: number): ScenarioRef => {
    const { reasons: _reasons, tags: _tags, errata: _errata, device: _device, ...ref } = scenarios[index]!;
    return ref;
  };
  const byExample = new Map<string, number[]>();
  const byCell = new Map<string, number[]>();
  const byCommand = new Map<string, number[]>();
  results.forEach((result, index) => {
    for (const example of result.trace.examples) append(byExample, example, index);
    if (result.trace.command) {
      append(byCommand, result.trace.command, index);
      if (result.trace.form) append(byCell, `${result.trace.command} ${result.trace.form}`, index);
    }
  });
  const commands: CommandRow[] = COMMANDS.map((command) => {
    const forms = FORMS.map((form): FormCell => {
      const examples = SPEC_EXAMPLES.filter((example) => example.section === command.name && example.form === form).map((example): ExampleCell => {
        const indexes = byExample.get(example.id) ?? [];
        return { id: example.id, line: example.line, verdict: worst(indexes.map((index) => results[index]!.verdict)), scenarios: indexes.map(refOf) };
      });
      const indexes = byCell.get(`${command.name} ${form}`) ?? [];
      const verdicts = indexes.map((index) => results[index]!.verdict);
      return { form, supported: command.forms[form].supported, verdict: worst(verdicts), counts: countOf(verdicts), scenarios: indexes.map(refOf), examples };
    });
    const verdicts = (byCommand.get(command.name) ?? []).map((index) => results[index]!.verdict);
    return { command: command.name, title: command.title, verdict: worst(verdicts), counts: countOf(verdicts), forms };
  });
  const uncovered = SPEC_EXAMPLES.filter((example) => !byExample.has(example.id)).map((example) => example.id);
  const all = results.map((result) => result.verdict);
  return {
    format: 'sm-conformance-verdict-matrix/1',
    totals: { ...countOf(all), scenarios: results.length },
    examples: { total: SPEC_EXAMPLES.length, covered: SPEC_EXAMPLES.length - uncovered.length, uncovered },
    commands,
    other: results.flatMap((result, index) => (result.trace.command ? [] : [refOf(index)])),
    scenarios,
    devices: buildDeviceMatrix(results),
  };
}

export function worst(verdicts: readonly Verdict[]): CellVerdict {
  if (verdicts.length === 0) return 'NOT COVERED';
  return SEVERITY.find((verdict) => verdicts.includes(verdict))!;
}

export function countOf(verdicts: readonly Verdict[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const verdict of verdicts) counts[verdict]++;
  return counts;
}

function append(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}
