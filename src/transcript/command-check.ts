// Judges one command line against the spec's syntax: the form, the parameter count and
// each parameter's type and domain, all read from the catalogue's ParameterSpec data, so a
// parameter added to the catalogue is checked here without a change.
//
// Whether a deviation is a FAIL depends on the device's answer, known only later: an
// invalid command the device refused is a negative test (WARN), one it accepted is a FAIL.
// Each issue therefore says how the answer decides (see verdictFor).

import type { CommandSpec, Form, IntegerDomain, ParameterSpec, StringDomain } from '../catalogue/types.ts';
import { isHexText } from '../at/wire-text.ts';
import { effectiveDomain, integerStatus, isHandleParameter, isIntegerToken, stringLengthStatus, WIRE_RANGE } from '../catalogue/parameter-domain.ts';
import { commandByName } from '../catalogue/catalogue.ts';
import { invocationOf, type Invocation } from '../catalogue/command-line.ts';
import type { FindingVerdict, RuleId } from './finding.ts';

/**
 * invalid: outside the spec; the firmware should refuse it.
 * firmware-accepts: outside the spec, but an erratum says the firmware takes it.
 * firmware-refuses: inside the spec, but an erratum says the firmware refuses it.
 */
export type IssueKind = 'invalid' | 'firmware-accepts' | 'firmware-refuses';

export interface CommandIssue {
  rule: RuleId;
  kind: IssueKind;
  message: string;
  erratum?: string;
}

export interface CheckedCommand {
  /** The command line as given. */
  text: string;
  invocation?: Invocation;
  spec?: CommandSpec;
  /** Values of the parameters that parsed (integers as numbers, strings unquoted). */
  values: ReadonlyMap<string, number | string>;
  /** The socket handles the command names (parameters `handle`, `handle1` ...), in order. */
  handles: readonly number[];
  issues: readonly CommandIssue[];
}

/** The verdict of an issue once the final result code is known (undefined: no finding). */
export function verdictFor(kind: IssueKind, accepted: boolean): FindingVerdict | undefined {
  if (kind === 'invalid') return accepted ? 'FAIL' : 'WARN';
  if (kind === 'firmware-accepts') return accepted ? 'NON-STRICT' : 'WARN';
  return accepted ? undefined : 'NON-STRICT';
}

const BASIC_COMMAND = /^AT(E[01])?$/i;
const QUOTED_TOKEN = /^"[^"]*"$/;
const UNQUOTED_STRING_TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.+\- ]*$/;

const NO_HANDLES: readonly number[] = [];

export function checkCommandLine(text: string): CheckedCommand {
  const values = new Map<string, number | string>();
  if (BASIC_COMMAND.test(text)) return { text, values, handles: NO_HANDLES, issues: [] };
  // "AT" may be any case; command names may not (firmware-notes §1.1).
  const invocation = invocationOf(/^at/i.test(text) ? `AT${text.slice(2)}` : text);
  if (!invocation) {
    return { text, values, handles: NO_HANDLES, issues: [{ rule: 'command.syntax', kind: 'invalid', message: `'${text}' is not an AT command line (AT<sep><name>[=<parameters>|?|=?], no spaces around '=')` }] };
  }
  const spec = commandByName(invocation.command);
  if (!spec) {
    const meant = commandByName(invocation.command.toUpperCase());
    if (!meant) return { text, invocation, values, handles: NO_HANDLES, issues: [] }; // a modem command, not the spec's
    return { text, invocation, values, handles: NO_HANDLES, issues: [{ rule: 'command.syntax', kind: 'invalid', message: `'${text}': SM's command names are case-sensitive, write ${meant.name}` }] };
  }
  const form = spec.forms[invocation.form];
  if (!form.supported) {
    return { text, invocation, spec, values, handles: NO_HANDLES, issues: [{ rule: 'command.form', kind: 'invalid', message: `${spec.name}: ${form.requirement}` }] };
  }
  const issues: CommandIssue[] = [];
  checkParameters(form.parameters, argumentsOf(invocation), values, issues);
  const handles = [...values].flatMap(([name, value]) => (isHandleParameter(name) && typeof value === 'number' ? [value] : []));
  return { text, invocation, spec, values, handles, issues };
}

/** `AT#XCLOSE=` has the same (empty) argument list as `AT#XCLOSE` in at_parser. */
function argumentsOf(invocation: Invocation): readonly string[] {
  const [only] = invocation.arguments;
  return invocation.arguments.length === 1 && only === '' ? [] : invocation.arguments;
}

