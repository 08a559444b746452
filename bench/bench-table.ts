// The table `npm run bench` prints: one row per figure, median and spread aligned.

import type { Figure } from './bench-figures.ts';

function formatted(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function figureTable(figures: readonly Figure[]): string {
  const rows = figures.map((each) => [
    each.section,
    each.name,
    formatted(each.median),
    `${formatted(each.min)} – ${formatted(each.max)}`,
    each.unit,
    each.aim === undefined ? '' : `${each.meetsAim ? 'meets' : 'MISSES'} ${each.aim}`,
  ]);
  const header = ['section', 'figure', 'median', 'spread (min – max)', 'unit', 'aim'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column === 2 || column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
