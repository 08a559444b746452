// Side lanes: the scenarios that may wait on device time (a command given a <timeout>,
// src/catalogue/device-wait.ts) run beside the others in this same process, each lane with
// an emulator, peers and transcript of its own, so a second the device spends waiting for
// a datagram that never comes is not a second the whole run waits. Emulator runs only: a
// board is one device.
//
// cucumber-js 12 runs in-process scenarios one after another (its serial adapter) and
// parallel ones only in worker processes, each loading the whole suite again. A lane is
// one more of cucumber's own in-process Workers (the class its serial adapter drives), so
// hooks, retries, attachments and messages are cucumber's; only the schedule is ours:
//
//   - the plan is fixed by the scenarios' text, never by timing: the same run splits the
//     same way every time;
//   - every message of a scenario is handed on in the order the scenarios would have run one
//     after another (a scenario's messages wait until those of the scenarios before it are
//     out), so every report lists and numbers them exactly as a run without lanes does;
//   - a side lane's BeforeAll/AfterAll messages stay inside: the run has one device session
//     as far as the reports know. A side lane whose BeforeAll fails gives its scenarios
//     back to the main lane.
//
// This reaches into cucumber's runtime (lib/runtime/serial/adapter, version pinned in
// package.json); test/run-lanes.test.ts fails if that changes under it.

import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { mayWaitOnDevice } from '../catalogue/device-wait.ts';

/**
 * Side lanes of an emulator run. The suite has three scenarios that wait a second each, but
 * lanes are dealt in turn by text, not by time: with three, two of the waiters can share a
 * lane behind other timed scenarios. Six measured 0.2 s less on two cores (bench/main-job.ts).
 */
export const EMULATOR_SIDE_LANES = 6;

interface AssembledTestCase {
  pickle: { steps: readonly { text: string }[] };
}

/** The parts of cucumber's in-process Worker (lib/runtime/worker.js) a lane uses. */
interface CucumberWorker {
  testRunStartedId: string;
  workerId: string | undefined;
  eventBroadcaster: EventEmitter;
  newId: () => string;
  options: { worldParameters?: Record<string, unknown> };
  supportCodeLibrary: unknown;
  snippetBuilder: unknown;
  runBeforeAllHooks(): Promise<unknown>;
  runTestCase(testCase: AssembledTestCase, failing: boolean): Promise<boolean>;
  runAfterAllHooks(): Promise<unknown>;
}

type WorkerClass = new (
  testRunStartedId: string, workerId: string | undefined, eventBroadcaster: EventEmitter, newId: () => string,
  options: CucumberWorker['options'], supportCodeLibrary: unknown, snippetBuilder: unknown,
) => CucumberWorker;

interface SerialAdapter {
  worker: CucumberWorker;
  run(testCases: AssembledTestCase[]): Promise<boolean>;
}

let installed = false;

/**
 * Lets a run ask for side lanes through its world parameters (`sideLanes`, read by
 * steps/support/run-parameters.ts too); a run without them runs as cucumber runs it.
 */
export function installScenarioLanes(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const { InProcessAdapter } = require('@cucumber/cucumber/lib/runtime/serial/adapter') as { InProcessAdapter: { prototype: SerialAdapter } };
  const serial = InProcessAdapter.prototype.run;
  InProcessAdapter.prototype.run = function (this: SerialAdapter, testCases: AssembledTestCase[]): Promise<boolean> {
    const sideLanes = Number(this.worker.options.worldParameters?.sideLanes ?? 0);
    const plan = planLanes(testCases.map((testCase) => testCase.pickle), sideLanes);
    return plan.some((lane) => lane > 0) ? runInLanes(this.worker, testCases, plan) : serial.call(this, testCases);
  };
}

/**
 * The lane of each scenario, in run order: the ones that may wait on device time go to the
 * side lanes in turn, the rest stay in the main lane (0), the first scenario always (it asks
 * the device who it is, for every report's environment).
 */
