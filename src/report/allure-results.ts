// Allure results from a run's cucumber messages, written by allure-cucumberjs's own
// formatter: the messages are replayed into it after the run instead of it listening
// during the run. That keeps the cucumber configuration free of Allure, works the same
// for one process and for parallel workers, and lets each result carry what only the
// whole scenario knows, its verdict.
//
// Allure's status is the verdict (design: Verdicts): FAIL failed, INCONCLUSIVE and N/A
// skipped with the reason as the message, NON-STRICT passed, tagged and listed in
// Categories by erratum; `broken` only when the harness itself broke, with its stack
// (project frames first). The status message leads with the verdict (verdict-explanation.ts)
// and the description holds the spec example's and the erratum's text, so the report
// needs no sibling file. Per result: epic = the spec page, feature = the command, story =
// the form, label and parameter `verdict`.

import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conformanceCategories } from './allure-categories.ts';
import { ScenarioFiles } from './allure-scenario-files.ts';
import { SEQUENCE_CHART_FILE, TEXT_MEDIA_TYPE } from './attachments.ts';
import { DEVICE_IDENTITY_MEDIA_TYPE, SPEC_PAGE } from './run-environment.ts';
import type { Envelope } from './run-messages.ts';
import type { ScenarioResult } from './scenario-results.ts';
import { VERDICT_MEDIA_TYPE } from './verdict.ts';
import { errataOf, errorMessage, failingStep, harnessBroke, projectFirstStack, verdictDescriptionHtml, verdictLead } from './verdict-explanation.ts';
import { DEVICE_ID_MEDIA_TYPE } from './device-attachment.ts';

export interface AllureResultsOptions {
  resultsDir: string;
  /** environment.properties, in order. */
  environment: readonly [string, string][];
  executor?: { name: string; buildOrder?: number; buildName?: string; reportName?: string };
}

/** allure-js-commons' runtime message media type (ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE). */
const ALLURE_MESSAGE_MEDIA_TYPE = 'application/vnd.allure.message+json';
const CUCUMBER_LOG_MEDIA_TYPE = 'text/x.cucumber.log+plain';
const CSV_MEDIA_TYPE = 'text/csv';

/** The label that carries a result's scenario id from the replay to the finishing touches (removed there). */
const SCENARIO_LABEL = 'sm-conformance-scenario';

interface AllureLabel { name: string; value: string }
interface AllureStatusDetails { message?: string; trace?: string; flaky?: boolean }
interface AllureStep { name?: string; status?: string; statusDetails?: AllureStatusDetails; steps?: AllureStep[] }
interface AllureGroup { uuid: string; name?: string; children: string[]; befores: unknown[]; afters: unknown[] }
interface AllureResult {
  status?: string;
  links: { url: string; name?: string; type?: string }[];
  statusDetails?: AllureStatusDetails;
  labels: AllureLabel[];
  parameters: { name: string; value: string }[];
  steps?: AllureStep[];
}

/** Every result of a finished run at once (reports regenerated from a messages file). */
export async function writeAllureResults(envelopes: readonly Envelope[], scenarios: readonly ScenarioResult[], options: AllureResultsOptions): Promise<number> {
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  const replay = await AllureResultsReplay.start(options.resultsDir);
  for (const envelope of envelopes) replay.push(envelope, envelope.testCaseFinished ? byId.get(envelope.testCaseFinished.testCaseStartedId) : undefined);
  return replay.finish(options);
}

type HookMessage = { id: string; type?: string; sourceReference?: { uri?: string; location?: { line?: number } } };
type ReporterClass = new (options: never) => unknown;

/**
 * The replay, message by message: fed while the run goes (`sm-conformance run`), the results
 * are ready when the last scenario ends, and Allure's HTML can start at once. The formatter
 * is made at the run's start (testRunStarted), once the hook definitions it names fixtures
 * by have all been seen; files are written at finish().
 */
