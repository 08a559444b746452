// Runs feature files through the real cucumber support code with cucumber-js's
// programmatic API (as `sm-conformance run` will) and reads each scenario's cucumber status
// and verdict back from the messages. For tests of the suite plumbing.

import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { suiteConfiguration, type SuiteSettings } from '../steps/support/suite-configuration.mjs';
import { VERDICT_MEDIA_TYPE } from '../src/report/verdict.ts';

export interface ScenarioOutcome {
  /** The most severe step status, e.g. 'PASSED', 'SKIPPED', 'FAILED'. */
  status: string;
  verdict: string;
  /** Lines the scenario logged (reasons of skipped verdicts, the verdict line). */
  logs: string[];
}

export interface SuiteRun {
  /** Feature files (default: the whole suite). */
  paths?: string[];
  /** Step files beyond steps/ (fixtures). */
  extraImports?: string[];
  reports: string;
  worldParameters: SuiteSettings['worldParameters'];
  parallel?: number;
  /** A tag expression selecting scenarios. */
  tags?: string;
}

const SEVERITY = ['PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

// ES modules run once per process, so the support code is loaded by the first run and
// handed to every later one.
let support: Awaited<ReturnType<typeof runCucumber>>['support'] | undefined;

export async function runSuite(run: SuiteRun): Promise<Map<string, ScenarioOutcome>> {
  // the route `sm-conformance run` takes: the suite's own configuration, no config file
  const suite = suiteConfiguration({ reports: run.reports, worldParameters: run.worldParameters, parallel: run.parallel ?? 0, ...(run.tags ? { tags: run.tags } : {}) });
  const provided = { ...suite, paths: run.paths ?? suite.paths, import: [...suite.import, ...(run.extraImports ?? [])] };
  const { runConfiguration } = await loadConfiguration({ file: false, provided }, { cwd: process.cwd() });
  const configuration = support ? { ...runConfiguration, support } : runConfiguration;
  const envelopes: Envelope[] = [];
  const result = await runCucumber(configuration, { stdout: quiet, stderr: process.stderr }, (envelope) => envelopes.push(envelope));
  support = result.support;
  return outcomesOf(envelopes);
}

function outcomesOf(envelopes: Envelope[]): Map<string, ScenarioOutcome> {
  const pickleNames = new Map<string, string>();
  const testCasePickles = new Map<string, string>();
  const startedCases = new Map<string, string>();
  const outcomes = new Map<string, ScenarioOutcome>();
  for (const envelope of envelopes) {
    if (envelope.pickle) pickleNames.set(envelope.pickle.id, envelope.pickle.name);
    if (envelope.testCase) testCasePickles.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      const name = pickleNames.get(testCasePickles.get(envelope.testCaseStarted.testCaseId)!)!;
      startedCases.set(envelope.testCaseStarted.id, name);
      outcomes.set(name, { status: 'PASSED', verdict: '', logs: [] });
    }
    const finished = envelope.testStepFinished;
    if (finished) {
      const outcome = outcomes.get(startedCases.get(finished.testCaseStartedId)!)!;
      if (SEVERITY.indexOf(finished.testStepResult.status) > SEVERITY.indexOf(outcome.status)) outcome.status = finished.testStepResult.status;
    }
    const attachment = envelope.attachment;
    if (attachment?.testCaseStartedId) {
      const outcome = outcomes.get(startedCases.get(attachment.testCaseStartedId)!)!;
      if (attachment.mediaType === VERDICT_MEDIA_TYPE) outcome.verdict = JSON.parse(attachment.body).verdict;
      if (attachment.mediaType === 'text/x.cucumber.log+plain') outcome.logs.push(attachment.body);
    }
  }
  return outcomes;
}

/** name → [verdict, status], for comparing whole runs. */
export function verdictSummary(outcomes: Map<string, ScenarioOutcome>): Record<string, [string, string]> {
  return Object.fromEntries([...outcomes].map(([name, outcome]) => [name, [outcome.verdict, outcome.status]]));
}
