// A small, strict option parser for the CLI: every subcommand declares its options, and
// anything undeclared is a UsageError (one line, exit 2) instead of being ignored.

import { UsageError } from '../blame/usage-error.ts';

export interface OptionSpec {
  /** Takes a value (`--baud 115200`); otherwise a flag (`--strict`). */
  value?: boolean;
  /** May be given several times; values are collected in order. */
  repeatable?: boolean;
}

export interface ParsedOptions {
  values: Map<string, string[]>;
  flags: Set<string>;
  positionals: string[];
}

export function parseOptions(argv: readonly string[], specs: Record<string, OptionSpec>): ParsedOptions {
  const parsed: ParsedOptions = { values: new Map(), flags: new Set(), positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (!spec.value) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      parsed.flags.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
    const previous = parsed.values.get(name);
    if (previous && !spec.repeatable) throw new UsageError(`option --${name} given twice`);
    parsed.values.set(name, [...(previous ?? []), value]);
  }
  return parsed;
}

export function optionValue(parsed: ParsedOptions, name: string): string | undefined {
  return parsed.values.get(name)?.[0];
}

export function integerOption(parsed: ParsedOptions, name: string, min: number, max: number): number | undefined {
  const text = optionValue(parsed, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`option --${name} must be an integer from ${min} to ${max}, not '${text}'`);
  }
  return Number(text);
}