export class AllureResultsReplay {
  private readonly broadcaster = new EventEmitter();
  private readonly scenarios = new Map<string, ScenarioResult>();
  private readonly writer: PlainResultsWriter;
  private readonly hooks: HookMessage[] = [];
  private readonly charts = new Map<string, Envelope>();
  private readonly files = new ScenarioFiles();
  /** What came before the run started (sources, pickles, hooks), replayed once the formatter exists. */
  private readonly early: Envelope[] = [];
  private started = false;
  private written = 0;

  private constructor(private readonly resultsDir: string, private readonly Reporter: ReporterClass) {
    this.writer = new PlainResultsWriter(resultsDir, () => this.written++);
  }

  static async start(resultsDir: string): Promise<AllureResultsReplay> {
    const { default: Reporter } = (await import('allure-cucumberjs/reporter')) as unknown as { default: ReporterClass };
    return new AllureResultsReplay(resultsDir, Reporter);
  }

  /** One message of the run; with a testCaseFinished, the scenario it finished. */
  push(envelope: Envelope, finished?: ScenarioResult): void {
    if (!this.started) {
      if (envelope.hook) this.hooks.push(envelope.hook as HookMessage);
      this.early.push(envelope);
      if (!envelope.testRunStarted) return;
      this.startReporter();
      for (const before of this.early.splice(0)) this.emit(before, undefined);
      return;
    }
    this.emit(envelope, finished);
  }

  private emit(envelope: Envelope, finished: ScenarioResult | undefined): void {
    for (const each of this.files.replay(envelope)) this.emitOne(each, finished);
  }

  private emitOne(envelope: Envelope, finished: ScenarioResult | undefined): void {
    // The After hook attaches the sequence chart; replayed once the hooks are done, it lands
    // on the test itself instead of under "Tear down".
    const chartOf = envelope.attachment?.fileName === SEQUENCE_CHART_FILE ? envelope.attachment.testCaseStartedId : undefined;
    if (chartOf !== undefined) {
      this.charts.set(chartOf, { attachment: { ...envelope.attachment!, testStepId: undefined } });
      return;
    }
    const done = envelope.testCaseFinished;
    if (done) {
      if (finished) {
        this.scenarios.set(finished.id, finished);
        this.broadcaster.emit('envelope', verdictMetadata(done.testCaseStartedId, finished));
      }
      const chart = this.charts.get(done.testCaseStartedId);
      this.charts.delete(done.testCaseStartedId);
      if (chart) this.broadcaster.emit('envelope', chart);
    }
    const shown = replayed(envelope);
    if (shown) this.broadcaster.emit('envelope', shown);
  }

  /** Writes the results, the environment and the executor; returns how many results. */
  async finish(options: Pick<AllureResultsOptions, 'environment' | 'executor'>): Promise<number> {
    if (!this.started) {
      // a stream without testRunStarted (a broken run): whatever came is still replayed
      this.startReporter();
      for (const before of this.early.splice(0)) this.emit(before, undefined);
    }
    this.writer.environment = options.environment;
    this.writer.writeEnvironmentInfo();
    if (options.executor) this.writer.writeJson('executor.json', { type: 'sm-conformance', ...options.executor });
    if (!this.writer.has('categories.json')) this.writer.writeCategoriesDefinitions(conformanceCategories());
    await this.writer.flush();
    return this.written;
  }

  private startReporter(): void {
    this.started = true;
    const hookDefinitions = (type: string, word: string) => this.hooks
      .filter((hook) => hook.type === type)
      .map((hook) => ({ id: hook.id, name: `${word} hook (${hook.sourceReference?.uri ?? '?'}:${hook.sourceReference?.location?.line ?? '?'})` }));
    const config = {
      writer: this.writer,
      categories: conformanceCategories(),
      listeners: [{ beforeTestResultWrite: (result: AllureResult) => finishResult(result, this.scenarios) }],
    };
    // The formatter reads only these parts of cucumber's formatter options.
    const formatterOptions = {
      parsedArgvOptions: config,
      eventBroadcaster: this.broadcaster,
      supportCodeLibrary: {
        beforeTestCaseHookDefinitions: hookDefinitions('BEFORE_TEST_CASE', 'Before'),
        afterTestCaseHookDefinitions: hookDefinitions('AFTER_TEST_CASE', 'After'),
        beforeTestRunHookDefinitions: [],
        afterTestRunHookDefinitions: [],
        World: class ReplayWorld {},
      },
      cwd: process.cwd(),
      log: () => undefined,
      cleanup: async () => undefined,
    };
    new this.Reporter(formatterOptions as never);
  }
}

