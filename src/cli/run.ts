// `sm-conformance run`: the whole conformance suite against one device, then its reports.
//
//   exit 0  no scenario FAILs (PASS, NON-STRICT, INCONCLUSIVE and N/A only)
//   exit 1  a scenario FAILs
//   exit 2  bad usage, or a device that cannot be opened or does not answer (one line)
//   exit 3  the run stopped early: the device link was lost for good, or the device kept
//           failing the reset; the scenarios not run are INCONCLUSIVE "not run"
//   exit 130  interrupted (Ctrl-C, SIGTERM): the rest is "not run", every report written
//
// The device is opened once before cucumber starts (preflight), so a missing or busy port
// or an unreachable exporter ends the run with one line instead of a hook failure per worker.

import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { printable } from '../at/byte-escape.ts';
import { RunStopSignal, type RunStop } from '../blame/run-stop.ts';
import { renderJunit } from '../report/junit-report.ts';
import { scenarioResults } from '../report/scenario-results.ts';
import { endWorkers, handleInterruptions, INTERRUPTED_EXIT_CODE } from './run-interruption.ts';
import { acquireBoardPeers, type BoardPeers } from '../dut/board-peers.ts';
import { LabgridPlace, releaseOnSignal } from '../dut/labgrid/labgrid-place.ts';
import { preflightDut } from '../dut/preflight.ts';
import { PEER_NAMES, type PeerSet } from '../peers/peer-set.ts';
import type { DutDescription } from '../dut/dut.ts';
import type { DeviceEnvironment, RunEnvironment } from '../report/run-environment.ts';
import { generateReports, LiveReports, REPORT_FILES, type GeneratedReports, type ReportPaths } from '../report/generate-reports.ts';
import type { ScenarioResult } from '../report/scenario-results.ts';
import { VERDICTS, type Verdict } from '../report/verdict.ts';
import { renderVerdictListing } from '../report/verdict-listing-text.ts';
import { ProgressDisplay, RunProgress } from './run-progress.ts';
import { commandHelp } from './command-help.ts';
import { parseRunOptions, type RunRequest } from './run-options.ts';
import { runConformanceSuite, type SuiteRunResult } from './run-suite.ts';
import { UsageError } from '../blame/usage-error.ts';
import { lockDevice, type DeviceLock } from '../dut/device-lock.ts';
import { deviceOfDutOption, labgridPlacesOf, type PoolDevice } from '../dut/device-pool.ts';
import { TRANSCRIPT_FILE_NAME } from '../transcript/worker-transcript.ts';

export interface RunOutput {
  /** The verdict table, report paths and cucumber's summary. */
  out: (text: string) => void;
  /** Progress, notices and the one-line errors. */
  err: (text: string) => void;
  /** Progress as one line rewritten in place (a terminal) rather than plain lines. */
  tty: boolean;
  /** Allure output: 'html' (default), 'results' only, or none (tests that need no Allure). */
  allure?: 'html' | 'results' | false;
}

/** Where a run's wall time went, in ms since the process started (bench/main-job.ts reads it). */
export interface RunTimings {
  /** Process start to the first scenario's start: Node, tsx, cucumber and the step code loading, preflight. */
  startupMs: number;
  scenariosMs: number;
  /** Each report's phase (generate-reports.ts). */
  reports: Record<string, number>;
  reportsMs: number;
  totalMs: number;
}

/** A run that stopped before its last scenario (link lost for good, a device failing every reset). */
export const INCOMPLETE_EXIT_CODE = 3;

export interface RunOutcome {
  exitCode: 0 | 1 | 2 | typeof INCOMPLETE_EXIT_CODE | typeof INTERRUPTED_EXIT_CODE;
  /** Why the run stopped before its last scenario, if it did. */
  stopped?: RunStop;
  timings?: RunTimings;
  /** Every scenario with its verdict (empty when the run never started). */
  scenarios: ScenarioResult[];
  reports?: GeneratedReports;
}

export async function run(argv: string[]): Promise<number> {
  const request = parseRunOptions(argv);
  if (request === 'help') {
    process.stdout.write(`${commandHelp('run')}\n`);
    return 0;
  }
  const outcome = await conformanceRun(request, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    tty: process.stderr.isTTY === true,
  });
  // For the benchmark of the main job: the split of this process's wall time.
  const timingsFile = process.env.SM_CONFORMANCE_TIMINGS_FILE;
  if (timingsFile && outcome.timings) writeFileSync(timingsFile, `${JSON.stringify({ ...outcome.timings, totalMs: Math.round(performance.now()) })}\n`);
  return outcome.exitCode;
}

