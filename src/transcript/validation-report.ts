// Gathers what a validation found in bounded memory: counts per rule and verdict, the
// first findings with their context lines, and a few examples per rule for JUnit. Every
// finding is also handed on (e.g. to the JSON stream), so nothing needs to be kept whole.

import type { ContextLine, ContextRing } from './context-ring.ts';
import { RULES, type Finding, type FindingVerdict, type RuleId } from './finding.ts';

export interface ShownFinding extends Finding {
  context: ContextLine[];
}

export type VerdictCounts = Record<FindingVerdict, number>;

export interface ValidationSummary {
  input: string;
  format: 'transcript' | 'terminal';
  lines: number;
  /** Lines skipped as no AT traffic (log and REPL chatter). */
  skipped: number;
  bytes: number;
  commands: number;
  totals: VerdictCounts;
  byRule: Partial<Record<RuleId, VerdictCounts>>;
  /** The firmware generation whose syntax the log uses, when it is not the spec's (told first). */
  generation?: Finding;
  /** The first findings in input order, with the lines before them. */
  first: ShownFinding[];
  /** Up to `examplesPerRule` findings of each rule (for JUnit). */
  examples: Partial<Record<RuleId, Finding[]>>;
}

function zeroCounts(): VerdictCounts {
  return { FAIL: 0, 'NON-STRICT': 0, WARN: 0 };
}

export interface ValidationReportOptions {
  firstCount?: number;
  examplesPerRule?: number;
  contextLines?: number;
}

export class ValidationReport {
  readonly summary: ValidationSummary;
  private readonly firstCount: number;
  private readonly examplesPerRule: number;
  private readonly contextLines: number;

  constructor(input: string, format: ValidationSummary['format'], private readonly context: ContextRing | undefined, options: ValidationReportOptions = {}) {
    this.firstCount = options.firstCount ?? 10;
    this.examplesPerRule = options.examplesPerRule ?? 20;
    this.contextLines = options.contextLines ?? 3;
    this.summary = { input, format, lines: 0, skipped: 0, bytes: 0, commands: 0, totals: zeroCounts(), byRule: {}, first: [], examples: {} };
  }

  add(finding: Finding): void {
    const { summary } = this;
    summary.totals[finding.verdict]++;
    (summary.byRule[finding.rule] ??= zeroCounts())[finding.verdict]++;
    const examples = (summary.examples[finding.rule] ??= []);
    if (examples.length < this.examplesPerRule) examples.push(finding);
    if (summary.first.length < this.firstCount) {
      const context = this.context?.lines(finding.line - this.contextLines, finding.line) ?? [];
      summary.first.push({ ...finding, context });
    }
  }
}

/**
 * No AT command was found: nothing was checked, so there is no verdict to give (never a
 * PASS); `validate` exits 2.
 */
export function foundNoAtTraffic(summary: ValidationSummary): boolean {
  return summary.commands === 0;
}

/** Whether the validation passes: no FAIL (and, when strict, no NON-STRICT either). */
export function passed(summary: ValidationSummary, strict = false): boolean {
  return !foundNoAtTraffic(summary) && summary.totals.FAIL === 0 && (!strict || summary.totals['NON-STRICT'] === 0);
}

/** Rules in catalogue order, for stable output. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];