/** Attachments as the report shows them: device text as text/plain, our own records left out. */
function replayed(envelope: Envelope): Envelope | undefined {
  const attachment = envelope.attachment;
  if (!attachment) return envelope;
  // The verdict is a label and a parameter, the identity is in the environment: as files they would only cost time.
  if (attachment.mediaType === VERDICT_MEDIA_TYPE || attachment.mediaType === DEVICE_IDENTITY_MEDIA_TYPE || attachment.mediaType === DEVICE_ID_MEDIA_TYPE) return undefined;
  if (attachment.mediaType === CUCUMBER_LOG_MEDIA_TYPE) {
    // The After hook's `verdict: ...` line is already the verdict label, parameter and status message.
    if (attachment.body.startsWith('verdict: ')) return undefined;
    return { attachment: { ...attachment, mediaType: TEXT_MEDIA_TYPE, fileName: 'log.txt' } };
  }
  if (attachment.mediaType.startsWith('text/') && attachment.mediaType !== TEXT_MEDIA_TYPE) return { attachment: { ...attachment, mediaType: TEXT_MEDIA_TYPE } };
  return envelope;
}

function verdictMetadata(testCaseStartedId: string, scenario: ScenarioResult): Envelope {
  const labels: AllureLabel[] = [{ name: 'epic', value: SPEC_PAGE }, { name: 'parentSuite', value: SPEC_PAGE }, { name: 'suite', value: scenario.featureName }];
  if (scenario.trace.command) labels.push({ name: 'feature', value: scenario.trace.command });
  if (scenario.trace.command && scenario.trace.form) labels.push({ name: 'story', value: `${scenario.trace.command} ${scenario.trace.form}` });
  labels.push({ name: 'verdict', value: scenario.verdict }, { name: SCENARIO_LABEL, value: scenario.id });
  // Marked where the scenario's page shows its tags: the verdict, and each erratum it showed.
  if (scenario.verdict !== 'PASS') labels.push({ name: 'tag', value: scenario.verdict });
  if (scenario.verdict === 'NON-STRICT') for (const id of scenario.errata) labels.push({ name: 'tag', value: `NON-STRICT ${id}` });
  const parameters: { name: string; value: string }[] = [{ name: 'verdict', value: scenario.verdict }];
  if (scenario.device !== undefined) {
    // A label to group by, and a parameter so that one scenario on two devices is two tests, not retries of one.
    labels.push({ name: 'device', value: scenario.device });
    for (const tag of scenario.deviceTags ?? []) labels.push({ name: 'tag', value: `device:${tag}` });
    parameters.push({ name: 'device', value: scenario.device });
  }
  const description = scenario.verdict === 'PASS' && scenario.trace.examples.length === 0 && errataOf(scenario).length === 0 ? undefined : verdictDescriptionHtml(scenario);
  const message = { type: 'metadata', data: { labels, parameters, ...(description ? { descriptionHtml: description } : {}) } };
  return { attachment: { testCaseStartedId, mediaType: ALLURE_MESSAGE_MEDIA_TYPE, body: JSON.stringify([message]), contentEncoding: 'IDENTITY' } };
}

const ALLURE_STATUS = { 'PASS': 'passed', 'NON-STRICT': 'passed', 'FAIL': 'failed', 'INCONCLUSIVE': 'skipped', 'N/A': 'skipped', 'FLAKY': 'passed' } as const;

