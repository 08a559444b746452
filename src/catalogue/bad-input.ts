// Bad values for every parameter of a command's set form, derived from the catalogue's
// ParameterSpec data alone: below and above the domain, a value the listed ones skip,
// missing, empty, the wrong type, leading zeros, overlong or malformed strings, and for
// handles an unknown or closed one. Each bad value replaces one argument of a valid
// command line (the base), so the device can refuse it for that value only.
//
// Whether the device must refuse a value comes from parameter-domain.ts, the same rule the
// transcript's command checker applies: a value the spec forbids but the firmware accepts
// (ParameterSpec.firmwareRange / firmwareMaxBytes) carries the erratum that says so.

import type { CommandSpec, IntegerDomain, ParameterSpec, StringDomain } from './types.ts';
import { effectiveDomain, integerStatus, isHandleParameter, isIntegerToken, stringLengthStatus, type DomainStatus } from './parameter-domain.ts';
import { invocationOf } from './command-line.ts';

export type BadInputKind =
  | 'below' | 'above' | 'unlisted' | 'missing' | 'empty' | 'wrong-type' | 'leading-zeros'
  | 'overlong' | 'not-hex' | 'odd-hex' | 'unknown-handle' | 'closed-handle';

export interface BadInput {
  parameter: string;
  kind: BadInputKind;
  /** What is wrong, for the scenario's name, e.g. '<op> 3, above its values 1, 2'. */
  description: string;
  /** The whole command line, placeholders (`<handle>`) kept. */
  line: string;
  /** The spec forbids the value but this erratum says the firmware accepts it. */
  firmwareAcceptsAs?: string;
}

export interface BadInputOptions {
  /** The token of a handle that was open and is now closed (a scenario capture, e.g. '<closed>'). */
  closedHandle: string;
  /** A handle no socket can have. */
  unknownHandle: string;
  /** Parameters whose values outside the spec's domain the firmware does not refuse (no below/above/unlisted). */
  unrefused?: readonly string[];
}

/** A handle in the domain (range 0..) that no socket gets: the modem has 8 descriptors. */
export const UNKNOWN_HANDLE = '2147483647';

const PLACEHOLDER = /^<[A-Za-z][\w-]*>$/;
const QUOTED = /^"[^"]*"$/;

/**
 * The bad inputs of `command`'s set form, each derived from `base`, a valid command line
 * ('AT#XSEND=<handle>,0,0,"Test TCP"'). Several bases (e.g. one per mode) are merged, the
 * first one that yields a description keeping it.
 */
export function badInputs(command: CommandSpec, bases: readonly string[], options: BadInputOptions): BadInput[] {
  const form = command.forms.set;
  if (!form.supported) return [];
  const found = new Map<string, BadInput>();
  for (const base of bases) {
    const invocation = invocationOf(base);
    if (!invocation || invocation.command !== command.name || invocation.form !== 'set') throw new Error(`bad-input base '${base}' is not a set command of ${command.name}`);
    const tokens = invocation.arguments;
    if (tokens.length > form.parameters.length) throw new Error(`bad-input base '${base}' has more arguments than ${command.name} has parameters`);
    const values = valuesOf(form.parameters, tokens);
    form.parameters.forEach((parameter, index) => {
      // A parameter absent from the base can only be tried where it directly follows it.
      if (index > tokens.length) return;
      const baseToken = tokens[index] ?? defaultToken(parameter);
      for (const bad of derive(parameter, baseToken, values, options)) {
        if (found.has(bad.description)) continue;
        // `AT#XCLOSE=` is `AT#XCLOSE` to at_parser: an empty only argument is no argument.
        if (bad.kind === 'empty' && index === 0 && parameter.optional && form.parameters.length === 1) continue;
        const replaced = bad.token === undefined ? tokens.slice(0, index) : [...tokens.slice(0, index), bad.token, ...tokens.slice(index + 1)];
        found.set(bad.description, {
          parameter: parameter.name,
          kind: bad.kind,
          description: bad.description,
          line: `AT${command.name}=${replaced.join(',')}`,
          ...(bad.erratum ? { firmwareAcceptsAs: bad.erratum } : {}),
        });
      }
    });
  }
  return [...found.values()];
}

interface DerivedValue {
  kind: BadInputKind;
  description: string;
  /** undefined: the parameter (and every one after it) is left out. */
  token: string | undefined;
  erratum?: string;
}

function derive(parameter: ParameterSpec, baseToken: string | undefined, values: ReadonlyMap<string, number | string>, options: BadInputOptions): DerivedValue[] {
  const name = `<${parameter.name}>`;
  const { wire, domain } = effectiveDomain(parameter, values);
  const derived: DerivedValue[] = [];
  if (isRequired(parameter, values)) derived.push({ kind: 'missing', description: `${name} missing`, token: undefined });
  derived.push({ kind: 'empty', description: `${name} empty`, token: '' });
  if (wire !== 'string' && domain.kind === 'integer') {
    if (baseToken !== undefined) {
      derived.push({ kind: 'wrong-type', description: `${name} as a string "${baseToken}"`, token: `"${baseToken}"` });
      if ((isIntegerToken(baseToken) && !baseToken.startsWith('-')) || PLACEHOLDER.test(baseToken)) {
        derived.push({ kind: 'leading-zeros', description: `${name} with a leading zero 0${baseToken}`, token: `0${baseToken}` });
      }
    }
    if (!options.unrefused?.includes(parameter.name)) derived.push(...outOfDomain(parameter, domain));
    if (isHandleParameter(parameter.name)) {
      derived.push({ kind: 'unknown-handle', description: `${name} ${options.unknownHandle}, a handle no socket has`, token: options.unknownHandle });
      derived.push({ kind: 'closed-handle', description: `${name} of a closed socket`, token: options.closedHandle });
    }
  } else if (domain.kind === 'string') {
    // at_parser reads an unquoted [A-Za-z0-9]… token as a string, so only a signed number is the wrong type.
    derived.push({ kind: 'wrong-type', description: `${name} as the integer -1`, token: '-1' });
    derived.push(...malformedStrings(parameter, domain));
  }
  return derived;
}