export function planLanes(pickles: readonly AssembledTestCase['pickle'][], sideLanes: number): number[] {
  let next = 0;
  return pickles.map((pickle, index) => (index > 0 && sideLanes > 0 && pickle.steps.some((step) => mayWaitOnDevice(step.text)) ? 1 + (next++ % sideLanes) : 0));
}

/**
 * Hands on messages in run order: those of scenario i go out once every scenario before i
 * has finished; until then they are held. The scenario at the head goes out as it happens.
 */
export class OrderedRelay<T> {
  private head = 0;
  private readonly held = new Map<number, T[]>();
  private readonly finished = new Set<number>();

  constructor(private readonly emit: (item: T) => void) {}

  push(index: number, item: T): void {
    if (index === this.head) {
      this.emit(item);
      return;
    }
    const held = this.held.get(index);
    if (held) held.push(item);
    else this.held.set(index, [item]);
  }

  finish(index: number): void {
    this.finished.add(index);
    while (this.finished.delete(this.head)) {
      this.head += 1;
      const items = this.held.get(this.head);
      this.held.delete(this.head);
      for (const item of items ?? []) this.emit(item);
    }
  }
}

interface Lane {
  index: number;
  worker: CucumberWorker;
  /** The scenario (its run-order index) this lane is running, if any. */
  current: number | undefined;
  testCases: number[];
}

async function runInLanes(main: CucumberWorker, testCases: AssembledTestCase[], plan: number[]): Promise<boolean> {
  const out = main.eventBroadcaster;
  const relay = new OrderedRelay<unknown>((envelope) => out.emit('envelope', envelope));
  const Worker = main.constructor as WorkerClass;
  const laneCount = Math.max(...plan) + 1;
  const lanes: Lane[] = [];
  for (let index = 0; index < laneCount; index++) {
    const broadcaster = new EventEmitter();
    const lane: Lane = { index, worker: main, current: undefined, testCases: [] };
    broadcaster.on('envelope', (envelope: unknown) => {
      if (lane.current !== undefined) relay.push(lane.current, envelope);
      // the run's own BeforeAll/AfterAll are the main lane's
      else if (index === 0) out.emit('envelope', envelope);
    });
    const worldParameters = { ...main.options.worldParameters, lane: index };
    lane.worker = new Worker(main.testRunStartedId, main.workerId, broadcaster, main.newId, { ...main.options, worldParameters }, main.supportCodeLibrary, main.snippetBuilder);
    lanes.push(lane);
  }

  const opened = await Promise.allSettled(lanes.map((lane) => lane.worker.runBeforeAllHooks()));
  const sideFailed = new Set(lanes.filter((lane) => lane.index > 0 && opened[lane.index]!.status === 'rejected').map((lane) => lane.index));
  const running = lanes.filter((lane) => !sideFailed.has(lane.index));
  plan.forEach((laneIndex, testCase) => lanes[sideFailed.has(laneIndex) ? 0 : laneIndex]!.testCases.push(testCase));

  let failing = false;
  const errors: unknown[] = [];
  if (opened[0]!.status === 'rejected') {
    errors.push(opened[0]!.reason);
  } else {
    const ran = await Promise.allSettled(running.map(async (lane) => {
      for (const testCase of lane.testCases) {
        lane.current = testCase;
        try {
          if (!(await lane.worker.runTestCase(testCases[testCase]!, failing))) failing = true;
        } finally {
          lane.current = undefined;
          relay.finish(testCase);
        }
      }
    }));
    for (const outcome of ran) if (outcome.status === 'rejected') errors.push(outcome.reason);
  }
  // Side lanes close first: the main lane's AfterAll is the run's last word, as without lanes.
  for (const lane of [...running.filter((each) => each.index > 0), ...lanes.filter((each) => sideFailed.has(each.index)), lanes[0]!]) {
    if (lane.index === 0 && opened[0]!.status === 'rejected') continue;
    try {
      await lane.worker.runAfterAllHooks();
    } catch (error) {
      if (!sideFailed.has(lane.index)) errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
  return !failing;
}
