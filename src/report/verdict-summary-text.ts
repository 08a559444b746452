// The verdict table printed at the end of a run: one row per command in spec order (and
// one for scenarios of no command), the verdict counts, and how many of the command's
// spec examples a scenario covers.

import { VERDICTS } from './verdict.ts';
import type { VerdictMatrix } from './verdict-matrix.ts';

export function renderVerdictSummary(matrix: VerdictMatrix): string {
  // FLAKY exists only in runs with --retry: a column of zeros would only widen the table.
  const shown = VERDICTS.filter((verdict) => verdict !== 'FLAKY' || matrix.totals.FLAKY > 0);
  const header = ['command', ...shown, 'examples'];
  const rows: string[][] = matrix.commands.map((row) => {
    const examples = row.forms.flatMap((form) => form.examples);
    const covered = examples.filter((example) => example.verdict !== 'NOT COVERED').length;
    return [row.command, ...shown.map((verdict) => String(row.counts[verdict])), `${covered}/${examples.length}`];
  });
  if (matrix.other.length > 0) {
    rows.push(['(other)', ...shown.map((verdict) => String(matrix.other.filter((ref) => ref.verdict === verdict).length)), '']);
  }
  rows.push(['total', ...shown.map((verdict) => String(matrix.totals[verdict])), `${matrix.examples.covered}/${matrix.examples.total}`]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: readonly string[]): string => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const lines = [format(header), rule, ...rows.slice(0, -1).map(format), rule, format(rows[rows.length - 1]!)];
  if (matrix.examples.uncovered.length > 0) lines.push(`spec examples with no scenario: ${matrix.examples.uncovered.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
