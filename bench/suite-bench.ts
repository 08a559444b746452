// Suite: the whole conformance suite (every feature, the default firmware profile) run the
// way `sm-conformance run` runs it (runConformanceSuite: cucumber's API, one process, its
// message/html/junit formatters), timed from start to the last scenario; in process, and
// through a pty (the emulator served on a pseudo-terminal as a board, with the run's peers
// on 127.0.0.1, as test/run-served-emulator.ts sets it up). Allure and the other reports
// generated after a run are not included (bench/report.ts measures them).
//
// The share of the wall time spent waiting on deadlines is measured with
// DeadlineWaitRecorder (see deadline-waits.ts for exactly what counts).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { parseRunOptions } from '../src/cli/run-options.ts';
import { runConformanceSuite } from '../src/cli/run-suite.ts';
import { serveEmulatorAsBoard, PEER_HOST } from '../test/run-served-emulator.ts';
import { figure, quantile, type Figure } from './bench-figures.ts';
import { coveredMs, DeadlineWaitRecorder } from './deadline-waits.ts';

export type SuiteTransport = 'in-process' | 'pty';

export interface WaitingScenario {
  name: string;
  uri: string;
  waitMs: number;
  /** The scenario's own wall time. */
  scenarioMs: number;
  kinds: string[];
}

export interface SuiteReport {
  figures: Figure[];
  /** In-process run: the scenarios with the most deadline waiting, most first (median run). */
  waitingScenarios: WaitingScenario[];
  /** In-process run: the slowest scenarios, whatever they spend their time on. */
  slowestScenarios: { name: string; uri: string; scenarioMs: number }[];
}

interface SuiteRunFigures {
  wallMs: number;
  scenarios: number;
  passed: boolean;
  /** Scenarios with a failed step (`uri: name`). */
  failed: string[];
  waitMs: number;
  waitingScenarios: WaitingScenario[];
  slowestScenarios: { name: string; uri: string; scenarioMs: number }[];
}

async function timedSuiteRun(argv: string[], reports: string): Promise<SuiteRunFigures> {
  const request = parseRunOptions([...argv, '--reports', reports]);
  if (request === 'help') throw new Error('unexpected help request');
  const recorder = new DeadlineWaitRecorder();
  const pickles = new Map<string, { name: string; uri: string }>();
  const testCases = new Map<string, string>();
  const started = new Map<string, { key: string; startMs: number }>();
  const scenarioMs = new Map<string, number>();
  const failed = new Set<string>();
  const onEnvelope = (envelope: Envelope): void => {
    if (envelope.pickle) pickles.set(envelope.pickle.id, { name: envelope.pickle.name, uri: envelope.pickle.uri });
    if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      const key = testCases.get(envelope.testCaseStarted.testCaseId)!;
      started.set(envelope.testCaseStarted.id, { key, startMs: performance.now() });
      recorder.scenario = key;
    }
    const step = envelope.testStepFinished;
    if (step && step.testStepResult.status === 'FAILED') {
      const pickle = pickles.get(started.get(step.testCaseStartedId)?.key ?? '');
      if (pickle) failed.add(`${pickle.uri}: ${pickle.name}`);
    }
    if (envelope.testCaseFinished) {
      const run = started.get(envelope.testCaseFinished.testCaseStartedId);
      if (run) scenarioMs.set(run.key, (scenarioMs.get(run.key) ?? 0) + performance.now() - run.startMs);
      recorder.scenario = undefined;
    }
  };
  recorder.install();
  let result;
  const startMs = performance.now();
  try {
    result = await runConformanceSuite(request, onEnvelope);
  } finally {
    recorder.uninstall();
  }
  const wallMs = performance.now() - startMs;

  const byScenario = new Map<string, typeof recorder.waits>();
  for (const wait of recorder.waits) {
    const key = wait.scenario ?? '(between scenarios)';
    byScenario.set(key, [...(byScenario.get(key) ?? []), wait]);
  }
  const describe = (key: string): { name: string; uri: string } => pickles.get(key) ?? { name: key, uri: '' };
  const waitingScenarios = [...byScenario].map(([key, waits]) => ({
    ...describe(key),
    waitMs: coveredMs(waits),
    scenarioMs: scenarioMs.get(key) ?? 0,
    kinds: [...new Set(waits.map((wait) => wait.kind))],
  })).sort((a, b) => b.waitMs - a.waitMs);
  const slowestScenarios = [...scenarioMs].map(([key, ms]) => ({ ...describe(key), scenarioMs: ms })).sort((a, b) => b.scenarioMs - a.scenarioMs).slice(0, 10);
  return { wallMs, scenarios: result.scenarioCount, passed: result.success, failed: [...failed], waitMs: coveredMs(recorder.waits), waitingScenarios, slowestScenarios };
}

