// The thread of allure-results-thread.ts: replays the run's messages into the Allure results
// as they come, with the scenario results built here from the same messages, and says once
// how it ended.

import { parentPort, workerData } from 'node:worker_threads';
import { AllureResultsReplay } from './allure-results.ts';
import type { ThreadReply, ThreadRequest } from './allure-results-thread.ts';
import { ScenarioResultsBuilder } from './scenario-results.ts';

const port = parentPort!;
const { resultsDir } = workerData as { resultsDir: string };
const replay = await AllureResultsReplay.start(resultsDir);
const results = new ScenarioResultsBuilder();
let failed = false;

function fail(error: unknown): void {
  if (failed) return;
  failed = true;
  const reply: ThreadReply = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  port.postMessage(reply);
}

port.on('message', (request: ThreadRequest) => {
  if (failed) return;
  if (request.kind === 'messages') {
    try {
      for (const envelope of request.envelopes) replay.push(envelope, results.push(envelope));
    } catch (error) {
      fail(error);
    }
    return;
  }
  replay.finish(request.options).then((written) => port.postMessage({ kind: 'finished', written } satisfies ThreadReply), fail);
});
