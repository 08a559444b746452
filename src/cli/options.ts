// A small, strict option parser for the CLI: every subcommand's options are declared in
// the command table (src/cli/command-table.ts), and anything undeclared or outside an
// option's allowed values is a UsageError (one line, exit 2) instead of being ignored.

import { UsageError } from '../blame/usage-error.ts';
import type { OptionSpec } from './command-table.ts';

export interface ParsedOptions {
  values: Map<string, string[]>;
  flags: Set<string>;
  positionals: string[];
}

export function parseOptions(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>): ParsedOptions {
  const parsed: ParsedOptions = { values: new Map(), flags: new Set(), positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '-') {
      if (/^-[^-]/.test(arg)) throw new UsageError(`unknown option ${arg}`);
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.value === undefined) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      parsed.flags.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
    if (spec.allowed && !spec.allowed.includes(value)) throw new UsageError(`unknown ${name} '${value}' (--${name} is one of: ${spec.allowed.join(', ')})`);
    const previous = parsed.values.get(name);
    if (previous && !spec.repeatable) throw new UsageError(`option --${name} given twice`);
    parsed.values.set(name, [...(previous ?? []), value]);
  }
  return parsed;
}

/** Whether `--help` or `-h` stands where an option could (not as the value of one). */
export function asksForHelp(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return true;
    if (arg === '--') return false;
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (name !== undefined && Object.hasOwn(specs, name) && specs[name]!.value !== undefined) i++;
  }
  return false;
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