/** Preflight, the suite, the reports and the closing table; never throws for a device problem. */
export async function conformanceRun(request: RunRequest, output: RunOutput): Promise<RunOutcome> {
  // every labgrid place of the run is ours from before the first connection until after the last
  const places: LabgridPlace[] = [];
  const stopReleasingOnSignal = releaseOnSignal(places);
  try {
    for (const name of labgridPlacesOf(devicesOf(request))) {
      const place = new LabgridPlace(name);
      await place.acquire();
      places.push(place);
    }
  } catch (error) {
    output.err(`sm-conformance run: ${oneLine(error)}\n`);
    await releasePlaces(places, output);
    stopReleasingOnSignal();
    return { exitCode: 2, scenarios: [] };
  }
  try {
    return await runOnDevice(request, output);
  } finally {
    stopReleasingOnSignal();
    await releasePlaces(places, output);
  }
}

async function releasePlaces(places: readonly LabgridPlace[], output: RunOutput): Promise<void> {
  for (const place of places) await place.release().catch((error: unknown) => output.err(`sm-conformance run: ${oneLine(error)}\n`));
}

async function runOnDevice(request: RunRequest, output: RunOutput): Promise<RunOutcome> {
  let environment: RunEnvironment;
  let locks: DeviceLock[];
  try {
    // Held for the whole run: its workers find their device locked by their parent.
    locks = lockLocalDevices(request);
  } catch (error) {
    output.err(`sm-conformance run: ${oneLine(error)}\n`);
    return { exitCode: 2, scenarios: [] };
  }
  try {
    const described = await preflightPool(request);
    environment = runEnvironment(request, described);
    for (const [index, each] of described.entries()) {
      for (const warning of each.warnings ?? []) output.err(`warning: ${request.pool && request.pool.length > 1 ? `device ${request.pool[index]!.id}: ` : ''}${warning}\n`);
    }
  } catch (error) {
    for (const lock of locks) lock.release();
    output.err(`sm-conformance run: ${oneLine(error)}\n`);
    return { exitCode: 2, scenarios: [] };
  }
  try {
    return await runOnDevices(request, environment, output);
  } finally {
    for (const lock of locks) lock.release();
  }
}

/** Every local tty of the run, locked against other runs (src/dut/device-lock.ts). */
function lockLocalDevices(request: RunRequest): DeviceLock[] {
  const locks: DeviceLock[] = [];
  try {
    for (const device of devicesOf(request)) {
      if (device.spec.adapter === 'serial') locks.push(lockDevice(device.spec.path));
    }
  } catch (error) {
    for (const lock of locks) lock.release();
    throw error;
  }
  return locks;
}

/** Opens every device of the run once; a device that cannot be opened names itself. */
async function preflightPool(request: RunRequest): Promise<DutDescription[]> {
  const devices = devicesOf(request);
  return Promise.all(devices.map(async (device) => {
    try {
      return await preflightDut(device.spec, { ...(device.baud !== undefined ? { baud: device.baud } : {}), rtscts: device.rtscts });
    } catch (error) {
      if (devices.length > 1 && error instanceof Error) error.message = `device ${device.id}: ${error.message}`;
      throw error;
    }
  }));
}

/**
 * What the reports say about the run's devices, as the preflight found them; each device's
 * identity and network come from its worker's messages (run-environment.ts).
 */
function runEnvironment(request: RunRequest, described: readonly DutDescription[]): RunEnvironment {
  const run: RunEnvironment = { profile: request.profile, strict: request.strict, ...(request.fault !== undefined ? { fault: request.fault } : {}) };
  const pool = request.pool;
  if (pool && pool.length > 1) {
    return {
      ...run,
      devices: pool.map((device, index): DeviceEnvironment => {
        const description = described[index]!;
        return {
          id: device.id, dut: description.adapter, target: description.target,
          ...(description.baud !== undefined ? { baud: description.baud } : {}),
          ...(description.warnings !== undefined ? { warnings: description.warnings } : {}),
        };
      }),
    };
  }
  const device = described[0]!;
  return {
    ...run, dut: device.adapter, target: device.target,
    ...(request.baud !== undefined ? { baud: request.baud } : {}),
    ...(device.warnings !== undefined ? { warnings: device.warnings } : {}),
  };
}

