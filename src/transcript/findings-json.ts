// `--json`: every finding, streamed as it is made, then the summary, as one JSON document:
//   {"findings":[{...},{...}],"summary":{...}}
// Findings are written in blocks and never all held, so a log with millions of findings
// still validates in constant memory (the caller waits for `drained` between input chunks).

import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Finding } from './finding.ts';
import type { ValidationSummary } from './validation-report.ts';

const BLOCK_CHARS = 64 * 1024;

export class FindingsJsonStream {
  private block = '{"findings":[';
  private count = 0;

  constructor(private readonly out: Writable) {}

  add(finding: Finding): void {
    this.block += `${this.count++ === 0 ? '\n' : ',\n'}${JSON.stringify(finding)}`;
    if (this.block.length >= BLOCK_CHARS) this.flush();
  }

  /** Resolves when the output can take more. */
  async drained(): Promise<void> {
    this.flush();
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  finish(summary: ValidationSummary, passed: boolean): void {
    const { first: _first, examples: _examples, ...counts } = summary;
    this.block += `\n],\n"summary":${JSON.stringify({ ...counts, passed })}}\n`;
    this.flush();
  }

  private flush(): void {
    if (this.block === '') return;
    this.out.write(this.block);
    this.block = '';
  }
}
