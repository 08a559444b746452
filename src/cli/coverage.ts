// `sm-conformance coverage`: which spec examples and command × form cells the feature
// files cover, by their tags (`--features <dir>`, default `features`); exit 1 when an
// example or a cell has no scenario. With `--spec <file>`: whether a spec page's examples
// still match the examples index (drift check), exit 1 on drift. Exit 2: unreadable file,
// feature that does not parse, or bad usage.

import { readFile } from 'node:fs/promises';
import { COMMANDS } from './command-table.ts';
import { parseOptions, optionValue } from './options.ts';
import { UsageError } from '../blame/usage-error.ts';
import { SPEC_EXAMPLES } from '../catalogue/examples.ts';
import { extractExamples } from '../catalogue/extract-examples.ts';
import { compareExamples, describeDrift } from '../catalogue/example-drift.ts';
import { describeCoverage, featureCoverage, FeatureReadError, isComplete, readFeatureScenarios } from '../report/feature-coverage.ts';

/** Where the subcommand writes; the process streams unless a test captures them. */
export interface CoverageOutput {
  out(text: string): void;
  err(text: string): void;
}

const PROCESS_OUTPUT: CoverageOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export async function coverage(argv: string[], output: CoverageOutput = PROCESS_OUTPUT): Promise<number> {
  const options = parseOptions(argv, COMMANDS.coverage.options);
  if (options.positionals.length > 0) throw new UsageError(`unexpected argument '${options.positionals[0]}'`);
  const specPath = optionValue(options, 'spec');
  if (specPath !== undefined && optionValue(options, 'features') !== undefined) throw new UsageError('give --spec (drift check) or --features (coverage), not both');
  if (specPath === undefined) return featuresCoverage(optionValue(options, 'features') ?? 'features', output);
  let text: string;
  try {
    text = await readFile(specPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    output.err(`sm-conformance coverage: cannot read spec file ${specPath}: ${reason}\n`);
    return 2;
  }
  const found = extractExamples(text);
  const drifts = compareExamples(found, SPEC_EXAMPLES);
  output.out(`${describeDrift(drifts, found.length, SPEC_EXAMPLES.length)}\n`);
  return drifts.length === 0 ? 0 : 1;
}

async function featuresCoverage(directory: string, output: CoverageOutput): Promise<number> {
  let scenarios;
  try {
    scenarios = await readFeatureScenarios(directory);
  } catch (error) {
    if (!(error instanceof FeatureReadError)) throw error;
    output.err(`sm-conformance coverage: ${error.message}\n`);
    return 2;
  }
  const coverage = featureCoverage(scenarios);
  output.out(`${describeCoverage(coverage)}\n`);
  return isComplete(coverage) ? 0 : 1;
}
