// The sm-conformance command (CLI contract in the design). Each subcommand lives in its
// own module under src/cli/ and is loaded only when asked for, so `coverage` or
// `validate` never pay for the emulator or cucumber.

import { UsageError } from './blame/usage-error.ts';

type Subcommand = (argv: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<Subcommand> }> = {
  run: { summary: 'run the conformance suite against a device', load: async () => (await import('./cli/run.ts')).run },
  emulate: { summary: 'serve the SM emulator on a pseudo-terminal or TCP port', load: async () => (await import('./cli/emulate.ts')).emulate },
  peers: { summary: 'start the loopback echo peers and print their ports', load: async () => (await import('./cli/peers.ts')).peers },
  validate: { summary: 'validate a captured AT session offline', load: async () => (await import('./cli/validate.ts')).validate },
  coverage: { summary: 'report spec example and command/form coverage', load: async () => (await import('./cli/coverage.ts')).coverage },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`);
  return ['usage: sm-conformance <command> [options]', '', 'commands:', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) {
    process.stderr.write(`sm-conformance: unknown command '${name}' (try --help)\n`);
    return 2;
  }
  try {
    const runSubcommand = await subcommand.load();
    return await runSubcommand(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`sm-conformance ${name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sm-conformance ${name}: ${message}\n`);
    if (process.env.SM_CONFORMANCE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}
