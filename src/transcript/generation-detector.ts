// Tells a log written against another firmware generation from a device that breaks the
// spec: the lines that got findings are matched against the signs of the generations the
// catalogue knows (src/catalogue/generations.ts); when one generation explains several of
// them, one summary finding says so, with the lines that show it. Only lines with findings
// are looked at, so a clean log costs nothing.

import { GENERATIONS, type Generation } from '../catalogue/generations.ts';
import type { ContextRing } from './context-ring.ts';
import type { Finding } from './finding.ts';
import { shortened } from './shortened.ts';

/** Distinct lines with findings a generation must explain before it is named. */
const ENOUGH_LINES = 2;
const SHOWN_LINES = 5;

interface Evidence {
  lines: number[];
  signs: Set<string>;
  first: string;
}

export class GenerationDetector {
  private readonly evidence = new Map<Generation, Evidence>();
  private lastLine = -1;

  constructor(private readonly context: ContextRing) {}

  /**
   * Looks at the line a FAIL is about (once per line). A command the device refused is a
   * negative test (WARN), not a sign of the syntax the device speaks.
   */
  observe(finding: Finding): void {
    if (finding.verdict !== 'FAIL' || finding.line === this.lastLine) return;
    this.lastLine = finding.line;
    const [remembered] = this.context.lines(finding.line, finding.line);
    if (!remembered) return;
    for (const generation of GENERATIONS) {
      const sign = generation.signs.find((each) => each.pattern.test(remembered.text));
      if (!sign) continue;
      let evidence = this.evidence.get(generation);
      if (!evidence) {
        evidence = { lines: [], signs: new Set(), first: remembered.text };
        this.evidence.set(generation, evidence);
      }
      if (evidence.lines.at(-1) !== finding.line) evidence.lines.push(finding.line);
      evidence.signs.add(sign.shows);
    }
  }

  /** The summary finding for the generation that explains most lines, if any explains enough. */
  verdict(): Finding | undefined {
    let best: [Generation, Evidence] | undefined;
    for (const entry of this.evidence) if (entry[1].lines.length >= ENOUGH_LINES && (!best || entry[1].lines.length > best[1].lines.length)) best = entry;
    if (!best) return undefined;
    const [generation, evidence] = best;
    const shown = evidence.lines.slice(0, SHOWN_LINES).join(', ');
    const more = evidence.lines.length > SHOWN_LINES ? ` and ${evidence.lines.length - SHOWN_LINES} more` : '';
    return {
      line: evidence.lines[0]!,
      rule: 'log.generation',
      verdict: 'WARN',
      section: 'Socket AT commands',
      message: `this log uses the socket syntax of ${generation.name}, not the spec's: lines ${shown}${more} show it (${[...evidence.signs].join('; ')}; first: '${shortened(evidence.first)}'); the findings on those lines follow from that`,
    };
  }
}