/** The last touches only the whole result allows: one feature label, the verdict as status and message. */
function finishResult(result: AllureResult, scenarios: ReadonlyMap<string, ScenarioResult>): void {
  const features = result.labels.filter((label) => label.name === 'feature');
  if (features.length > 1) {
    const kept = features[features.length - 1];
    result.labels = result.labels.filter((label) => label.name !== 'feature' || label === kept);
  }
  const id = result.labels.find((label) => label.name === SCENARIO_LABEL)?.value;
  result.labels = result.labels.filter((label) => label.name !== SCENARIO_LABEL);
  const scenario = id !== undefined ? scenarios.get(id) : undefined;
  if (!scenario) return;
  const broke = harnessBroke(scenario);
  result.status = broke ? 'broken' : ALLURE_STATUS[scenario.verdict];
  const step = failingStep(scenario);
  if (scenario.verdict === 'PASS') delete result.statusDetails;
  else {
    result.statusDetails = {
      message: verdictLead(scenario),
      ...(broke && step?.stack ? { trace: projectFirstStack(step.stack) } : {}),
      // Allure's own mark for a test that failed, then passed on a retry.
      ...(scenario.verdict === 'FLAKY' ? { flaky: true } : {}),
    };
  }
  for (const allureStep of result.steps ?? []) finishStep(allureStep, broke);
}

/** A failing check's step shows its message, not the JS stack that threw it; Allure calls a plain Error 'broken'. */
function finishStep(step: AllureStep, broke: boolean): void {
  for (const child of step.steps ?? []) finishStep(child, broke);
  if (step.status !== 'broken' && step.status !== 'failed') return;
  if (broke) {
    if (step.statusDetails?.trace) step.statusDetails.trace = projectFirstStack(step.statusDetails.trace);
    return;
  }
  step.status = 'failed';
  const message = step.statusDetails?.message;
  step.statusDetails = message ? { message: errorMessage(message) } : {};
}

/**
 * allure-js-commons' Writer without its fsync per file, writing each result and attachment
 * as the formatter hands it over, into a folder of its own beside the results folder, so
 * the thousands of files of a full suite are on disk when the run ends and Allure's HTML can
 * start at once. flush() swaps that folder in for the results folder (a run that stops
 * early leaves the last one). The reports are regenerated from the messages if lost.
 */
class PlainResultsWriter {
  /** Each file's write, chained after an earlier write of the same name. */
  private readonly writes = new Map<string, Promise<void>>();
  private heldGroup: AllureGroup | undefined;
  private readonly heldTables = new Map<string, Buffer>();
  private readonly staging: string;
  private failure: unknown;
  private staged = false;
  private readonly dropStaging = (): void => dropStagingFolder(this.dir);

  constructor(private readonly dir: string, private readonly onResult: () => void) {
    this.staging = stagingFolder(dir);
  }

  /** Makes the written files the results folder (a previous run's results would mix into this report). */
  async flush(): Promise<void> {
    this.stage();
    this.writeHeldGroup();
    this.writeHeldTables();
    await Promise.all(this.writes.values());
    if (this.failure !== undefined) throw this.failure;
    const previous = `${this.dir}.previous-${process.pid}`;
    rmSync(previous, { recursive: true, force: true });
    if (existsSync(this.dir)) renameSync(this.dir, previous);
    renameSync(this.staging, this.dir);
    process.off('exit', this.dropStaging);
    await rm(previous, { recursive: true, force: true });
  }

  has(name: string): boolean {
    return this.writes.has(name);
  }

  private put(name: string, content: Buffer): void {
    this.stage();
    const path = join(this.staging, name);
    const write = (this.writes.get(name) ?? Promise.resolve()).then(() => writeFile(path, content)).catch((error: unknown) => {
      this.failure ??= error;
    });
    this.writes.set(name, write);
  }

  private stage(): void {
    if (this.staged) return;
    this.staged = true;
    this.dropStaging();
    mkdirSync(this.staging, { recursive: true });
    // a run that exits before its reports are made leaves no half-written folder behind
    process.on('exit', this.dropStaging);
  }

