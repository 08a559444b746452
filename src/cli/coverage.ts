// `sm-conformance coverage`: what the spec examples index holds, and with `--spec <file>`
// whether a spec page's examples still match it (drift check). Exit 0 agree, 1 drift,
// 2 unreadable file or bad usage.

import { readFile } from 'node:fs/promises';
import { parseOptions, optionValue } from './options.ts';
import { UsageError } from './usage-error.ts';
import { COMMANDS } from '../spec/catalogue.ts';
import { SPEC_EXAMPLES } from '../spec/examples.ts';
import { extractExamples } from '../spec/extract-examples.ts';
import { compareExamples, describeDrift } from '../spec/example-drift.ts';

function indexCounts(): string {
  const rows = COMMANDS.map((command) => {
    const examples = SPEC_EXAMPLES.filter((example) => example.section === command.name);
    const byForm = (['set', 'read', 'test'] as const)
      .map((form) => `${form} ${examples.filter((example) => example.form === form).length}`)
      .join(', ');
    return `${command.name.padEnd(14)} ${String(examples.length).padStart(2)} example${examples.length === 1 ? ' ' : 's'} (${byForm})`;
  });
  return [...rows, `${'total'.padEnd(14)} ${String(SPEC_EXAMPLES.length).padStart(2)} examples`].join('\n');
}

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
  const options = parseOptions(argv, { spec: { value: true } });
  if (options.positionals.length > 0) throw new UsageError(`unexpected argument '${options.positionals[0]}'`);
  const specPath = optionValue(options, 'spec');
  if (specPath === undefined) {
    output.out(`${indexCounts()}\n`);
    return 0;
  }
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
