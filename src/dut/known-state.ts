// Puts a device back into the state every scenario starts from, whatever the previous
// scenario left behind: command mode (a data-mode session ended with the terminator),
// echo off, no #XAPOLL polling, no open sockets, no queued URCs. A real board keeps its
// state between scenarios, so this is what makes scenarios independent of their order.

import { AtNoFinalCodeError, AtTimeoutError } from '../at/at-errors.ts';
import type { AtResponse, AtRunner } from '../at/at-runner.ts';
import type { AtEvent } from '../at/events.ts';
import { DATA_MODE_TERMINATOR } from './readiness.ts';

export interface KnownStateOptions {
  /** How long the first `AT` may take before we suspect data mode. */
  probeTimeoutMs: number;
  /** How long leaving data mode may take to be announced with #XDATAMODE. */
  dataModeExitMs: number;
  /** Deadline of each reset command. */
  commandTimeoutMs: number;
}

export const DEFAULT_KNOWN_STATE: KnownStateOptions = { probeTimeoutMs: 1000, dataModeExitMs: 1000, commandTimeoutMs: 5000 };

export interface RestoreAttempt {
  /**
   * Whether an unanswered `AT` may mean data mode, worth the terminator and a second probe.
   * Off after the device was found silent, so a dead device fails each scenario after one
   * probe instead of three timeouts.
   */
  escapeDataMode: boolean;
  /**
   * How sockets are closed: 'close-all' sends `AT#XCLOSE`; 'listed' (for a device whose
   * `AT#XCLOSE` went unanswered before) asks which sockets are open and closes only those,
   * each under the short probe deadline, so a device that breaks #XCLOSE does not cost
   * every scenario a full command deadline.
   */
  closing?: 'close-all' | 'listed';
  /**
   * The last reset failed: answers to its commands may still be on their way, and a late
   * OK must not pass for the answer to this reset's probe. Wait until the device has been
   * quiet for a probe's time (at most a command deadline) and drop what came.
   */
  settleFirst?: boolean;
}

/** The device could not be brought back to a known state; the message is one line. */
export class KnownStateError extends Error {
  constructor(message: string, /** The device answered nothing at all. */ readonly silent = false, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KnownStateError';
  }
}

export interface KnownStateReport {
  /** Whether the device had to be taken out of data mode. */
  leftDataMode: boolean;
  /** What was still queued from before (URCs, stray lines), now discarded. */
  discarded: AtEvent[];
  /**
   * Set when `AT#XCLOSE` gave no final result code in time and the reset reached the known
   * state by listing the open sockets instead: the session closes by list from then on.
   */
  closeUnanswered?: string;
}

export async function restoreKnownState(
  runner: AtRunner,
  options: KnownStateOptions = DEFAULT_KNOWN_STATE,
  attempt: RestoreAttempt = { escapeDataMode: true },
): Promise<KnownStateReport> {
  let leftDataMode = false;
  if (attempt.settleFirst) {
    await quietLine(runner, options.probeTimeoutMs, options.commandTimeoutMs);
    runner.takeUrcs();
  }
  const answersAt = await probe(runner, options.probeTimeoutMs);
  if (!answersAt && !attempt.escapeDataMode) throw new KnownStateError('the device still does not answer AT', true);
  if (!answersAt) {
    // In data mode every byte is payload, so the probe went to the peer; the terminator
    // ends data mode and anything it leaves in the command buffer is stripped as leading
    // garbage before the next "AT" (firmware-notes §1.1).
    leftDataMode = true;
    await runner.writeRaw(DATA_MODE_TERMINATOR);
    // A device in data mode says it left (firmware-notes §6). One that does not was not in
    // data mode: it is silent or late, and an OK that turns up now may answer the first probe.
    const left = await runner.urc('#XDATAMODE', { timeoutMs: options.dataModeExitMs }).then(() => true, () => false);
    if (!left || !(await probe(runner, options.probeTimeoutMs))) {
      throw new KnownStateError(`the device does not answer AT within ${options.probeTimeoutMs} ms, not even after the data-mode terminator ${DATA_MODE_TERMINATOR.toString()}`, true);
    }
  }
  // `AT#XAPOLL=0,0`, not the firmware's shorter `=0`: the spec's syntax makes <events>
  // mandatory (erratum E19), so only this form is valid on every device and keeps the
  // run's own transcript clean for the offline validator.
  for (const command of ['ATE0', 'AT#XAPOLL=0,0']) await resetCommand(runner, command, options.commandTimeoutMs);
  let closeUnanswered: string | undefined;
  if (attempt.closing === 'listed') {
    await closeListed(runner, options);
  } else {
    try {
      await resetCommand(runner, 'AT#XCLOSE', options.commandTimeoutMs);
    } catch (error) {
      if (!(error instanceof KnownStateError && error.cause instanceof AtTimeoutError)) throw error;
      closeUnanswered = error.cause.message;
      await closeListed(runner, options);
    }
  }
  return { leftDataMode, discarded: runner.takeUrcs(), ...(closeUnanswered !== undefined ? { closeUnanswered } : {}) };
}

