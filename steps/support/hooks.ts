// The life of a device across a run: opened once per worker, put back into a known state
// before every scenario (so scenarios run in any order), its wire recorded per step, the
// scenario's verdict derived and attached after it, closed at the end.

import { After, AfterAll, AfterStep, Before, BeforeAll, BeforeStep, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { monotonicMicroseconds } from '../../src/at/monotonic-clock.ts';
import { ERRATA } from '../../src/catalogue/errata.ts';
import { attachSequenceChart, attachVerdict, attachWireSlice, RESET_WIRE_FILE } from '../../src/report/attachments.ts';
import { peerArrivalsSince } from '../../src/report/peer-arrivals.ts';
import { attachDeviceIdentityOnce, attachNetworkStatus } from '../../src/report/run-environment.ts';
import { needsNetwork, reachesPeers } from '../../src/catalogue/network-use.ts';
import { deriveVerdict, type Evidence } from '../../src/report/verdict.ts';
import { CapabilityAbsentError, EnvironmentError } from '../../src/blame/verdict-errors.ts';
import { notRunReason } from '../../src/blame/run-stop.ts';
import { DeviceLinkGoneError } from '../../src/dut/device-session.ts';
import { KnownStateError } from '../../src/dut/known-state.ts';
import { readRunParameters } from './run-parameters.ts';
import { closeWorkerSession, openWorkerSession, restoreWorkerDevice, runStopSignal, workerDevice } from './worker-session.ts';
import { attachDeviceId } from '../../src/report/device-attachment.ts';
import type { ConformanceWorld } from './world.ts';

// A safety net only: every command has its own deadline (commandTimeoutMs), and a reset
// runs several commands, each of which may take that long.
setDefaultTimeout(60_000);

const KNOWN_ERRATA = new Set(ERRATA.map((erratum) => erratum.id));

/**
 * A device that fails the reset before this many scenarios in a row fails no more of them:
 * the run stops and the rest is "not run", so a silent or stalling device costs seconds,
 * not a deadline per scenario.
 */
const FAILED_RESETS_BEFORE_STOPPING = 3;

BeforeAll({ timeout: 60_000 }, async function (this: { parameters: unknown }) {
  await openWorkerSession(readRunParameters(this.parameters));
});

// The network preflight may wait --attach-timeout (at most an hour) for a board to attach;
// it has its own deadline, this is only the safety net around it.
Before({ timeout: 3_700_000 }, async function (this: ConformanceWorld, { pickle }) {
  this.tags = pickle.tags.map((tag) => tag.name);
  const stop = runStopSignal().requested();
  if (stop) throw new EnvironmentError(notRunReason(stop));
  // A scenario needs the network when one of its steps sends a command that does
  // (catalogue/network-use.ts): decided from the steps' own text, so no tag can forget it.
  this.usesNetwork = pickle.steps.some((step) => needsNetwork(step.text));
  for (const tag of this.tags) {
    const capability = /^@requires:(.+)$/.exec(tag)?.[1];
    if (capability && this.run.absentCapabilities.includes(capability)) throw new CapabilityAbsentError(capability);
  }
  attachDeviceId(this.attach.bind(this), workerDevice(this.run.lane));
  this.device.note(`scenario: ${pickle.name} (${pickle.uri})`, monotonicMicroseconds());
  const wire = this.device.recordWire();
  try {
    for (const line of await restoreOrStop(this, pickle.id)) this.log(line);
    // The reports name the device by its own answers; asked once per worker, in the reset's
    // wire so the bytes behind the environment page are on record too. A side lane's
    // emulator is the main lane's twin: the main lane speaks for both.
    if (this.run.lane === 0) await attachDeviceIdentityOnce(this.attach.bind(this), (line) => this.device.runner.send(line), workerDevice(this.run.lane).id);
    if (this.usesNetwork) await attachingOnce(this, () => this.device.attachment.ensureAttached());
    // a board's network must lead the spec's test server to the peers (dut/peer-reach.ts)
    const peerReach = this.device.peerReach;
    if (peerReach && reachesPeers(pickle.steps.map((step) => step.text))) await peerReach.ensureReachable();
  } finally {
    wire.stop();
    attachWireSlice(this.attach.bind(this), wire.chunks, RESET_WIRE_FILE);
  }
  // The scenario's own exchange, for its sequence chart: from after the reset to the end.
  this.exchange = { startUs: monotonicMicroseconds(), wire: this.device.recordWire(), steps: [] };
});

BeforeStep(function (this: ConformanceWorld, { pickleStep }) {
  this.exchange?.steps.push({ text: pickleStep.text, startUs: monotonicMicroseconds(), failed: false });
  this.stepWire = this.device.recordWire();
});

AfterStep(function (this: ConformanceWorld, { result }) {
  const step = this.exchange?.steps.at(-1);
  if (step && result.status === Status.FAILED) step.failed = true;
  const wire = this.stepWire;
  this.stepWire = undefined;
  if (!wire) return;
  wire.stop();
  attachWireSlice(this.attach.bind(this), wire.chunks);
});

After(function (this: ConformanceWorld, { result, pickle }) {
  this.stepWire?.stop();
  this.judgeUnaskedLines();
  const exchange = this.exchange;
  if (exchange) {
    exchange.wire.stop();
    attachSequenceChart(this.attach.bind(this), {
      title: pickle.name, startUs: exchange.startUs, wire: exchange.wire.chunks, steps: exchange.steps,
      peers: peerArrivalsSince(this.device.peers, exchange.startUs),
    });
  }
  const status = result?.status;
  // A Ready nobody asked for: the device rebooted under the scenario, whatever its steps saw
  // (named first: what the steps saw after it follows from it).
  const restarts: Evidence[] = this.device.takeUnexpectedRestarts().map((restart) => ({ kind: 'deviation', detail: `device restarted (${restart})` }));
  const evidence: Evidence[] = [...restarts, ...this.evidence];
  if (status === Status.FAILED) evidence.push({ kind: 'deviation', detail: firstLine(result?.exception?.message ?? result?.message ?? 'a step failed') });
  if (status === Status.UNDEFINED || status === Status.AMBIGUOUS || status === Status.PENDING) {
    evidence.push({ kind: 'suite-error', detail: `a step is ${String(status).toLowerCase()}` });
  }
  const outcome = deriveVerdict(evidence, { strict: this.run.strict, tags: this.tags, knownErrata: KNOWN_ERRATA });
  attachVerdict(this.attach.bind(this), outcome, this.tags);
  this.log(`verdict: ${outcome.verdict}${outcome.reasons.length > 0 ? ` (${outcome.reasons.join('; ')})` : ''}`);
  // The verdict, not the steps, decides: an untagged erratum or --strict fails a scenario
  // whose steps all passed.
  if (outcome.verdict === 'FAIL' && status === Status.PASSED) throw new Error(`verdict FAIL: ${outcome.reasons.join('; ')}`);
});

AfterAll({ timeout: 60_000 }, async function (this: { parameters: unknown }) {
  await closeWorkerSession(readRunParameters(this.parameters).lane);
});

/**
 * Runs the preflight; the first time in the session (attached or not) the network's status
 * goes into the reports' environment, with the bytes behind it in this scenario's reset wire.
 */
async function attachingOnce(world: ConformanceWorld, attach: () => Promise<void>): Promise<void> {
  try {
    await attach();
  } finally {
    const status = world.device.attachment.statusToReport();
    // the main lane's network speaks for the run (a side lane's emulator is its twin)
    if (status && world.run.lane === 0) attachNetworkStatus(world.attach.bind(world), status, workerDevice(world.run.lane).id);
  }
}

/**
 * The reset before a scenario (with the device's reset ladder, see restoreWorkerDevice). A
 * link that does not come back stops the run (this scenario and the rest are not run); a
 * device that fails the reset again and again fails this scenario and stops the run.
 */
async function restoreOrStop(world: ConformanceWorld, pickleId: string): Promise<string[]> {
  try {
    return await restoreWorkerDevice(world.run.lane, pickleId);
  } catch (error) {
    if (error instanceof DeviceLinkGoneError) {
      const stop = { cause: 'link-lost', reason: error.message } as const;
      runStopSignal().request(stop);
      throw new EnvironmentError(notRunReason(stop));
    }
    const failed = world.device.failedResetsInARow;
    if (error instanceof KnownStateError && failed >= FAILED_RESETS_BEFORE_STOPPING) {
      runStopSignal().request({ cause: 'device-unresponsive', reason: `the device failed the reset before ${failed} scenarios in a row (${error.message})` });
    }
    throw error;
  }
}

/** The check's own words: the first line, without the `Error: ` a stack trace starts with. */
function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.replace(/^Error: /, '').trim();
}
