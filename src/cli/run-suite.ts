// Runs the conformance suite (features/ + steps/) with cucumber-js's programmatic API, the
// configuration built by steps/support/suite-configuration.mjs exactly as cucumber.mjs
// builds it for direct runs, so `sm-conformance run` and `npx cucumber-js` run the same
// suite. Cucumber's own text (its summary) is collected and handed back, not printed,
// so that it does not tear through the progress line.

import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import './native-match-indices.ts';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { suiteConfiguration } from '../../steps/support/suite-configuration.mjs';
import { worldParametersOf, type RunRequest } from './run-options.ts';
import { installScenarioLanes } from './scenario-lanes.ts';
import { appendLaneTranscripts } from '../transcript/lane-transcripts.ts';

/** The project root: features/ and steps/ are found from here, whatever the caller's cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SuiteRunResult {
  /** cucumber's verdict on the run: false when any scenario failed. */
  success: boolean;
  /** Scenarios the run selected. */
  scenarioCount: number;
  /** What cucumber's summary formatter printed (failures, then the scenario/step counts). */
  cucumberText: string;
}

// ES modules run once per process: the support code (steps, hooks) is loaded by the
// first run of a process and handed to every later one, or later runs would have none.
let loadedSupport: Awaited<ReturnType<typeof runCucumber>>['support'] | undefined;

/** `stopFile`: where a request to stop the run reaches the workers (src/blame/run-stop.ts). */
export async function runConformanceSuite(request: RunRequest, onEnvelope: (envelope: Envelope) => void, stopFile?: string): Promise<SuiteRunResult> {
  const provided = suiteConfiguration({
    reports: request.reports,
    worldParameters: { ...worldParametersOf(request), ...(stopFile !== undefined ? { stopFile } : {}) },
    parallel: request.parallel,
    stdoutFormat: 'summary',
    messagesOnly: true,
    ...(request.tags !== undefined ? { tags: request.tags } : {}),
    ...(request.order !== undefined ? { order: request.order } : {}),
    ...(request.retry !== undefined ? { retry: request.retry } : {}),
    ...(request.retryTagFilter !== undefined ? { retryTagFilter: request.retryTagFilter } : {}),
    ...(request.shard !== undefined ? { shard: request.shard } : {}),
  });
  const { runConfiguration } = await loadConfiguration({ file: false, provided }, { cwd: PROJECT_ROOT });
  const configuration = loadedSupport ? { ...runConfiguration, support: loadedSupport } : runConfiguration;
  const collected: Buffer[] = [];
  const stdout = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      collected.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  let scenarioCount = 0;
  if (request.sideLanes > 0) installScenarioLanes();
  const result = await runCucumber(configuration, { cwd: PROJECT_ROOT, stdout, stderr: process.stderr, env: process.env }, (envelope) => {
    if (envelope.testCase) scenarioCount += 1;
    onEnvelope(envelope);
  });
  loadedSupport = result.support;
  await appendLaneTranscripts(request.reports);
  return { success: result.success, scenarioCount, cucumberText: Buffer.concat(collected).toString('utf8') };
}
