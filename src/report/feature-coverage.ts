// What the feature files cover, read from their traceability tags before anything runs:
// which spec examples have a scenario (`@example:XSEND-2`) and which command × form cells
// (`@XSEND` with `@set|@read|@test`, tags inherited from Feature, Rule and Examples as
// cucumber compiles them). `sm-conformance coverage` fails when an example has none.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import gherkin from '@cucumber/gherkin';
import { COMMANDS } from '../catalogue/catalogue.ts';
import { SPEC_EXAMPLES } from '../catalogue/examples.ts';
import type { Form } from '../catalogue/types.ts';
import { traceabilityOf, type Traceability } from './traceability-tags.ts';

export interface FeatureScenario {
  /** Path of the feature file relative to the directory read. */
  uri: string;
  name: string;
  tags: string[];
  trace: Traceability;
}

export class FeatureReadError extends Error {}

/** Every scenario (one per Examples row) of every .feature file below `directory`. */
export async function readFeatureScenarios(directory: string): Promise<FeatureScenario[]> {
  const files = (await featureFiles(directory)).sort();
  const scenarios: FeatureScenario[] = [];
  for (const file of files) {
    const uri = relative(directory, file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new FeatureReadError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    scenarios.push(...scenariosOf(text, uri));
  }
  return scenarios;
}

async function featureFiles(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw new FeatureReadError(`cannot read the features directory ${directory}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const nested = await Promise.all(entries.map(async (entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return featureFiles(path);
    return entry.isFile() && entry.name.endsWith('.feature') ? [path] : [];
  }));
  return nested.flat();
}

function scenariosOf(text: string, uri: string): FeatureScenario[] {
  let next = 0;
  const newId = () => String(next++);
  const parser = new gherkin.Parser(new gherkin.AstBuilder(newId), new gherkin.GherkinClassicTokenMatcher());
  let document;
  try {
    document = parser.parse(text);
  } catch (error) {
    throw new FeatureReadError(`${uri}: ${(error as Error).message.split('\n', 1)[0]}`);
  }
  return gherkin.compile(document, uri, newId).map((pickle) => {
    const tags = pickle.tags.map((tag) => tag.name);
    return { uri, name: pickle.name, tags, trace: traceabilityOf(tags) };
  });
}

export interface CoverageCell {
  command: string;
  form: Form;
  /** The spec supports the form; an unsupported one is covered by a scenario asserting ERROR. */
  supported: boolean;
  scenarios: number;
  examples: { id: string; scenarios: number }[];
}

export interface FeatureCoverage {
  scenarios: number;
  examples: { total: number; covered: number; uncovered: string[] };
  cells: CoverageCell[];
  uncoveredCells: string[];
  /** `@example:` tags naming no example of the index (a typo would hide a gap). */
  unknownExamples: { id: string; uri: string; name: string }[];
}

const FORMS: readonly Form[] = ['set', 'read', 'test'];

export function featureCoverage(scenarios: readonly FeatureScenario[]): FeatureCoverage {
  const known = new Set(SPEC_EXAMPLES.map((example) => example.id));
  const perExample = new Map<string, number>();
  const perCell = new Map<string, number>();
  const unknownExamples: FeatureCoverage['unknownExamples'] = [];
  for (const scenario of scenarios) {
    for (const id of scenario.trace.examples) {
      if (known.has(id)) perExample.set(id, (perExample.get(id) ?? 0) + 1);
      else unknownExamples.push({ id, uri: scenario.uri, name: scenario.name });
    }
    const { command, form } = scenario.trace;
    if (command && form) perCell.set(`${command} ${form}`, (perCell.get(`${command} ${form}`) ?? 0) + 1);
  }
  const cells = COMMANDS.flatMap((command) => FORMS.map((form): CoverageCell => ({
    command: command.name,
    form,
    supported: command.forms[form].supported,
    scenarios: perCell.get(`${command.name} ${form}`) ?? 0,
    examples: SPEC_EXAMPLES.filter((example) => example.section === command.name && example.form === form)
      .map((example) => ({ id: example.id, scenarios: perExample.get(example.id) ?? 0 })),
  })));
  const uncovered = SPEC_EXAMPLES.filter((example) => !perExample.has(example.id)).map((example) => example.id);
  return {
    scenarios: scenarios.length,
    examples: { total: SPEC_EXAMPLES.length, covered: SPEC_EXAMPLES.length - uncovered.length, uncovered },
    cells,
    uncoveredCells: cells.filter((cell) => cell.scenarios === 0).map((cell) => `${cell.command} ${cell.form}`),
    unknownExamples,
  };
}

/** Whether the features cover everything: every example, every command × form, no unknown example tag. */
export function isComplete(coverage: FeatureCoverage): boolean {
  return coverage.examples.uncovered.length === 0 && coverage.uncoveredCells.length === 0 && coverage.unknownExamples.length === 0;
}

/** A table per command (examples covered, scenarios per form), then the totals and every gap. */
export function describeCoverage(coverage: FeatureCoverage): string {
  const rows = COMMANDS.map((command) => {
    const cells = coverage.cells.filter((cell) => cell.command === command.name);
    const examples = cells.flatMap((cell) => cell.examples);
    const covered = examples.filter((example) => example.scenarios > 0).length;
    const forms = cells.map((cell) => `${cell.scenarios === 0 ? '-' : String(cell.scenarios)}${cell.supported ? '' : '*'}`.padStart(6));
    return `${command.name.padEnd(14)} ${`${covered}/${examples.length}`.padStart(8)} ${forms.join('')}`;
  });
  const cellsCovered = coverage.cells.length - coverage.uncoveredCells.length;
  const lines = [
    `${'command'.padEnd(14)} ${'examples'.padStart(8)} ${'set'.padStart(6)}${'read'.padStart(6)}${'test'.padStart(6)}`,
    ...rows,
    '(scenarios per form; * the spec does not support the form: its scenarios assert ERROR)',
    '',
    `scenarios: ${coverage.scenarios}`,
    `spec examples covered: ${coverage.examples.covered}/${coverage.examples.total}`,
    `command × form covered: ${cellsCovered}/${coverage.cells.length}`,
  ];
  if (coverage.examples.uncovered.length > 0) lines.push(`examples with no scenario: ${coverage.examples.uncovered.join(', ')}`);
  if (coverage.uncoveredCells.length > 0) lines.push(`command × form with no scenario: ${coverage.uncoveredCells.join(', ')}`);
  for (const unknown of coverage.unknownExamples) lines.push(`unknown example tag @example:${unknown.id} in ${unknown.uri} (${unknown.name})`);
  return lines.join('\n');
}
