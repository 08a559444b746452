// The live half of "one rule module": a run's transcript goes, as it is written, through the
// same Validation that `sm-conformance validate` runs on the file afterwards. The live run
// takes from it the findings about lines no step asked for (URCs with polling off or for a
// socket not polled, a URC inside a response, a stray line), so the same bytes get the
// same verdict live and offline, at the same transcript line.

import { UNASKED_LINE_RULES, type Finding, type RuleId } from './finding.ts';
import { Validation } from './validation.ts';

export class LiveJudge {
  private readonly validation: Validation;
  private findings: Finding[] = [];
  private broken: string | undefined;

  constructor(options: { maxSockets?: number } = {}) {
    this.validation = new Validation({
      format: 'transcript',
      firstCount: 0,
      examplesPerRule: 0,
      ...(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets }),
      onFinding: (finding) => {
        if (finding.verdict === 'FAIL' && UNASKED_LINE_RULES.has(finding.rule)) this.findings.push(finding);
      },
    });
  }

  /** Transcript text as the writer writes it (a TranscriptObserver). */
  readonly observe = (text: string): void => {
    if (this.broken !== undefined) return;
    try {
      this.validation.push(Buffer.from(text, 'utf8'));
    } catch (error) {
      // The writer writes what the reader reads; if that ever breaks, say so once, never crash the run.
      this.broken = (error as Error).message;
    }
  };

  /** Why the judge stopped reading (undefined while it works). */
  get failure(): string | undefined {
    return this.broken;
  }

  /** The findings made since the last take, in transcript order; they are handed over once. */
  take(): Finding[] {
    const taken = this.findings;
    this.findings = [];
    return taken;
  }

  /** Findings of `rule` not yet taken (a step may look without taking them). */
  peek(rule: RuleId): readonly Finding[] {
    return this.findings.filter((finding) => finding.rule === rule);
  }
}
