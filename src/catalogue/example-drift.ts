// The drift check: compares the examples found in a spec file with the index in
// examples.ts. Examples are matched within their section by command line, in order, so
// an example added to the file is named as such instead of shifting every id after it.

import type { ExtractedExample } from './extract-examples.ts';
import type { SpecExample } from './types.ts';

export type ExampleDrift =
  /** In the spec file, not in the index. `id` is the number it has in the file. */
  | { kind: 'not-in-index'; id: string; line: string }
  /** In both, but the device's lines differ. `id` is the index's. */
  | { kind: 'differs'; id: string; line: string; differences: string[] }
  /** In the index, not in the spec file. */
  | { kind: 'not-in-spec'; id: string; line: string };

const COMPARED = ['response', 'payload', 'urcs', 'dataModeInput'] as const;

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

function differences(found: ExtractedExample, indexed: SpecExample): string[] {
  return COMPARED.flatMap((key) => {
    const inFile = show(found[key]);
    const inIndex = show(indexed[key]);
    return inFile === inIndex ? [] : [`${key}: spec file has ${inFile}, index has ${inIndex}`];
  });
}

export function compareExamples(found: readonly ExtractedExample[], index: readonly SpecExample[]): ExampleDrift[] {
  const drifts: ExampleDrift[] = [];
  const matched = new Set<SpecExample>();
  /** Per section, the index position after the last match, so matches keep the spec's order. */
  const cursorBySection = new Map<string, number>();
  for (const example of found) {
    const section = index.filter((entry) => entry.section === example.section);
    const from = cursorBySection.get(example.section) ?? 0;
    const position = section.findIndex((entry, at) => at >= from && !matched.has(entry) && entry.line === example.line);
    if (position < 0) {
      drifts.push({ kind: 'not-in-index', id: example.id, line: example.line });
      continue;
    }
    const entry = section[position]!;
    matched.add(entry);
    cursorBySection.set(example.section, position + 1);
    const changed = differences(example, entry);
    if (changed.length > 0) drifts.push({ kind: 'differs', id: entry.id, line: entry.line, differences: changed });
  }
  for (const entry of index) {
    if (!matched.has(entry)) drifts.push({ kind: 'not-in-spec', id: entry.id, line: entry.line });
  }
  return drifts;
}

/** A report a person can act on: one line per drift, then a summary line. */
export function describeDrift(drifts: readonly ExampleDrift[], foundCount: number, indexCount: number): string {
  const lines = drifts.flatMap((drift) => {
    switch (drift.kind) {
      case 'not-in-index':
        return [`not in index: ${drift.id} ${drift.line}`];
      case 'not-in-spec':
        return [`not in spec file: ${drift.id} ${drift.line}`];
      case 'differs':
        return [`differs: ${drift.id} ${drift.line}`, ...drift.differences.map((text) => `  ${text}`)];
    }
  });
  const summary = drifts.length === 0
    ? `spec examples: ${foundCount} in file, ${indexCount} in index, all agree`
    : `spec examples: ${foundCount} in file, ${indexCount} in index, ${drifts.length} drift${drifts.length === 1 ? '' : 's'}`;
  return [...lines, summary].join('\n');
}
