// The sm-conformance command (CLI contract in the design). Each subcommand lives in its
// own module under src/cli/ and is loaded only when asked for, so `coverage` or
// `validate` never pay for the emulator or cucumber; `--help` and `--version` load none.

import { readFileSync } from 'node:fs';
import { UsageError } from './blame/usage-error.ts';
import { commandHelp, mainHelp } from './cli/command-help.ts';
import { COMMANDS, isCommandName, type CommandName } from './cli/command-table.ts';
import { asksForHelp } from './cli/options.ts';

type Subcommand = (argv: string[]) => Promise<number>;

const SUBCOMMANDS: Record<CommandName, () => Promise<Subcommand>> = {
  run: async () => (await import('./cli/run.ts')).run,
  emulate: async () => (await import('./cli/emulate.ts')).emulate,
  peers: async () => (await import('./cli/peers.ts')).peers,
  validate: async () => (await import('./cli/validate.ts')).validate,
  coverage: async () => (await import('./cli/coverage.ts')).coverage,
  diff: async () => (await import('./cli/diff.ts')).diff,
  merge: async () => (await import('./cli/merge.ts')).merge,
};

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    process.stdout.write(`sm-conformance ${packageVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const helpFor = name === 'help' ? rest[0] : undefined;
    process.stdout.write(`${helpFor !== undefined && isCommandName(helpFor) ? commandHelp(helpFor) : mainHelp(packageVersion())}\n`);
    return name === undefined ? 2 : 0;
  }
  if (!isCommandName(name)) {
    process.stderr.write(`sm-conformance: unknown command '${name}' (try sm-conformance --help)\n`);
    return 2;
  }
  if (asksForHelp(rest, COMMANDS[name].options)) {
    process.stdout.write(`${commandHelp(name)}\n`);
    return 0;
  }
  try {
    const runSubcommand = await SUBCOMMANDS[name]();
    return await runSubcommand(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`sm-conformance ${name}: ${error.message} (sm-conformance ${name} --help lists the options)\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sm-conformance ${name}: ${message.split('\n')[0]}\n`);
    if (process.env.SM_CONFORMANCE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}
