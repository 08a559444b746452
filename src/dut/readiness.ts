// Waits until a freshly opened device takes commands. A board that has just booted (DTR
// asserted, reset) says `Ready` (firmware-notes §1.6); one that was already running says
// nothing, so after a short wait we ask with `AT` until it answers OK. Only serial and TCP
// devices need this: the in-process emulator is ready when it exists.

import type { ByteLink } from '../at/link.ts';
import { DutUnavailableError } from './dut.ts';

export interface ReadinessOptions {
  /** How long to listen for `Ready` before probing. */
  readyWindowMs: number;
  /** How long each `AT` probe waits for OK. */
  probeTimeoutMs: number;
  probeAttempts: number;
}

export const DEFAULT_READINESS: ReadinessOptions = { readyWindowMs: 1500, probeTimeoutMs: 1000, probeAttempts: 3 };

const READY = Buffer.from('Ready\r\n');
// The final code the firmware frames as \r\nOK\r\n (§1.3); a bare OK line is enough here.
const OK = Buffer.from('OK\r\n');
const PROBE = Buffer.from('AT\r');
/** The firmware's default data-mode terminator (CONFIG_SM_DATAMODE_TERMINATOR, firmware-notes §6). */
export const DATA_MODE_TERMINATOR = Buffer.from('+++');
const DATA_MODE_EXIT = Buffer.from('#XDATAMODE:');

/**
 * Resolves with how readiness was established: `Ready` seen, `AT` answered, or `AT`
 * answered only after the data-mode terminator (a board left in data mode by an aborted
 * run). Rejects with DutUnavailableError('unresponsive').
 */
export async function awaitReadiness(link: ByteLink, target: string, options: ReadinessOptions = DEFAULT_READINESS): Promise<'ready' | 'probed' | 'left-data-mode'> {
  let received = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  const stopListening = link.onData((bytes) => {
    received = Buffer.concat([received, bytes]);
    wake?.();
  });
  let linkClosed = false;
  const stopWatchingClose = link.onClose(() => { linkClosed = true; wake?.(); });

  const waitFor = (pattern: Buffer, from: number, ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const check = (): boolean => {
        if (received.indexOf(pattern, from) >= 0) { finish(true); return true; }
        if (linkClosed) { finish(false); return true; }
        return false;
      };
      const timer = setTimeout(() => finish(false), ms);
      function finish(found: boolean): void {
        clearTimeout(timer);
        wake = undefined;
        resolve(found);
      }
      if (!check()) wake = () => { check(); };
    });

  const probe = async (): Promise<boolean> => {
    const from = received.length;
    await link.write(PROBE).catch(() => { linkClosed = true; });
    return waitFor(OK, from, options.probeTimeoutMs);
  };

  try {
    if (await waitFor(READY, 0, options.readyWindowMs)) return 'ready';
    for (let attempt = 0; attempt < options.probeAttempts && !linkClosed; attempt++) {
      if (await probe()) return 'probed';
    }
    if (!linkClosed) {
      const from = received.length;
      await link.write(DATA_MODE_TERMINATOR).catch(() => { linkClosed = true; });
      await waitFor(DATA_MODE_EXIT, from, options.probeTimeoutMs);
      if (await probe()) return 'left-data-mode';
    }
    const why = linkClosed ? 'the connection closed' : `no OK to ${options.probeAttempts} AT probe(s), nor after the data-mode terminator`;
    throw new DutUnavailableError('unresponsive', `device at ${target} is not answering AT (${why})`);
  } finally {
    stopListening();
    stopWatchingClose();
  }
}
