// The progress of a run while it runs, read from cucumber's messages as they arrive:
// how many scenarios are done out of how many, and the verdicts so far. On a terminal it
// is one line rewritten in place; in a log (CI) it is a plain line now and then, so the
// log shows the run is alive without a line per scenario.

import type { Envelope } from '@cucumber/messages';
import { parseVerdictAttachment } from '../report/attachments.ts';
import { VERDICT_MEDIA_TYPE, VERDICTS, type Verdict } from '../report/verdict.ts';

export class RunProgress {
  private total = 0;
  private done = 0;
  private readonly counts = new Map<Verdict, number>();

  /** Takes one message; returns whether a scenario finished (a moment to show the figures). */
  take(envelope: Envelope): boolean {
    if (envelope.testCase) {
      this.total += 1;
      return false;
    }
    if (envelope.attachment?.mediaType === VERDICT_MEDIA_TYPE) {
      const body = envelope.attachment.contentEncoding === 'BASE64' ? Buffer.from(envelope.attachment.body, 'base64').toString('utf8') : envelope.attachment.body;
      const verdict = parseVerdictAttachment(body)?.verdict;
      if (verdict) this.counts.set(verdict, (this.counts.get(verdict) ?? 0) + 1);
      return false;
    }
    if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) {
      this.done += 1;
      return true;
    }
    return false;
  }

  /** Whether the run selected any scenario (cucumber may refuse to start at all). */
  get started(): boolean {
    return this.total > 0;
  }

  /** `[ 120/310] PASS 110 · NON-STRICT 8 · FAIL 2` (verdicts not seen yet are left out). */
  line(): string {
    const width = String(this.total).length;
    const verdicts = VERDICTS.filter((verdict) => this.counts.has(verdict)).map((verdict) => `${verdict} ${this.counts.get(verdict)}`);
    return `[${String(this.done).padStart(width + 1)}/${this.total}]${verdicts.length > 0 ? ` ${verdicts.join(' · ')}` : ''}`;
  }
}

export interface ProgressDisplayOptions {
  /** Where the line goes (stderr: the table and paths on stdout stay clean). */
  write: (text: string) => void;
  /** Rewrite one line in place (a terminal) or print plain lines now and then (a log). */
  tty: boolean;
  /** Plain mode: at most one line per this many milliseconds (default 5000). */
  intervalMs?: number;
  now?: () => number;
}

/** Shows a RunProgress; `finish` leaves the last figures on their own line. */
export class ProgressDisplay {
  private lastPrinted = Number.NEGATIVE_INFINITY;
  private shown = '';

  constructor(private readonly progress: RunProgress, private readonly options: ProgressDisplayOptions) {}

  update(): void {
    const line = this.progress.line();
    if (this.options.tty) {
      if (line === this.shown) return;
      this.shown = line;
      this.options.write(`\r${line}\x1b[K`);
      return;
    }
    const now = (this.options.now ?? Date.now)();
    if (now - this.lastPrinted < (this.options.intervalMs ?? 5000)) return;
    this.lastPrinted = now;
    this.shown = line;
    this.options.write(`${line}\n`);
  }

  finish(): void {
    const line = this.progress.line();
    if (this.options.tty) this.options.write(`\r${line}\x1b[K\n`);
    else if (line !== this.shown) this.options.write(`${line}\n`);
  }
}