/** The run's devices: its pool, or the one --dut. */
function devicesOf(request: RunRequest): PoolDevice[] {
  return request.pool ?? [deviceOfDutOption(request.dut, { ...(request.baud !== undefined ? { baud: request.baud } : {}), rtscts: request.rtscts })];
}

async function runOnDevices(request: RunRequest, environment: RunEnvironment, output: RunOutput): Promise<RunOutcome> {
  removeStaleTranscripts(request.reports);
  let boardPeers: BoardPeers | undefined;
  if (request.peerHost !== undefined) {
    try {
      boardPeers = await acquireBoardPeers(request.peerHost);
    } catch (error) {
      output.err(`sm-conformance run: ${oneLine(error)}\n`);
      return { exitCode: 2, scenarios: [] };
    }
    output.err(`${peerLine(boardPeers.peers, request.peerHost)}\n`);
  }
  const stop = new RunStopSignal(join(tmpdir(), `sm-conformance-stop-${process.pid}-${randomBytes(6).toString('hex')}`));
  try {
    return await runAndReport(request, environment, output, stop);
  } finally {
    stop.clear();
    await boardPeers?.release();
  }
}

/**
 * Where the board's peers listen (the spec's ports), for the lab's DNS. The run's sessions
 * (in this process: a board is never run in parallel) use this same set (board-peers.ts).
 */
function peerLine(peers: PeerSet, host: string): string {
  return `peers on ${host}: ${PEER_NAMES.map((name) => `${name} ${peers.endpoint(name, host).port}`).join(', ')}`;
}

async function runAndReport(request: RunRequest, environment: RunEnvironment, output: RunOutput, stop: RunStopSignal): Promise<RunOutcome> {
  const progress = new RunProgress();
  const display = new ProgressDisplay(progress, { write: output.err, tty: output.tty });
  const envelopes: Envelope[] = [];
  const stopHandling = handleInterruptions(stop, {
    notice: (text) => output.err(`${output.tty ? '\n' : ''}${text}\n`),
    exitNow: () => {
      writeJunitNow(request.reports, envelopes);
      endWorkers();
      stop.clear();
      output.err('\ninterrupted again: exiting now; junit.xml and the transcript hold what had finished\n');
      process.exit(INTERRUPTED_EXIT_CODE);
    },
  });
  try {
    return await runSuiteAndReport(request, environment, output, stop, { progress, display, envelopes });
  } finally {
    stopHandling();
  }
}

interface RunWatch {
  progress: RunProgress;
  display: ProgressDisplay;
  /** Every message so far, for a JUnit file written in a hurry. */
  envelopes: Envelope[];
}

