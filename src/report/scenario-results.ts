// The run as the reports see it: one ScenarioResult per scenario run (the last attempt
// when cucumber retried), with its traceability, cucumber status, steps, attachments and
// verdict. Built once from the messages and used by JUnit, the matrix and the summary.

import { parseVerdictAttachment } from './attachments.ts';
import { DEVICE_ID_MEDIA_TYPE, parseDeviceLabel } from './device-attachment.ts';
import { timestampMs, type Envelope, type Timestamp } from './run-messages.ts';
import { traceabilityOf, type Traceability } from './traceability-tags.ts';
import { VERDICT_MEDIA_TYPE, type Verdict } from './verdict.ts';

export interface StepAttachment {
  mediaType: string;
  fileName?: string;
  body: string;
}

export interface StepOutcome {
  /** The step's text, or 'Before hook' / 'After hook'. */
  text: string;
  hook: boolean;
  status: string;
  message?: string;
  /** The thrown error's class (`Error`, `TypeError`, …) and stack, when a step threw. */
  exceptionType?: string;
  stack?: string;
  attachments: StepAttachment[];
}

export interface ScenarioResult {
  /** testCaseStarted id (unique per run). */
  id: string;
  name: string;
  uri: string;
  line?: number;
  featureName: string;
  tags: string[];
  trace: Traceability;
  /** cucumber's worst step status: PASSED, FAILED, SKIPPED, UNDEFINED, AMBIGUOUS, PENDING. */
  status: string;
  /** The first failure message, if a step failed. */
  message?: string;
  verdict: Verdict;
  reasons: string[];
  errata: string[];
  /** false when no verdict attachment was found and the verdict comes from the status. */
  verdictRecorded: boolean;
  durationMs: number;
  workerId?: string;
  /** The id of the device that ran it (its pool entry, or the --dut text). */
  device?: string;
  /** The device's pool tags. */
  deviceTags?: string[];
  /** How many times it ran (more than 1 under --retry). */
  attempts?: number;
  /** Why each earlier attempt failed, in order (empty without retries). */
  failedAttempts?: string[];
  steps: StepOutcome[];
}

export interface RunResults {
  scenarios: ScenarioResult[];
  startedAtMs?: number;
  finishedAtMs?: number;
  cucumberVersion?: string;
}

const STATUS_RANK = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];

interface Pending {
  pickleId: string;
  result: ScenarioResult;
  stepsById: Map<string, StepOutcome>;
  startedMs: number;
}

export function scenarioResults(envelopes: readonly Envelope[]): RunResults {
  const builder = new ScenarioResultsBuilder();
  for (const envelope of envelopes) builder.push(envelope);
  return builder.run;
}

/** The same, message by message as a run goes: each scenario's result as soon as it finishes. */
export class ScenarioResultsBuilder {
  readonly run: RunResults = { scenarios: [] };
  private readonly features = new Map<string, string>();
  private readonly pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  private readonly testCases = new Map<string, NonNullable<Envelope['testCase']>>();
  private readonly running = new Map<string, Pending>();
  /** pickle id → why its earlier attempts failed (cucumber's --retry). */
  private readonly failedAttempts = new Map<string, string[]>();

