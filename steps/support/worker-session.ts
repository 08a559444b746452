// The DeviceSession of each lane of this cucumber worker (or of the whole run when not
// parallel): opened by BeforeAll, shared by every scenario's World of that lane, closed by
// AfterAll. Each parallel worker is its own process, so each has its own emulator, peers
// and transcript file. Within one process, the run may add side lanes (src/cli/scenario-
// lanes.ts): each has an emulator, peers and transcript of its own, found by the `lane`
// world parameter (0, the main lane, when absent).
// With a device pool, worker n holds pool entry n for the whole run (CUCUMBER_WORKER_ID),
// a local tty under its lock file.
// Beside it, the run's stop request, which every scenario looks at before it starts.

import { transcriptPath } from '../../src/transcript/worker-transcript.ts';
import { DeviceSession } from '../../src/dut/device-session.ts';
import { LiveJudge } from '../../src/transcript/live-judge.ts';
import { deviceOfDutOption, deviceOfWorker, type PoolDevice } from '../../src/dut/device-pool.ts';
import { lockDevice, type DeviceLock } from '../../src/dut/device-lock.ts';
import { DEFAULT_KNOWN_STATE, KnownStateError } from '../../src/dut/known-state.ts';
import { climbResetLadder } from '../../src/dut/reset-ladder.ts';
import { monotonicMicroseconds } from '../../src/at/monotonic-clock.ts';
import { RunStopSignal } from '../../src/blame/run-stop.ts';
import type { RunParameters } from './run-parameters.ts';

interface LaneSession {
  session: DeviceSession;
  /** Judges every line of the transcript as it is written, with `validate`'s rules. */
  judge: LiveJudge;
  device: PoolDevice;
  lock: DeviceLock | undefined;
  /** Scenarios (pickle ids) this lane has started: one seen again is a retry. */
  started: Set<string>;
}

const lanes = new Map<number, LaneSession>();
let stopSignal = new RunStopSignal();
let signalsHandled = false;

export async function openWorkerSession(parameters: RunParameters): Promise<DeviceSession> {
  const lane = parameters.lane;
  const open = lanes.get(lane);
  if (open) return open.session;
  const worker = process.env.CUCUMBER_WORKER_ID;
  const held = parameters.pool ? deviceOfWorker(parameters.pool, worker) : singleDevice(parameters);
  // The run locked its ttys already (this worker's parent); a direct cucumber run locks here.
  const heldLock = held.spec.adapter === 'serial' ? lockDevice(held.spec.path, { inherit: true }) : undefined;
  const judge = new LiveJudge();
  if (lanes.size === 0) stopSignal = new RunStopSignal(parameters.stopFile);
  // A parallel worker shares the terminal's process group: Ctrl-C reaches it too, and it
  // stops after its current step like the run does instead of dying with its transcript.
  // A second signal exits at once (the transcript is flushed on exit).
  if (worker !== undefined && worker !== '' && !signalsHandled) {
    signalsHandled = true;
    let signals = 0;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (++signals > 1) process.exit(130);
        stopSignal.request({ cause: 'interrupted', reason: `interrupted (${signal})` });
      });
    }
  }
  let session: DeviceSession;
  try {
    session = await DeviceSession.open({
      dut: held.spec,
      connection: { baud: held.baud, rtscts: held.rtscts },
      profile: parameters.profile,
      fault: parameters.fault,
      commandTimeoutMs: parameters.commandTimeoutMs,
      // the reset's commands get the run's deadline, not a longer one of their own
      knownState: { ...DEFAULT_KNOWN_STATE, commandTimeoutMs: Math.min(DEFAULT_KNOWN_STATE.commandTimeoutMs, parameters.commandTimeoutMs) },
      reconnectMs: parameters.reconnectSeconds * 1000,
      ...(parameters.peerHost !== undefined ? { peerHost: parameters.peerHost } : {}),
      ...(parameters.deviceHost !== undefined ? { deviceHost: parameters.deviceHost } : {}),
      transcriptPath: transcriptPath(parameters.reports, worker, parameters.pool && parameters.pool.length > 1 ? held.id : undefined, lane),
      transcriptObserver: judge.observe,
      attach: {
        timeoutMs: parameters.attachTimeoutS * 1000,
        leaveAlone: parameters.noAttach,
        onProgress: (line) => process.stderr.write(`${worker === undefined ? '' : `worker ${worker}: `}${line}\n`),
      },
      ...(parameters.emulatorAttachMs !== undefined ? { emulatorAttachMs: parameters.emulatorAttachMs } : {}),
    });
  } catch (error) {
    heldLock?.release();
    throw error;
  }
  lanes.set(lane, { session, judge, device: held, lock: heldLock, started: new Set() });
  return session;
}

function singleDevice(parameters: RunParameters): PoolDevice {
  return deviceOfDutOption(parameters.dut, { ...(parameters.baud !== undefined ? { baud: parameters.baud } : {}), rtscts: parameters.rtscts });
}

function laneSession(lane: number): LaneSession {
  const open = lanes.get(lane);
  if (!open) throw new Error('the device session is not open (BeforeAll did not run or failed)');
  return open;
}

export function workerSession(lane: number): DeviceSession {
  return laneSession(lane).session;
}

/** The judge of this lane's transcript; undefined before the session opened. */
export function workerJudge(lane: number): LiveJudge | undefined {
  return lanes.get(lane)?.judge;
}

/** The device this worker holds (its pool entry). */
export function workerDevice(lane: number): PoolDevice {
  return laneSession(lane).device;
}

/**
 * The known-state reset before a scenario, with the device's reset ladder (its pool entry's
 * `reset`) before a retry and when the device does not answer. Returns what the ladder did,
 * one line per rung, for the scenario's report (the transcript has it too).
 */
export async function restoreWorkerDevice(lane: number, pickleId: string): Promise<string[]> {
  const { session: open, device, started } = laneSession(lane);
  const rungs = device.reset;
  const retry = started.has(pickleId);
  started.add(pickleId);
  const lines: string[] = [];
  const climb = async (why: string): Promise<boolean> => {
    // A rung may power-cycle the board: its Ready is the harness's doing, and its modem is
    // offline again, so the next network scenario attaches anew.
    open.expectRestart();
    const steps = await climbResetLadder(rungs, {
      get runner() { return open.runner; },
      ...(open.labgridPlace ? { labgridPlace: open.labgridPlace } : {}),
      reopen: (reason) => open.reopen(reason),
      note: (text) => open.note(text, monotonicMicroseconds()),
      answers: async () => { await open.restoreKnownState(); return true; },
    }, why);
    lines.push(...steps.map((step) => `reset (${why}): ${step.rung}: ${step.worked ? '' : 'did not work: '}${step.detail}`));
    return steps.some((step) => step.worked);
  };
  if (retry && rungs.length > 0 && (await climb('before a retry'))) return lines;
  try {
    await open.restoreKnownState();
  } catch (error) {
    if (rungs.length === 0 || !(error instanceof KnownStateError && error.silent)) throw error;
    if (!(await climb('the device stopped answering'))) throw new KnownStateError(`${error.message}; the reset ladder did not bring it back (${lines.join('; ')})`, true);
  }
  return lines;
}

/** Whether, and why, the run is to stop (Ctrl-C, a link gone for good, a device that keeps failing the reset). */
export function runStopSignal(): RunStopSignal {
  return stopSignal;
}

export async function closeWorkerSession(lane: number): Promise<void> {
  const open = lanes.get(lane);
  lanes.delete(lane);
  try {
    await open?.session.close();
  } finally {
    open?.lock?.release();
  }
}
