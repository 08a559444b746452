// Allure's copy of a scenario's wire: one file per scenario, the steps' slices one after
// another under a comment naming each step, attached to the test beside its sequence chart.
// A scenario with a step (or hook) that did not pass keeps its steps' own slices as well,
// under each step, where a reader digging into a failure looks.
//
// Why not a file per step, as cucumber's report shows it: Allure 2 takes attachments only as
// files, and a file costs about 0.4 ms of CPU to create on a VM's disk (ext4 on virtio), then
// again to read and to delete. A full suite had 2,471 step slices; merged, the main job writes
// and Allure reads 1,900 files fewer (bench/main-job.ts, figures in the issue note).
//
// Whether every step passed is known only at the scenario's end, so a scenario's messages are
// held until then and handed on together, in their order.

import { WIRE_SLICE_FILE } from './attachments.ts';
import type { Envelope } from './run-messages.ts';

type WireAttachment = NonNullable<Envelope['attachment']>;

/** A gherkin step as the document holds it: its id and keyword (`When `). */
interface GherkinStep { id: string; keyword: string }
interface GherkinNode { steps?: GherkinStep[]; children?: GherkinChild[] }
interface GherkinChild { background?: GherkinNode; scenario?: GherkinNode; rule?: GherkinNode }

const PASSED = 'PASSED';

interface HeldScenario {
  envelopes: Envelope[];
  allPassed: boolean;
}

export class ScenarioWire {
  private readonly keywords = new Map<string, string>();
  private readonly stepNames = new Map<string, string>();
  /** Test step id → the name Allure shows for it (keyword and text); hooks have none. */
  private readonly testSteps = new Map<string, string>();
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
    const slices = scenario.envelopes.filter((envelope) => this.isStepSlice(envelope));
    if (slices.length === 0) return scenario.envelopes;
    let header = '';
    const sections = slices.map((envelope) => {
      const attachment = envelope.attachment!;
      const split = splitHeader(attachment.body);
      header ||= split.header;
      return `# step: ${this.testSteps.get(attachment.testStepId!)}\n${split.records}`;
    });
    const merged: WireAttachment = { testCaseStartedId: id, mediaType: 'text/plain', fileName: WIRE_SLICE_FILE, body: `${header}${sections.join('')}`, contentEncoding: 'IDENTITY' };
    const kept = scenario.allPassed ? scenario.envelopes.filter((envelope) => !slices.includes(envelope)) : scenario.envelopes;
    return [...kept, { attachment: merged }];
  }

  private isStepSlice(envelope: Envelope): boolean {
    const attachment = envelope.attachment;
    return attachment?.fileName === WIRE_SLICE_FILE && attachment.testStepId !== undefined && this.testSteps.has(attachment.testStepId);
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

/** The scenario (testCaseStartedId) a message belongs to, if any. */
function scenarioOf(envelope: Envelope): string | undefined {
  const stepStarted = envelope.testStepStarted as { testCaseStartedId?: string } | undefined;
  return envelope.testStepFinished?.testCaseStartedId ?? envelope.attachment?.testCaseStartedId ?? envelope.testCaseFinished?.testCaseStartedId ?? stepStarted?.testCaseStartedId;
}