function outOfDomain(parameter: ParameterSpec, domain: IntegerDomain): DerivedValue[] {
  const name = `<${parameter.name}>`;
  const listed = domain.values?.map((entry) => entry.value);
  const candidates: { kind: BadInputKind; value: number; why: string }[] = [];
  if (listed) {
    const low = Math.min(...listed);
    const high = Math.max(...listed);
    const shown = listed.join(', ');
    candidates.push({ kind: 'below', value: low - 1, why: `below its values ${shown}` });
    const gap = firstGap(listed);
    if (gap !== undefined) candidates.push({ kind: 'unlisted', value: gap, why: `between its values ${shown}` });
    candidates.push({ kind: 'above', value: high + 1, why: `above its values ${shown}` });
  } else {
    if (domain.min !== undefined) candidates.push({ kind: 'below', value: domain.min - 1, why: `below its minimum ${domain.min}` });
    if (domain.max !== undefined) candidates.push({ kind: 'above', value: domain.max + 1, why: `above its maximum ${domain.max}` });
  }
  return candidates.flatMap(({ kind, value, why }) => {
    const status = integerStatus(domain, value);
    if (status.inSpec) return [];
    return [{ kind, description: `${name} ${value}, ${why}`, token: String(value), ...acceptedBy(parameter, status) }];
  });
}

function malformedStrings(parameter: ParameterSpec, domain: StringDomain): DerivedValue[] {
  const name = `<${parameter.name}>`;
  const derived: DerivedValue[] = [];
  if (domain.format === 'hex') {
    derived.push({ kind: 'not-hex', description: `${name} with a character that is not hex`, token: '"4G"' });
    derived.push({ kind: 'odd-hex', description: `${name} with an odd count of hex digits`, token: '"ABC"' });
  }
  // Lengths the spec forbids: one past its limit (two for hex, to stay even), and up to
  // the firmware's limit when the firmware accepts more (an erratum).
  const specMax = domain.maxBytes;
  if (specMax === undefined) return derived;
  const step = domain.format === 'hex' ? 2 : 1;
  const lengths = new Set<number>([specMax + step]);
  const firmwareMax = domain.firmwareMaxBytes;
  if (firmwareMax !== undefined && firmwareMax > specMax) lengths.add(firmwareMax).add(firmwareMax + step);
  for (const length of [...lengths].sort((a, b) => a - b)) {
    const status = stringLengthStatus(domain, length);
    if (status.inSpec) continue;
    derived.push({ kind: 'overlong', description: `${name} of ${length} characters, over the ${specMax} the spec allows`, token: `"${filler(domain, length)}"`, ...acceptedBy(parameter, status) });
  }
  return derived;
}

/** The erratum under which the firmware accepts a value the spec forbids. */
function acceptedBy(parameter: ParameterSpec, status: DomainStatus): { erratum?: string } {
  if (!status.inFirmware) return {};
  const erratum = parameter.errata?.[0];
  if (!erratum) throw new Error(`<${parameter.name}>: the firmware accepts a value the spec forbids, but the catalogue names no erratum`);
  return { erratum };
}

function filler(domain: StringDomain, length: number): string {
  if (domain.format === 'hex') return 'AB'.repeat(length / 2);
  // A plausible host name: labels of letters joined by dots, cut to the length.
  return 'abcdefghi.'.repeat(Math.ceil(length / 10)).slice(0, length - 1) + 'z';
}

function firstGap(listed: readonly number[]): number | undefined {
  const sorted = [...listed].sort((a, b) => a - b);
  for (let index = 1; index < sorted.length; index += 1) {
    if (sorted[index]! - sorted[index - 1]! > 1) return sorted[index - 1]! + 1;
  }
  return undefined;
}

function isRequired(parameter: ParameterSpec, values: ReadonlyMap<string, number | string>): boolean {
  const condition = parameter.requiredWhen;
  if (condition) return condition.values.includes(values.get(condition.parameter) as number);
  return !parameter.optional;
}

function defaultToken(parameter: ParameterSpec): string | undefined {
  if (parameter.default === undefined) return undefined;
  return typeof parameter.default === 'number' ? String(parameter.default) : `"${parameter.default}"`;
}

/** Values of the base's literal arguments, for conditions (requiredWhen, variants). */
function valuesOf(parameters: readonly ParameterSpec[], tokens: readonly string[]): Map<string, number | string> {
  const values = new Map<string, number | string>();
  tokens.forEach((token, index) => {
    const parameter = parameters[index];
    if (!parameter) return;
    if (isIntegerToken(token)) values.set(parameter.name, Number(token));
    else if (QUOTED.test(token)) values.set(parameter.name, token.slice(1, -1));
  });
  return values;
}
