// Puts a device back into the state every scenario starts from, whatever the previous
// scenario left behind: command mode (a data-mode session ended with the terminator),
// echo off, no #XAPOLL polling, no open sockets, no queued URCs. A real board keeps its
// state between scenarios, so this is what makes scenarios independent of their order.

import { AtTimeoutError } from '../at/at-errors.ts';
import type { AtRunner } from '../at/at-runner.ts';
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
}


/** The device could not be brought back to a known state; the message is one line. */
export class KnownStateError extends Error {
  constructor(message: string, /** The device answered nothing at all. */ readonly silent = false) {
    super(message);
    this.name = 'KnownStateError';
  }
}

export interface KnownStateReport {
  /** Whether the device had to be taken out of data mode. */
  leftDataMode: boolean;
  /** What was still queued from before (URCs, stray lines), now discarded. */
  discarded: AtEvent[];
}

export async function restoreKnownState(
  runner: AtRunner,
  options: KnownStateOptions = DEFAULT_KNOWN_STATE,
  attempt: RestoreAttempt = { escapeDataMode: true },
): Promise<KnownStateReport> {
  let leftDataMode = false;
  const answersAt = await probe(runner, options.probeTimeoutMs);
  if (!answersAt && !attempt.escapeDataMode) throw new KnownStateError('the device still does not answer AT', true);
  if (!answersAt) {
    // In data mode every byte is payload, so the probe went to the peer; the terminator
    // ends data mode and anything it leaves in the command buffer is stripped as leading
    // garbage before the next "AT" (firmware-notes §1.1).
    leftDataMode = true;
    await runner.writeRaw(DATA_MODE_TERMINATOR);
    await runner.urc('#XDATAMODE', { timeoutMs: options.dataModeExitMs }).catch(() => undefined);
    if (!(await probe(runner, options.probeTimeoutMs))) {
      throw new KnownStateError(`the device does not answer AT, not even after the data-mode terminator ${DATA_MODE_TERMINATOR.toString()}`, true);
    }
  }
  // `AT#XAPOLL=0,0`, not the firmware's shorter `=0`: the spec's syntax makes <events>
  // mandatory (erratum E19), so only this form is valid on every device and keeps the
  // run's own transcript clean for the offline validator.
  for (const command of ['ATE0', 'AT#XAPOLL=0,0', 'AT#XCLOSE']) {
    const response = await runner.send(command, { timeoutMs: options.commandTimeoutMs }).catch((error: Error) => {
      throw new KnownStateError(`resetting the device: ${error.message}`);
    });
    if (response.final.code !== 'OK') throw new KnownStateError(`resetting the device: ${command} answered ${response.final.text}, not OK`);
  }
  return { leftDataMode, discarded: runner.takeUrcs() };
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
