// Every report of a run, from its cucumber messages, after cucumber has finished:
//
//   cucumber-messages.ndjson   the messages (rewritten only if a secret had to be redacted)
//   cucumber-report.html       cucumber's HTML report
//   junit.xml                  one testcase per scenario with its verdict
//   verdict-matrix.json/.html  command × form × example with verdicts and scenario links
//   allure-results/            allure-cucumberjs results, environment, executor, categories
//   allure-report/index.html   single-file Allure report (needs Java; else one line says how)
//   allure-history/            the Allure trend across runs (or wherever `historyDir` says)
//   transcript*.txt            the wire logs the workers wrote (listed, not written here)
//
// It measures its own time, phase by phase, so a run can say what reporting costs.

import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateAllureHtml } from './allure-html.ts';
import { showStrictPassInRing, verdictCounts } from './allure-overview-ring.ts';
import { keepAllureHistory, runsInHistory, seedAllureHistory } from './allure-history.ts';
import { writeAllureResults } from './allure-results.ts';
import { AllureResultsThread } from './allure-results-thread.ts';
import { writeCucumberHtml } from './cucumber-html.ts';
import { renderJunit } from './junit-report.ts';
import { renderMatrixHtml } from './matrix-html.ts';
import { environmentEntries, environmentWithDevices, type RunEnvironment } from './run-environment.ts';
import { readRunMessages, redactedEnvelope, serializeRunMessages, type Envelope } from './run-messages.ts';
import { ScenarioResultsBuilder, scenarioResults, type ScenarioResult } from './scenario-results.ts';
import { buildVerdictMatrix, type VerdictMatrix } from './verdict-matrix.ts';
import { renderVerdictSummary } from './verdict-summary-text.ts';
import { redactTranscriptFile, transcriptFiles } from '../transcript/worker-transcript.ts';

export const REPORT_FILES = {
  messages: 'cucumber-messages.ndjson',
  cucumberHtml: 'cucumber-report.html',
  junit: 'junit.xml',
  matrixJson: 'verdict-matrix.json',
  matrixHtml: 'verdict-matrix.html',
  allureResults: 'allure-results',
  allureReport: 'allure-report',
  allureHistory: 'allure-history',
} as const;

/**
 * The reports' work done while the run goes: each message, as cucumber hands it over, is
 * redacted, kept, added to the scenario results and replayed into the Allure results (on a
 * thread of their own), so at the run's end nothing is read back or parsed and Allure's HTML
 * can start at once. It never throws into the run: if it fails, the reports are made from the
 * messages file as before.
 */
export class LiveReports {
  readonly envelopes: Envelope[] = [];
  readonly results = new ScenarioResultsBuilder();
  redacted = false;
  failure: unknown;

  private constructor(readonly allure: AllureResultsThread | undefined) {}

  static async start(options: Pick<GenerateReportsOptions, 'reportsDir' | 'allure'>): Promise<LiveReports> {
    return new LiveReports(options.allure === false ? undefined : AllureResultsThread.start(join(options.reportsDir, REPORT_FILES.allureResults)));
  }

  /** One of cucumber's messages (its full type; the reports read the fields run-messages.ts names). */
  take(message: object): void {
    if (this.failure !== undefined) return;
    try {
      const { envelope, redacted } = redactedEnvelope(message as Envelope);
      this.redacted ||= redacted;
      this.envelopes.push(envelope);
      this.results.push(envelope);
      this.allure?.push(envelope);
    } catch (error) {
      this.failure = error;
    }
  }
}

export interface GenerateReportsOptions {
  reportsDir: string;
  /** What was made while the run went (its messages, results and Allure results); default: read the messages file. */
  live?: LiveReports;
  /** Default: <reportsDir>/cucumber-messages.ndjson. */
  messagesFile?: string;
  environment?: RunEnvironment;
  /** 'html' (default): results and the single-file report; 'results': results only; false: no Allure. */
  allure?: 'html' | 'results' | false;
  /** The java command for Allure (default: java on PATH). */
  java?: string;
  suiteName?: string;
  /** Where the Allure history is kept between runs (default: <reportsDir>/allure-history). */
  historyDir?: string;
}

export interface ReportPaths {
  messages: string;
  cucumberHtml: string;
  junit: string;
  matrixJson: string;
  matrixHtml: string;
  allureResults?: string;
  allureHtml?: string;
  allureHistory?: string;
  transcripts: string[];
}

export interface GeneratedReports {
  paths: ReportPaths;
  /** The verdict table for the end of the run. */
  summary: string;
  /** One-line notices, e.g. how to get the Allure report without Java. */
  notes: string[];
  scenarios: ScenarioResult[];
  matrix: VerdictMatrix;
  /** Milliseconds per phase (the Allure HTML overlaps the phases after 'allure results'), and in total. */
  timings: Record<string, number>;
  totalMs: number;
}