async function transportArguments(transport: SuiteTransport): Promise<{ argv: string[]; close: () => Promise<void> }> {
  if (transport === 'in-process') return { argv: [], close: async () => undefined };
  const served = await serveEmulatorAsBoard('pty');
  return { argv: ['--dut', served.dut, '--peer-host', PEER_HOST], close: () => served.close() };
}

export interface SuiteBenchOptions {
  runs: number;
  transports: readonly SuiteTransport[];
  progress: (text: string) => void;
}

export async function suiteBench(options: SuiteBenchOptions): Promise<SuiteReport> {
  const figures: Figure[] = [];
  let inProcessRuns: SuiteRunFigures[] = [];
  const reports = mkdtempSync(join(tmpdir(), 'sm-bench-suite-'));
  try {
    for (const transport of options.transports) {
      const runs: SuiteRunFigures[] = [];
      // one unmeasured run first: it loads the support code, compiles the schemas, warms the JIT
      for (let run = 0; run <= options.runs; run++) {
        const { argv, close } = await transportArguments(transport);
        try {
          const measured = await timedSuiteRun(argv, reports);
          if (run > 0) runs.push(measured);
          options.progress(`suite ${transport} ${run === 0 ? 'warm-up' : `run ${run}/${options.runs}`}: ${(measured.wallMs / 1000).toFixed(2)} s, ${measured.scenarios} scenarios${measured.passed ? '' : `; FAILED: ${measured.failed.join(' | ')}`}`);
        } finally {
          await close();
        }
      }
      const scenarios = runs[0]!.scenarios;
      const failedRuns = runs.filter((run) => !run.passed);
      const failures = [...new Set(failedRuns.flatMap((run) => run.failed))];
      const note = `${scenarios} scenarios${failedRuns.length > 0 ? `; ${failedRuns.length} of ${runs.length} runs had failing scenarios: ${failures.join(' | ')}` : ''}`;
      const wallSeconds = runs.map((run) => run.wallMs / 1000);
      figures.push(
        figure('suite', `${transport} wall time`, 's', wallSeconds, transport === 'in-process' ? { aim: '< 10 s', meetsAim: quantile(wallSeconds, 0.5) < 10, note } : { note }),
        figure('suite', `${transport} scenarios/s`, 'scenarios/s', runs.map((run) => run.scenarios / (run.wallMs / 1000))),
      );
      const shares = runs.map((run) => (100 * run.waitMs) / run.wallMs);
      figures.push(
        figure('suite', `${transport} waiting on deadlines`, 's', runs.map((run) => run.waitMs / 1000), { note: 'waits that end by their deadline (bench/deadline-waits.ts)' }),
        figure('suite', `${transport} waiting on deadlines`, '% of wall', shares, { aim: '≤ 10%', meetsAim: quantile(shares, 0.5) <= 10 }),
      );
      if (transport === 'in-process') inProcessRuns = runs;
    }
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
  const median = [...inProcessRuns].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(inProcessRuns.length / 2)];
  return {
    figures,
    waitingScenarios: median?.waitingScenarios.filter((each) => each.waitMs >= 1).slice(0, 20) ?? [],
    slowestScenarios: median?.slowestScenarios ?? [],
  };
}
