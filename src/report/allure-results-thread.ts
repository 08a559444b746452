// The Allure results of a run, made on a thread of their own while the scenarios run: the
// replay into allure-cucumberjs, the JSON and the file writes cost the main thread about a
// fifth of the scenario phase, and the run's other core was idle (bench/main-job.ts).
//
// The thread takes the run's messages (already redacted) in batches and builds the scenario
// results it needs from them itself, so nothing but the messages crosses over. If the thread
// fails, the results are written here from the messages instead: a report is never lost to it.
//
// The thread writes into a staging folder beside the results folder; this thread removes it
// if the process exits first, since a worker's own exit handlers do not run when the process
// ends under it.

import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { dropStagingFolder, writeAllureResults, type AllureResultsOptions } from './allure-results.ts';
import type { Envelope } from './run-messages.ts';
import type { ScenarioResult } from './scenario-results.ts';

/** Messages per batch, at most: a batch also ends with each scenario. */
const BATCH = 256;

/** What the thread is told. */
export type ThreadRequest =
  | { kind: 'messages'; envelopes: Envelope[] }
  | { kind: 'finish'; options: Pick<AllureResultsOptions, 'environment' | 'executor'> };

/** What the thread answers: once, at finish, or on its first failure. */
export type ThreadReply = { kind: 'finished'; written: number } | { kind: 'failed'; message: string };

const ENTRY = new URL(`./allure-results-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export class AllureResultsThread {
  private batch: Envelope[] = [];
  private readonly reply: Promise<ThreadReply>;
  private readonly dropStaging = (): void => dropStagingFolder(this.resultsDir);

  private constructor(private readonly resultsDir: string, private readonly worker: Worker) {
    this.reply = new Promise<ThreadReply>((resolve) => {
      worker.on('message', (reply: ThreadReply) => resolve(reply));
      worker.on('error', (error: Error) => resolve({ kind: 'failed', message: error.message }));
      worker.on('exit', (code) => resolve({ kind: 'failed', message: `the thread ended (exit code ${code}) before the results were written` }));
    });
    // never what keeps a process alive (a run refused before it starts has no results to
    // wait for): finish() waits for the thread while it matters. After the listeners, since
    // a 'message' listener refs the thread's port again.
    worker.unref();
    process.on('exit', this.dropStaging);
  }

  static start(resultsDir: string): AllureResultsThread {
    // Sources run through tsx (bin/sm-conformance.mjs registers it at run time): a thread
    // gets no hooks registered so, and registers tsx itself.
    const boot = ENTRY.pathname.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(ENTRY.href)}); })`
      : `import(${JSON.stringify(ENTRY.href)})`;
    return new AllureResultsThread(resultsDir, new Worker(boot, { eval: true, workerData: { resultsDir } }));
  }

  push(envelope: Envelope): void {
    this.batch.push(envelope);
    if (envelope.testCaseFinished || envelope.testRunFinished || this.batch.length >= BATCH) this.send();
  }

  /**
   * Writes the results (the thread's, or, if it failed, this thread's from `run`: every
   * message pushed and the scenarios they make, which the caller keeps anyway); returns how many.
   */
  async finish(options: Pick<AllureResultsOptions, 'environment' | 'executor'>, run: { envelopes: readonly Envelope[]; scenarios: readonly ScenarioResult[] }): Promise<number> {
    this.send();
    this.post({ kind: 'finish', options });
    // the reply is what this process waits for now, whatever else has ended
    this.worker.ref();
    const reply = await this.reply;
    await this.worker.terminate();
    process.off('exit', this.dropStaging);
    if (reply.kind === 'finished') return reply.written;
    return writeAllureResults(run.envelopes, run.scenarios, { resultsDir: this.resultsDir, ...options });
  }

  private send(): void {
    if (this.batch.length === 0) return;
    this.post({ kind: 'messages', envelopes: this.batch });
    this.batch = [];
  }

  private post(request: ThreadRequest): void {
    try {
      this.worker.postMessage(request);
    } catch {
      // a thread that is gone has said so through its exit; finish() writes the results here
    }
  }
}