  /** Takes one message; returns the scenario it finished, if it finished one. */
  push(envelope: Envelope): ScenarioResult | undefined {
    const { features, pickles, testCases, running, run, failedAttempts } = this;
    const finished = run.scenarios;
    if (envelope.meta) run.cucumberVersion = envelope.meta.implementation?.version;
    else if (envelope.gherkinDocument?.uri) features.set(envelope.gherkinDocument.uri, envelope.gherkinDocument.feature?.name ?? envelope.gherkinDocument.uri);
    else if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase);
    else if (envelope.testRunStarted) run.startedAtMs = timestampMs(envelope.testRunStarted.timestamp);
    else if (envelope.testRunFinished) run.finishedAtMs = timestampMs(envelope.testRunFinished.timestamp);
    else if (envelope.testCaseStarted) {
      const started = envelope.testCaseStarted;
      const testCase = testCases.get(started.testCaseId);
      const pickle = testCase && pickles.get(testCase.pickleId);
      if (!testCase || !pickle) return undefined;
      const stepTexts = new Map(pickle.steps.map((step) => [step.id, step.text]));
      const stepsById = new Map<string, StepOutcome>();
      let seenPickleStep = false;
      for (const step of testCase.testSteps) {
        const hook = step.pickleStepId === undefined;
        if (!hook) seenPickleStep = true;
        const text = hook ? (seenPickleStep ? 'After hook' : 'Before hook') : (stepTexts.get(step.pickleStepId!) ?? '(unknown step)');
        stepsById.set(step.id, { text, hook, status: 'UNKNOWN', attachments: [] });
      }
      const tags = pickle.tags.map((tag) => tag.name);
      running.set(started.id, {
        pickleId: pickle.id,
        startedMs: timestampMs(started.timestamp) ?? 0,
        stepsById,
        result: {
          id: started.id, name: pickle.name, uri: pickle.uri, line: pickle.location?.line, featureName: features.get(pickle.uri) ?? pickle.uri,
          tags, trace: traceabilityOf(tags), status: 'UNKNOWN', verdict: 'PASS', reasons: [], errata: [], verdictRecorded: false,
          durationMs: 0, ...(started.workerId ? { workerId: started.workerId } : {}), steps: [...stepsById.values()],
          attempts: started.attempt + 1, failedAttempts: [],
        },
      });
    } else if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepId, testStepResult } = envelope.testStepFinished;
      const step = running.get(testCaseStartedId)?.stepsById.get(testStepId);
      if (!step) return undefined;
      step.status = testStepResult.status;
      const message = testStepResult.message ?? testStepResult.exception?.message;
      if (message) step.message = message;
      if (testStepResult.exception?.type) step.exceptionType = testStepResult.exception.type;
      const stack = testStepResult.exception?.stackTrace ?? (testStepResult.message?.includes('\n    at ') ? testStepResult.message : undefined);
      if (stack) step.stack = stack;
    } else if (envelope.attachment) {
      const attachment = envelope.attachment;
      const pending = attachment.testCaseStartedId ? running.get(attachment.testCaseStartedId) : undefined;
      if (!pending) return undefined;
      const body = attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
      if (attachment.mediaType === DEVICE_ID_MEDIA_TYPE) {
        const device = parseDeviceLabel(body);
        if (device) Object.assign(pending.result, { device: device.id, ...(device.tags.length > 0 ? { deviceTags: device.tags } : {}) });
        return undefined;
      }
      if (attachment.mediaType === VERDICT_MEDIA_TYPE) {
        const verdict = parseVerdictAttachment(body);
        if (verdict) Object.assign(pending.result, { verdict: verdict.verdict, reasons: verdict.reasons, errata: verdict.errata, verdictRecorded: true });
        return undefined;
      }
      const step = attachment.testStepId ? pending.stepsById.get(attachment.testStepId) : undefined;
      step?.attachments.push({ mediaType: attachment.mediaType, body, ...(attachment.fileName ? { fileName: attachment.fileName } : {}) });
    } else if (envelope.testCaseFinished) {
      const { testCaseStartedId, willBeRetried, timestamp } = envelope.testCaseFinished;
      const pending = running.get(testCaseStartedId);
      running.delete(testCaseStartedId);
      if (!pending) return undefined;
      finish(pending, timestamp);
      const earlier = failedAttempts.get(pending.pickleId) ?? [];
      if (willBeRetried) {
        earlier.push(`attempt ${pending.result.attempts ?? 1}: ${pending.result.reasons[0] ?? pending.result.message?.split('\n', 1)[0] ?? 'failed'}`);
        failedAttempts.set(pending.pickleId, earlier);
        return undefined;
      }
      const result = retriedOutcome(pending.result, earlier);
      finished.push(result);
      return result;
    }
    return undefined;
  }
}

/**
 * A scenario that failed and then passed is FLAKY, never PASS: the device did not behave the
 * same way every time (design: who is to blame). A last attempt that FAILs stays FAIL.
 */
function retriedOutcome(result: ScenarioResult, failed: string[]): ScenarioResult {
  result.failedAttempts = failed;
  if (failed.length > 0 && (result.verdict === 'PASS' || result.verdict === 'NON-STRICT')) {
    result.reasons = [`failed, then passed on attempt ${result.attempts ?? 1}`, ...failed, ...result.reasons];
    result.verdict = 'FLAKY';
  }
  return result;
}

function finish(pending: Pending, timestamp: Timestamp): void {
  const result = pending.result;
  result.durationMs = Math.max(0, (timestampMs(timestamp) ?? pending.startedMs) - pending.startedMs);
  let worst = 'UNKNOWN';
  for (const step of result.steps) {
    if (STATUS_RANK.indexOf(step.status) > STATUS_RANK.indexOf(worst)) worst = step.status;
    if (step.message && result.message === undefined && step.status === 'FAILED') result.message = step.message;
  }
  result.status = worst === 'UNKNOWN' ? 'PASSED' : worst;
  if (!result.verdictRecorded) Object.assign(result, verdictFromStatus(result));
}

/** Without a verdict attachment (hooks not wired, or a crash), the status and the log decide. */
function verdictFromStatus(result: ScenarioResult): Pick<ScenarioResult, 'verdict' | 'reasons'> {
  const unrecorded = 'no verdict was recorded; taken from the cucumber status';
  if (result.status === 'PASSED') return { verdict: 'PASS', reasons: [unrecorded] };
  if (result.status === 'SKIPPED') {
    for (const step of result.steps) {
      for (const attachment of step.attachments) {
        const match = /^(INCONCLUSIVE|N\/A): (.*)$/s.exec(attachment.body);
        if (attachment.mediaType === 'text/x.cucumber.log+plain' && match) return { verdict: match[1] as Verdict, reasons: [match[2]!] };
      }
    }
    return { verdict: 'INCONCLUSIVE', reasons: [`${unrecorded} (skipped)`] };
  }
  return { verdict: 'FAIL', reasons: [result.message?.split('\n', 1)[0] ?? `a step is ${result.status.toLowerCase()}`, unrecorded] };
}