export async function generateReports(options: GenerateReportsOptions): Promise<GeneratedReports> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, work: () => Promise<T> | T): Promise<T> => {
    const from = performance.now();
    try {
      return await work();
    } finally {
      timings[phase] = Math.round(performance.now() - from);
    }
  };
  const dir = options.reportsDir;
  await mkdir(dir, { recursive: true });
  const paths: ReportPaths = {
    messages: options.messagesFile ?? join(dir, REPORT_FILES.messages),
    cucumberHtml: join(dir, REPORT_FILES.cucumberHtml),
    junit: join(dir, REPORT_FILES.junit),
    matrixJson: join(dir, REPORT_FILES.matrixJson),
    matrixHtml: join(dir, REPORT_FILES.matrixHtml),
    transcripts: transcriptFiles(dir),
  };
  const notes: string[] = [];

  const live = options.live !== undefined && options.live.failure === undefined ? options.live : undefined;
  if (options.live?.failure !== undefined) notes.push(`the reports were made from the messages file: taking them during the run failed (${oneLineOf(options.live.failure)})`);
  const { envelopes, redacted } = live ? { envelopes: live.envelopes, redacted: live.redacted } : await timed('read messages', () => readRunMessages(paths.messages));
  if (redacted) {
    await timed('redact messages', () => writeFile(paths.messages, serializeRunMessages(envelopes)));
    notes.push(`key material found in the cucumber messages was redacted (${paths.messages})`);
  }
  // A safety net for transcripts written without the redacting writer.
  await timed('redact transcripts', async () => {
    for (const path of paths.transcripts) {
      try {
        if (await redactTranscriptFile(path)) notes.push(`key material found in a transcript was redacted (${path})`);
      } catch (error) {
        notes.push(`the transcript ${path} could not be checked for key material: ${(error as Error).message}`);
      }
    }
  });
  const run = live ? live.results.run : await timed('scenario results', () => scenarioResults(envelopes));
  const environment: RunEnvironment = environmentWithDevices(options.environment ?? {}, envelopes);
  const entries = environmentEntries(environment);
  const matrix = buildVerdictMatrix(run.scenarios);

  // Allure's HTML is made by a Java process: it runs while the other reports are written.
  let allureHtml: Promise<void> | undefined;
  if (options.allure !== false) {
    const resultsDir = join(dir, REPORT_FILES.allureResults);
    const reportDir = join(dir, REPORT_FILES.allureReport);
    const historyDir = options.historyDir ?? join(dir, REPORT_FILES.allureHistory);
    const buildOrder = (await runsInHistory(historyDir)) + 1;
    await timed('allure results', async () => {
      const executor = { name: 'sm-conformance', buildOrder, buildName: `sm-conformance run ${buildOrder} (${environment.devices ? `pool of ${environment.devices.length}` : environment.dut ?? 'device'})`, reportName: overviewTitle(matrix) };
      if (live?.allure) await live.allure.finish({ environment: entries, executor }, { envelopes, scenarios: run.scenarios });
      else await writeAllureResults(envelopes, run.scenarios, { resultsDir, environment: entries, executor });
      await seedAllureHistory(historyDir, resultsDir);
    });
    paths.allureResults = resultsDir;
    if (options.allure !== 'results') {
      allureHtml = timed('allure html', () => generateAllureHtml({ resultsDir, reportDir, ...(options.java ? { java: options.java } : {}) })).then(async (outcome) => {
        if (outcome.kind === 'skipped') {
          notes.push(outcome.reason);
          return;
        }
        paths.allureHtml = outcome.path;
        await showStrictPassInRing(outcome.path, matrix.totals);
        paths.allureHistory = historyDir;
        await keepAllureHistory(outcome.path, historyDir);
        if (outcome.trackerLeft) notes.push(`the Allure report still holds analytics code that could not be removed: ${outcome.path}`);
      });
    }
  }

  await timed('cucumber html', () => writeCucumberHtml(envelopes, paths.cucumberHtml));
  await timed('junit', () => writeFile(paths.junit, renderJunit(run.scenarios, {
    suiteName: options.suiteName ?? 'sm-conformance',
    environment: entries,
    ...(run.startedAtMs !== undefined ? { timestamp: new Date(run.startedAtMs).toISOString() } : {}),
  })));
  await timed('matrix', async () => {
    await writeFile(paths.matrixJson, `${JSON.stringify(matrix, null, 1)}\n`);
    await writeFile(paths.matrixHtml, renderMatrixHtml(matrix, run.scenarios, {
      links: [
        { label: 'cucumber report', href: REPORT_FILES.cucumberHtml },
        ...(options.allure === false ? [] : [{ label: 'Allure report', href: `${REPORT_FILES.allureReport}/index.html` }]),
        { label: 'JUnit XML', href: REPORT_FILES.junit },
        ...paths.transcripts.map((path) => ({ label: relative(dir, path), href: relative(dir, path) })),
      ],
      environment: entries.map(([name, value]) => `${name}: ${value}`),
    }));
  });
  await allureHtml;

  return { paths, summary: renderVerdictSummary(matrix), notes, scenarios: run.scenarios, matrix, timings, totalMs: Math.round(performance.now() - started) };
}

function oneLineOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
}

/** The overview's title names every verdict that occurred, beside the ring's strict PASS share. */
function overviewTitle(matrix: VerdictMatrix): string {
  return `sm-conformance: ${verdictCounts(matrix.totals) || 'no scenario'}`;
}