function checkParameters(parameters: readonly ParameterSpec[], tokens: readonly string[], values: Map<string, number | string>, issues: CommandIssue[]): void {
  if (tokens.length > parameters.length) {
    issues.push({ rule: 'command.parameter-count', kind: 'invalid', message: `${tokens.length} parameters, the syntax allows at most ${parameters.length}` });
  }
  parameters.forEach((parameter, index) => {
    const token = tokens[index];
    if (token !== undefined) {
      checkValue(parameter, index, token, values, issues);
      return;
    }
    const condition = parameter.requiredWhen;
    const conditionMet = condition !== undefined && condition.values.includes(values.get(condition.parameter) as number);
    if (conditionMet || (!parameter.optional && !condition)) {
      const why = conditionMet ? ` when <${condition.parameter}> is ${values.get(condition.parameter)}` : '';
      issues.push({ rule: 'command.parameter-count', kind: 'invalid', message: `<${parameter.name}> is missing; the syntax requires it${why}` });
    } else if (!parameter.optional) {
      // The syntax shows it without brackets, but the catalogue knows it is needed only sometimes.
      issues.push({ rule: 'command.parameter-count', kind: 'firmware-accepts', message: `<${parameter.name}> is missing; the syntax shows it as mandatory`, ...erratumOf(parameter) });
    }
  });
}

function erratumOf(parameter: ParameterSpec): { erratum?: string } {
  const [first] = parameter.errata ?? [];
  return first ? { erratum: first } : {};
}

function checkValue(parameter: ParameterSpec, index: number, rawToken: string, values: Map<string, number | string>, issues: CommandIssue[]): void {
  // at_parser allows one space before a parameter, never after it.
  const token = index > 0 && rawToken.startsWith(' ') ? rawToken.slice(1) : rawToken;
  const { wire, domain } = effectiveDomain(parameter, values);
  const name = `<${parameter.name}>`;
  if (wire !== 'string') {
    if (!isIntegerToken(token)) {
      issues.push({ rule: 'command.parameter-type', kind: 'invalid', message: `${name} must be an integer, not '${rawToken}'` });
      return;
    }
    const value = Number(token);
    values.set(parameter.name, value);
    const wireRange = WIRE_RANGE[wire];
    if (value < wireRange.min || value > wireRange.max) {
      issues.push({ rule: 'command.parameter-domain', kind: 'invalid', message: `${name} ${value} is outside the ${wire} range ${wireRange.min}..${wireRange.max}` });
      return;
    }
    if (domain.kind === 'integer') checkInteger(parameter, domain, value, issues);
    return;
  }
  let text: string;
  if (QUOTED_TOKEN.test(token)) text = token.slice(1, -1);
  else if (UNQUOTED_STRING_TOKEN.test(token)) {
    text = token;
    issues.push({ rule: 'command.parameter-type', kind: 'firmware-accepts', message: `${name} should be a quoted string, not '${rawToken}' (at_parser tolerates some unquoted text)` });
  } else {
    issues.push({ rule: 'command.parameter-type', kind: 'invalid', message: `${name} must be a quoted string, not '${rawToken}'` });
    return;
  }
  values.set(parameter.name, text);
  if (domain.kind === 'string') checkString(parameter, domain, text, issues);
}

function checkInteger(parameter: ParameterSpec, domain: IntegerDomain, value: number, issues: CommandIssue[]): void {
  const status = integerStatus(domain, value);
  if (status.inSpec) return;
  const listed = domain.values?.map((entry) => entry.value);
  const allowed = listed ? `one of ${listed.join(', ')}` : `in ${domain.min ?? '-∞'}..${domain.max ?? '∞'}`;
  const message = `<${parameter.name}> ${value} is not ${allowed}`;
  if (status.inFirmware) {
    issues.push({ rule: 'command.parameter-domain', kind: 'firmware-accepts', message, ...erratumOf(parameter) });
  } else {
    issues.push({ rule: 'command.parameter-domain', kind: 'invalid', message });
  }
}

function checkString(parameter: ParameterSpec, domain: StringDomain, text: string, issues: CommandIssue[]): void {
  const name = `<${parameter.name}>`;
  if (domain.format === 'hex' && !isHexText(text)) {
    issues.push({ rule: 'command.parameter-domain', kind: 'invalid', message: `${name} must be an even number of hex digits` });
    return;
  }
  const length = Buffer.byteLength(text, 'utf8');
  const specMax = domain.maxBytes ?? Infinity;
  const firmwareMax = domain.firmwareMaxBytes ?? specMax;
  const status = stringLengthStatus(domain, length);
  if (status.inSpec && status.inFirmware) return;
  if (!status.inSpec && !status.inFirmware) {
    issues.push({ rule: 'command.parameter-domain', kind: 'invalid', message: `${name} is ${length} bytes, more than the ${specMax} the spec allows` });
  } else if (!status.inSpec) {
    issues.push({ rule: 'command.parameter-domain', kind: 'firmware-accepts', message: `${name} is ${length} bytes, more than the ${specMax} the spec allows`, ...erratumOf(parameter) });
  } else {
    issues.push({ rule: 'command.parameter-domain', kind: 'firmware-refuses', message: `${name} is ${length} bytes: the spec allows up to ${specMax}, the firmware ${firmwareMax}`, ...erratumOf(parameter) });
  }
}