async function runSuiteAndReport(request: RunRequest, environment: RunEnvironment, output: RunOutput, stop: RunStopSignal, { progress, display, envelopes }: RunWatch): Promise<RunOutcome> {
  let suite: SuiteRunResult;
  let scenariosStartedMs: number | undefined;
  const allure = output.allure ?? 'html';
  // The reports take each message as it comes, while the scenarios wait on the device.
  const live = await LiveReports.start({ reportsDir: request.reports, allure });
  try {
    suite = await runConformanceSuite(request, (envelope) => {
      envelopes.push(envelope);
      live.take(envelope);
      if (envelope.testRunStarted) scenariosStartedMs = performance.now();
      if (progress.take(envelope)) display.update();
    }, stop.file);
  } catch (error) {
    // cucumber refuses a bad --tags expression (or a broken suite) before running anything
    output.err(`sm-conformance run: ${oneLine(error)}\n`);
    return { exitCode: 2, scenarios: [] };
  } finally {
    if (progress.started) display.finish();
  }
  if (suite.scenarioCount === 0) {
    output.err(`sm-conformance run: no scenario matches${request.tags !== undefined ? ` --tags '${request.tags}'` : ' (the suite has no features)'}\n`);
    return { exitCode: 2, scenarios: [] };
  }

  const scenariosEndedMs = performance.now();
  let reports: GeneratedReports;
  try {
    reports = await generateReports({
      reportsDir: request.reports,
      allure,
      live,
      ...(request.history !== undefined ? { historyDir: request.history } : {}),
      environment,
    });
  } catch (error) {
    output.err(`sm-conformance run: the reports could not be written: ${oneLine(error)}\n`);
    output.out(cucumberCountLines(suite.cucumberText));
    return { exitCode: suite.success ? 0 : 1, scenarios: [] };
  }

  const counts = verdictCounts(reports.scenarios);
  const listing = renderVerdictListing(reports.scenarios);
  if (listing !== '') output.out(`${listing}
`);
  output.out(`${reports.summary}\n${reportLines(reports.paths).join('\n')}\n\n`);
  for (const note of reports.notes) output.err(`note: ${note}\n`);
  output.out(cucumberCountLines(suite.cucumberText));
  const failed = counts.FAIL > 0 || !suite.success;
  const flakyFails = request.failOnFlaky === true && counts.FLAKY > 0;
  output.out(`verdicts: ${VERDICTS.filter((verdict) => verdict !== 'FLAKY' || request.retry !== undefined || counts.FLAKY > 0).map((verdict) => `${verdict} ${counts[verdict]}`).join(' · ')} — ${failed ? 'FAIL' : flakyFails ? 'FLAKY fails the run (--fail-on-flaky)' : 'no scenario FAILs'}\n`);
  const stopped = stop.requested();
  const startupMs = scenariosStartedMs ?? scenariosEndedMs;
  const timings: RunTimings = {
    startupMs: Math.round(startupMs),
    scenariosMs: Math.round(scenariosEndedMs - startupMs),
    reports: reports.timings,
    reportsMs: reports.totalMs,
    totalMs: Math.round(performance.now()),
  };
  if (!stopped) return { exitCode: failed || flakyFails ? 1 : 0, scenarios: reports.scenarios, reports, timings };
  const notRun = reports.scenarios.filter((scenario) => scenario.reasons.some((reason) => reason.startsWith('not run'))).length;
  output.out(`the run stopped early: ${stopped.reason}; ${notRun} scenario${notRun === 1 ? '' : 's'} not run (INCONCLUSIVE in every report)\n`);
  return { exitCode: stopped.cause === 'interrupted' ? INTERRUPTED_EXIT_CODE : INCOMPLETE_EXIT_CODE, stopped, scenarios: reports.scenarios, reports, timings };
}

/** The second Ctrl-C: a valid JUnit file of the scenarios finished so far, written synchronously. */
function writeJunitNow(reportsDir: string, envelopes: readonly Envelope[]): void {
  try {
    // the live messages are the ones the message formatter writes out
    const run = scenarioResults(envelopes as unknown as Parameters<typeof scenarioResults>[0]);
    writeFileSync(join(reportsDir, REPORT_FILES.junit), renderJunit(run.scenarios, {
      ...(run.startedAtMs !== undefined ? { timestamp: new Date(run.startedAtMs).toISOString() } : {}),
    }));
  } catch {
    // exiting at once matters more than this file
  }
}

function verdictCounts(scenarios: readonly ScenarioResult[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const scenario of scenarios) counts[scenario.verdict] += 1;
  return counts;
}

/**
 * `366 scenarios (2 failed, 364 passed)` and `3113 steps (…)` from cucumber's summary, each
 * with its newline: CI scripts that sum cucumber runs read these lines as cucumber prints them.
 */
function cucumberCountLines(text: string): string {
  return text.split('\n').filter((line) => /^\d+ (scenarios?|steps?) \(/.test(line)).map((line) => `${line}\n`).join('');
}

function reportLines(paths: ReportPaths): string[] {
  const lines = [
    ['verdict matrix', paths.matrixHtml],
    ['Allure report', paths.allureHtml],
    ['Allure results', paths.allureResults],
    ['Allure history', paths.allureHistory],
    ['cucumber report', paths.cucumberHtml],
    ['JUnit XML', paths.junit],
    ['messages', paths.messages],
    ...paths.transcripts.map((path) => ['transcript', path] as const),
  ] as const;
  return ['reports:', ...lines.filter(([, path]) => path !== undefined).map(([label, path]) => `  ${label.padEnd(16)} ${path}`)];
}

/**
 * A run appends to nothing, but a transcript of an earlier run with more workers would be
 * listed with this run's; only files of the transcript pattern are removed.
 */
function removeStaleTranscripts(reportsDir: string): void {
  let names: string[];
  try {
    names = readdirSync(reportsDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (TRANSCRIPT_FILE_NAME.test(name)) rmSync(join(reportsDir, name), { force: true });
  }
}

function oneLine(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  // cucumber wraps the useful error ("Tag expression … could not be parsed") as the cause
  let innermost = error;
  while (innermost instanceof Error && innermost.cause instanceof Error) innermost = innermost.cause;
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  return message.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? 'failed';
}
