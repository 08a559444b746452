// What a report says first about a scenario that was not a plain PASS: the verdict with its
// whole reason, expected vs observed, the spec example it checks and the text of the erratum
// that applies, all inside the report (no link to a sibling file). A stack trace belongs
// only to a scenario in which the harness itself broke, and then with its own frames first.

import { erratumById } from '../catalogue/errata.ts';
import { exampleById } from '../catalogue/examples.ts';
import { escapeMarkup } from './markup-escape.ts';
import type { ScenarioResult, StepOutcome } from './scenario-results.ts';

export interface ExpectedObserved {
  expected: string;
  observed: string;
}

/** Errors a step throws when our own code is wrong, not the device. */
const HARNESS_ERROR_TYPES = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError', 'EvalError', 'URIError']);

/** The step whose error failed the scenario, if one threw. */
export function failingStep(scenario: ScenarioResult): StepOutcome | undefined {
  return scenario.steps.find((step) => step.status === 'FAILED');
}

/**
 * The harness broke when a step definition is missing, ambiguous or pending, or when our own
 * code threw a programming error; a device's wrong answer is an ordinary Error from a check.
 */
export function harnessBroke(scenario: ScenarioResult): boolean {
  if (['UNDEFINED', 'AMBIGUOUS', 'PENDING'].includes(scenario.status)) return true;
  return isHarnessError(failingStep(scenario)?.exceptionType);
}

/** Whether a thrown error of this class (`TypeError`, …) means our own code is wrong. */
export function isHarnessError(type: string | undefined): boolean {
  return type !== undefined && HARNESS_ERROR_TYPES.has(type);
}

/**
 * A failed scenario's whole story for a report's failure text: the verdict's lead, and after
 * it the stack (our frames first) only when the harness itself broke.
 */
export function failureText(scenario: ScenarioResult): string {
  const stack = harnessBroke(scenario) ? failingStep(scenario)?.stack : undefined;
  return stack ? `${verdictLead(scenario)}\n\n${projectFirstStack(stack)}` : verdictLead(scenario);
}

/** `… expected X; got Y` as the checks word it, split into its two sides. */
export function expectedObserved(reason: string): ExpectedObserved | undefined {
  const match = /expected (.+?);? got (.+)$/s.exec(reason);
  return match ? { expected: match[1]!.replace(/[;,]\s*$/, ''), observed: match[2]! } : undefined;
}

/** The verdict's lead in plain text: the verdict line, then one line per fact. */
export function verdictLead(scenario: ScenarioResult): string {
  const lines = [`${scenario.verdict}: ${scenario.reasons.join('; ') || scenario.message?.split('\n', 1)[0] || 'no reason recorded'}`];
  for (const reason of scenario.reasons) {
    const sides = expectedObserved(reason);
    if (sides) lines.push(`expected: ${sides.expected}`, `observed: ${sides.observed}`);
  }
  lines.push(`checks: ${scenario.name}`);
  for (const id of scenario.trace.examples) {
    const example = exampleById(id);
    if (example) lines.push(`spec example ${id} (${example.section}): ${[example.line, ...example.response].join(' / ')}`);
  }
  for (const id of errataOf(scenario)) {
    const erratum = erratumById(id);
    if (erratum) lines.push(`erratum ${id}: the spec says "${erratum.specText}"; the firmware: ${erratum.firmware}`);
  }
  return lines.join('\n');
}

/** The same facts as HTML for a report page's description, every text escaped. */
export function verdictDescriptionHtml(scenario: ScenarioResult): string {
  const parts = [`<p><b>${escapeMarkup(scenario.verdict)}</b>${scenario.reasons.length > 0 ? `: ${escapeMarkup(scenario.reasons.join('; '))}` : ''}</p>`];
  for (const reason of scenario.reasons) {
    const sides = expectedObserved(reason);
    if (sides) parts.push(`<p>expected: <code>${escapeMarkup(sides.expected)}</code><br>observed: <code>${escapeMarkup(sides.observed)}</code></p>`);
  }
  for (const id of scenario.trace.examples) {
    const example = exampleById(id);
    if (!example) continue;
    const text = [example.line, ...example.response, ...(example.payload !== undefined ? [example.payload] : [])].join('\n');
    parts.push(`<p>spec example <b>${escapeMarkup(id)}</b> (${escapeMarkup(example.section)}):</p><pre>${escapeMarkup(text)}</pre>`);
  }
  for (const id of errataOf(scenario)) {
    const erratum = erratumById(id);
    if (!erratum) continue;
    parts.push(`<p>erratum <b>${escapeMarkup(id)}</b>: the spec says <q>${escapeMarkup(erratum.specText)}</q>; the firmware: ${escapeMarkup(erratum.firmware)}</p>`);
  }
  return parts.join('\n');
}

/** The errata the verdict names, then those the scenario is tagged with. */
export function errataOf(scenario: ScenarioResult): string[] {
  return [...new Set([...scenario.errata, ...scenario.trace.errata])];
}

/** The error's first line, without the `Error: ` the stack trace starts with. */
export function errorMessage(message: string): string {
  return message.split('\n    at ', 1)[0]!.replace(/^(\w*Error): /, (prefix, type: string) => (type === 'Error' ? '' : prefix)).trim();
}

/**
 * A failed step's error as a page shows it: the check's message alone when the device is to
 * blame; the stack, our frames first, only when our own code threw (a TypeError, …).
 */
export function shownError(message: string, type: string | undefined, stack: string | undefined): string {
  return isHarnessError(type) ? projectFirstStack(stack ?? message) : errorMessage(message);
}

/** A stack with the project's own frames first and the dependencies' frames after them. */
export function projectFirstStack(stack: string): string {
  const lines = stack.split('\n');
  const head = lines.filter((line) => !/^\s+at /.test(line));
  const frames = lines.filter((line) => /^\s+at /.test(line));
  const ours = frames.filter((line) => !line.includes('node_modules') && !line.includes('node:internal'));
  const theirs = frames.filter((line) => !ours.includes(line));
  return [...head, ...ours, ...theirs].join('\n');
}
