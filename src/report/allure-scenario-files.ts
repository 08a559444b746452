// A scenario in as few Allure files as tells its story. Its wire goes in one file: the
// known-state reset, then each step's slice under a comment naming the step, attached to the
// test beside its sequence chart. A scenario whose steps and hooks all passed stops there: its
// hooks (the reset, the verdict) show as no "Set up" or "Tear down" of their own, since the
// wire file holds the reset and the verdict is the result's status. A scenario with anything
// that did not pass keeps all of it as well: each step's slice under the step, the hooks as
// Allure's fixtures with the reset's slice, where a reader digging into a failure looks.
//
// Why: Allure 2 takes attachments only as files, and on a VM's disk (ext4 on virtio) a file
// costs about 0.4 ms of CPU to create, more than a step costs to run, then again for Allure to
// read. A full suite made 5,968 files; now 1,582 (bench/main-job.ts, figures in the issue note).
//
// Whether everything passed is known only at the scenario's end, so a scenario's messages are
// held until then and handed on together, in their order.

import { RESET_WIRE_FILE, WIRE_SLICE_FILE } from './attachments.ts';
import type { Envelope } from './run-messages.ts';

type WireAttachment = NonNullable<Envelope['attachment']>;

/** A gherkin step as the document holds it: its id and keyword (`When `). */
interface GherkinStep { id: string; keyword: string }
interface GherkinNode { steps?: GherkinStep[]; children?: GherkinChild[] }
interface GherkinChild { background?: GherkinNode; scenario?: GherkinNode; rule?: GherkinNode }

const PASSED = 'PASSED';
const RESET_HEADING = '# known-state reset, before the scenario';

interface HeldScenario {
  envelopes: Envelope[];
  allPassed: boolean;
}

export class ScenarioFiles {
  private readonly keywords = new Map<string, string>();
  private readonly stepNames = new Map<string, string>();
  /** Test step id → the name Allure shows for it (keyword and text). */
  private readonly testSteps = new Map<string, string>();
  /** Test step ids of hooks. */
  private readonly hookSteps = new Set<string>();
  /** Per running scenario (testCaseStartedId): its messages so far. */
  private readonly held = new Map<string, HeldScenario>();

  /** What to replay in place of one message: nothing while its scenario runs, the scenario's messages at its end. */
  replay(envelope: Envelope): Envelope[] {
    this.learn(envelope);
    const started = envelope.testCaseStarted;
    if (started) {
      this.held.set(started.id, { envelopes: [envelope], allPassed: true });
      return [];
    }
    // a run stopped under a scenario: its messages as they came
    if (envelope.testRunFinished) return [...this.drain(), envelope];
    const id = scenarioOf(envelope);
    const scenario = id !== undefined ? this.held.get(id) : undefined;
    if (id === undefined || scenario === undefined) return [envelope];
    const status = envelope.testStepFinished?.testStepResult.status;
    if (status !== undefined && status !== PASSED) scenario.allPassed = false;
    if (!envelope.testCaseFinished) {
      scenario.envelopes.push(envelope);
      return [];
    }
    this.held.delete(id);
    return [...this.released(id, scenario), envelope];
  }

  private drain(): Envelope[] {
    const left = [...this.held.values()].flatMap((scenario) => scenario.envelopes);
    this.held.clear();
    return left;
  }

  private released(id: string, scenario: HeldScenario): Envelope[] {
    const headings = new Map<Envelope, string>();
    for (const envelope of scenario.envelopes) {
      const heading = this.sectionHeading(envelope);
      if (heading !== undefined) headings.set(envelope, heading);
    }
    const kept = scenario.allPassed ? scenario.envelopes.filter((envelope) => !headings.has(envelope) && !this.isHookStep(envelope)) : scenario.envelopes;
    if (headings.size === 0) return kept;
    let header = '';
    const sections = [...headings].map(([envelope, heading]) => {
      const split = splitHeader(envelope.attachment!.body);
      header ||= split.header;
      return `${heading}\n${split.records}`;
    });
    const wire: WireAttachment = { testCaseStartedId: id, mediaType: 'text/plain', fileName: WIRE_SLICE_FILE, body: `${header}${sections.join('')}`, contentEncoding: 'IDENTITY' };
    return [...kept, { attachment: wire }];
  }

  /** The comment a slice goes under in the scenario's wire file; undefined for any other message. */
  private sectionHeading(envelope: Envelope): string | undefined {
    const attachment = envelope.attachment;
    if (attachment?.testStepId === undefined) return undefined;
    if (attachment.fileName === RESET_WIRE_FILE && this.hookSteps.has(attachment.testStepId)) return RESET_HEADING;
    const name = attachment.fileName === WIRE_SLICE_FILE ? this.testSteps.get(attachment.testStepId) : undefined;
    return name === undefined ? undefined : `# step: ${name}`;
  }

  /** A hook's start or end (its attachments stay: Allure puts them on the test). */
  private isHookStep(envelope: Envelope): boolean {
    const stepStarted = envelope.testStepStarted as { testStepId?: string } | undefined;
    const stepId = envelope.testStepFinished?.testStepId ?? stepStarted?.testStepId;
    return stepId !== undefined && this.hookSteps.has(stepId);
  }

  private learn(envelope: Envelope): void {
    const feature = (envelope.gherkinDocument as { feature?: GherkinNode } | undefined)?.feature;
    if (feature) this.learnKeywords(feature);
    const pickle = envelope.pickle;
    if (pickle) {
      for (const step of pickle.steps as { id: string; text: string; astNodeIds?: string[] }[]) {
        const keyword = (step.astNodeIds ?? []).map((id) => this.keywords.get(id)).find((each) => each !== undefined) ?? '';
        this.stepNames.set(step.id, `${keyword}${step.text}`);
      }
    }
    for (const step of envelope.testCase?.testSteps ?? []) {
      if (step.hookId !== undefined) this.hookSteps.add(step.id);
      const name = step.pickleStepId !== undefined ? this.stepNames.get(step.pickleStepId) : undefined;
      if (name !== undefined) this.testSteps.set(step.id, name);
    }
  }

  private learnKeywords(node: GherkinNode): void {
    for (const step of node.steps ?? []) this.keywords.set(step.id, step.keyword);
    for (const child of node.children ?? []) {
      for (const part of [child.background, child.scenario, child.rule]) if (part) this.learnKeywords(part);
    }
  }
}

/** The scenario (testCaseStartedId) a message belongs to, if any. */
function scenarioOf(envelope: Envelope): string | undefined {
  const stepStarted = envelope.testStepStarted as { testCaseStartedId?: string } | undefined;
  return envelope.testStepFinished?.testCaseStartedId ?? envelope.attachment?.testCaseStartedId ?? envelope.testCaseFinished?.testCaseStartedId ?? stepStarted?.testCaseStartedId;
}

/** A slice's leading comment lines (the transcript's mark and legend), and the records after them. */
function splitHeader(body: string): { header: string; records: string } {
  let end = 0;
  while (body.startsWith('#', end)) {
    const lineEnd = body.indexOf('\n', end);
    if (lineEnd < 0) return { header: body, records: '' };
    end = lineEnd + 1;
  }
  return { header: body.slice(0, end), records: body.slice(end) };
}