  writeResult(result: { uuid: string; attachments?: { name: string; type?: string; source: string }[] }): void {
    this.onResult();
    this.writeHeldGroup();
    // The outline's whole Examples table, as CSV: the result's parameters already hold its row.
    for (const attachment of result.attachments ?? []) if (isExamplesTable(attachment)) this.heldTables.delete(attachment.source);
    result.attachments = result.attachments?.filter((attachment) => !isExamplesTable(attachment));
    this.writeHeldTables();
    this.put(`${result.uuid}-result.json`, Buffer.from(JSON.stringify(result)));
  }

  /**
   * allure-js writes a container per hook run, three per scenario here: the ones of one
   * scenario, written one after another, go out as one container holding every fixture.
   */
  writeGroup(group: AllureGroup): void {
    const held = this.heldGroup;
    if (held && held.children.length === group.children.length && held.children.every((child, index) => child === group.children[index])) {
      held.befores.push(...group.befores);
      held.afters.push(...group.afters);
      return;
    }
    this.writeHeldGroup();
    this.heldGroup = { ...group, befores: [...group.befores], afters: [...group.afters] };
  }

  private writeHeldTables(): void {
    for (const [name, content] of this.heldTables) this.put(name, content);
    this.heldTables.clear();
  }

  private writeHeldGroup(): void {
    if (!this.heldGroup) return;
    this.put(`${this.heldGroup.uuid}-container.json`, Buffer.from(JSON.stringify(this.heldGroup)));
    this.heldGroup = undefined;
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    // tables wait for their result, which says whether it keeps them
    if (distFileName.endsWith('.csv')) this.heldTables.set(distFileName, content);
    else this.put(distFileName, content);
  }

  writeAttachmentFromPath(distFileName: string, from: string): void {
    this.put(distFileName, readFileSync(from));
  }

  /** The run's environment, known only at its end: the formatter's own call (at testRunFinished) writes nothing until then. */
  environment: readonly [string, string][] | undefined;

  writeEnvironmentInfo(): void {
    if (!this.environment) return;
    const lines = this.environment.map(([key, value]) => `${propertiesText(key, true)}=${propertiesText(value, false)}`);
    this.put('environment.properties', Buffer.from(`${lines.join('\n')}\n`));
  }

  writeCategoriesDefinitions(categories: unknown): void {
    this.put('categories.json', Buffer.from(JSON.stringify(categories)));
  }

  writeGlobals(distFileName: string, info: unknown): void {
    this.put(distFileName, Buffer.from(JSON.stringify(info)));
  }

  writeJson(name: string, value: unknown): void {
    this.put(name, Buffer.from(JSON.stringify(value)));
  }
}

/** allure-cucumberjs's attachment of an outline's whole Examples table. */
function isExamplesTable(attachment: { name: string; type?: string }): boolean {
  return attachment.type === CSV_MEDIA_TYPE && attachment.name.startsWith('Examples');
}

/** Where a run writes its results before they become the results folder. */
export function stagingFolder(resultsDir: string): string {
  return `${resultsDir}.partial-${process.pid}`;
}

/**
 * Removes the staging folder, even with writes still under way (a process exiting under its
 * results thread): renamed first, so a write not yet begun finds no folder, then removed, a
 * few tries given to a file a write in flight made meanwhile. Never throws: it runs on exit.
 */
export function dropStagingFolder(resultsDir: string): void {
  const staging = stagingFolder(resultsDir);
  const dropped = `${staging}.dropped`;
  try {
    rmSync(dropped, { recursive: true, force: true });
    renameSync(staging, dropped);
  } catch {
    return;
  }
  try {
    rmSync(dropped, { recursive: true, force: true, maxRetries: 5, retryDelay: 10 });
  } catch {
    // a folder that will not go is left; the next run of this pid's name clears it
  }
}

/** Java properties escaping: backslash, line ends, and in keys the separators. */
function propertiesText(text: string, key: boolean): string {
  let out = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  if (key) out = out.replace(/([=: ])/g, '\\$1');
  return out.replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
