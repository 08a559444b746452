// The human summary of a validation: totals, a table of rules and verdicts, and the first
// findings with the input lines that led to them.

import { printable } from '../at/byte-escape.ts';
import { RULES } from './finding.ts';
import { erratumText } from './errata-quotes.ts';
import { shortened } from './shortened.ts';
import { foundNoAtTraffic, passed, RULE_IDS, type ValidationSummary } from './validation-report.ts';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryText(summary: ValidationSummary, strict = false): string {
  const { totals } = summary;
  const out: string[] = [];
  out.push(`${summary.input}: ${summary.format}, ${plural(summary.lines, 'line')} (${summary.skipped} skipped as not AT), ${plural(summary.commands, 'command')}`);
  if (foundNoAtTraffic(summary)) {
    out.push(`verdict: none: no AT commands found in ${plural(summary.lines, 'line')}, nothing was checked`);
  } else {
    out.push(`verdict: ${passed(summary, strict) ? 'PASS' : 'FAIL'}  (${totals.FAIL} FAIL, ${totals['NON-STRICT']} NON-STRICT, ${totals.WARN} WARN)`);
  }
  const rows = RULE_IDS.filter((rule) => summary.byRule[rule]);
  if (rows.length > 0) {
    out.push('', `${'rule'.padEnd(26)} ${'FAIL'.padStart(8)} ${'NON-STRICT'.padStart(10)} ${'WARN'.padStart(8)}  requirement`);
    for (const rule of rows) {
      const counts = summary.byRule[rule]!;
      out.push(`${rule.padEnd(26)} ${String(counts.FAIL).padStart(8)} ${String(counts['NON-STRICT']).padStart(10)} ${String(counts.WARN).padStart(8)}  ${RULES[rule]}`);
    }
  }
  if (summary.generation) out.push('', `line ${summary.generation.line}: ${summary.generation.verdict} ${summary.generation.rule}: ${printable(summary.generation.message)}`);
  if (summary.first.length > 0) {
    const total = totals.FAIL + totals['NON-STRICT'] + totals.WARN;
    out.push('', `first ${summary.first.length} of ${plural(total, 'finding')}:`);
    // Findings about a command are made when its answer is complete; show them in line order.
    for (const finding of [...summary.first].sort((a, b) => a.line - b.line)) {
      const erratum = finding.erratum ? ` [${finding.erratum}]` : '';
      out.push('', `line ${finding.line}: ${finding.verdict} ${finding.rule}${erratum}: ${printable(finding.message)}`, `  spec: ${finding.section}${finding.quote ? `: "${finding.quote}"` : ''}`);
      const text = finding.erratum ? erratumText(finding.erratum) : undefined;
      if (text) out.push(`  ${text}`);
      for (const context of finding.context) {
        out.push(`  ${context.line === finding.line ? '>' : ' '} ${String(context.line).padStart(6)} | ${printable(shortened(context.text))}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