/** Sends one reset command; anything but OK in time is a KnownStateError (the cause kept). */
async function resetCommand(runner: AtRunner, command: string, timeoutMs: number): Promise<AtResponse> {
  const response = await runner.send(command, { timeoutMs }).catch((error: Error) => {
    throw new KnownStateError(`resetting the device: ${error.message}`, false, { cause: error });
  });
  if (response.final.code !== 'OK') throw new KnownStateError(`resetting the device: ${command} answered ${response.final.text}, not OK`);
  return response;
}

/** The read forms that list open sockets: #XSOCKET the plain ones, #XSSOCKET the secure ones. */
const SOCKET_LISTS = ['AT#XSOCKET?', 'AT#XSSOCKET?'];

/** Handles the device lists as open (`#XSOCKET: <handle>,…` lines). */
async function openHandles(runner: AtRunner, options: KnownStateOptions): Promise<number[]> {
  const handles: number[] = [];
  for (const command of SOCKET_LISTS) {
    const response = await resetCommand(runner, command, options.commandTimeoutMs);
    for (const line of response.lines) {
      const handle = /^#XS?SOCKET: *(\d+),/.exec(line)?.[1];
      if (handle !== undefined) handles.push(Number(handle));
    }
  }
  return handles;
}

/**
 * Closes the sockets the device lists, one by one, under the probe deadline (the device may
 * leave out the OK), then checks that none is listed any more: the known state is what the
 * device reports, not what #XCLOSE answered.
 */
async function closeListed(runner: AtRunner, options: KnownStateOptions): Promise<void> {
  const open = await openHandles(runner, options);
  if (open.length === 0) return;
  for (const handle of open) {
    await runner.send(`AT#XCLOSE=${handle}`, { timeoutMs: options.probeTimeoutMs }).catch((error: Error) => {
      // the device may leave out the OK: the list afterwards says whether the socket closed
      if (!(error instanceof AtTimeoutError || error instanceof AtNoFinalCodeError)) throw new KnownStateError(`resetting the device: ${error.message}`, false, { cause: error });
    });
  }
  const left = await openHandles(runner, options);
  if (left.length > 0) throw new KnownStateError(`resetting the device: sockets ${left.join(', ')} are still open after AT#XCLOSE`);
}

/** Resolves once nothing has arrived for `quietMs`, or after `maxMs` whatever arrives. */
function quietLine(runner: AtRunner, quietMs: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    let quietTimer = setTimeout(done, quietMs);
    const maxTimer = setTimeout(done, maxMs);
    const stop = runner.onWire((direction) => {
      if (direction !== 'rx') return;
      clearTimeout(quietTimer);
      quietTimer = setTimeout(done, quietMs);
    });
    function done(): void {
      clearTimeout(quietTimer);
      clearTimeout(maxTimer);
      stop();
      resolve();
    }
  });
}

/** Whether the device answers `AT` with a final result code in time. */
async function probe(runner: AtRunner, timeoutMs: number): Promise<boolean> {
  try {
    await runner.send('AT', { timeoutMs });
    return true;
  } catch (error) {
    if (error instanceof AtTimeoutError) return false;
    throw new KnownStateError(`resetting the device: ${(error as Error).message}`);
  }
}
