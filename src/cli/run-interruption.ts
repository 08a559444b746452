// Ctrl-C and SIGTERM during `sm-conformance run`. The first signal asks the run to stop
// after the step in progress: the rest of the scenarios are "not run", cucumber finishes,
// and every report is written as usual (exit 130). A second signal is someone who will not
// wait: the run leaves a JUnit file of what has finished and exits at once (the transcript
// and the Allure child are taken care of by their own exit handlers).

import { readFileSync } from 'node:fs';
import type { RunStopSignal } from '../blame/run-stop.ts';

export const INTERRUPTED_EXIT_CODE = 130;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface InterruptionActions {
  /** A one-line notice for the person at the terminal. */
  notice: (text: string) => void;
  /** The second signal: leave what can be left synchronously, then exit. */
  exitNow: () => void;
}

/** Listens for the signals until the returned function is called. */
export function handleInterruptions(stop: RunStopSignal, actions: InterruptionActions): () => void {
  let received = 0;
  const listener = (signal: NodeJS.Signals): void => {
    received += 1;
    if (received === 1) {
      stop.request({ cause: 'interrupted', reason: `interrupted (${signal})` });
      actions.notice(`${signal}: stopping after the current step, then writing every report (${signal} again exits at once)`);
      return;
    }
    actions.exitNow();
  };
  for (const signal of SIGNALS) process.on(signal, listener);
  return () => {
    for (const signal of SIGNALS) process.off(signal, listener);
  };
}

/**
 * Parallel workers are this process's children and outlive it unless told: each gets two
 * signals (two different ones: the same one twice may arrive as one), which a worker takes
 * as "exit now" (steps/support/worker-session.ts), its
 * transcript flushed on the way out. Linux lists a process's children in /proc; elsewhere
 * the workers end when they find the run gone.
 */
export function endWorkers(): void {
  let children: number[];
  try {
    children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return;
  }
  for (const pid of children) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }
}
