// Measures how much of a suite run is spent waiting for deadlines the scenarios ask for:
// time in which nothing happens on the wire because a scenario (or the device it drives)
// waits for a timer to run out. Only waits that END BY THEIR DEADLINE count; a wait that a
// response, byte or connection ends early is work, not waiting. Recorded by wrapping, in
// this process only, the few places where such deadlines live:
//
//   device   ConditionWaiter.wait     SO_RCVTIMEO / #XRECV / #XRECVFROM / #XACCEPT timeouts
//                                     (resolves false at its timeout)
//   device   data-mode quiet time     from the last data-mode input to the quiet timer
//                                     sending the buffer (AtHost.startQuietTimer →
//                                     DataModeSession.quietTimeElapsed with data buffered)
//   harness  AtRunner.urc             a URC wait that ends in AtTimeoutError ("no URC arrives")
//   harness  AtRunner.send            a command that ends in AtTimeoutError (no final code)
//   harness  PeerRecord.waitFor*      a peer wait that ends in its timeout error
//   harness  LoopbackClient.waitForEnd
//
// The share is the union of these intervals over the run's wall time (intervals that
// overlap, e.g. a device timeout inside a command, count once). Each interval is charged
// to the scenario running when it ended (the suite runs in this process, one scenario at
// a time). Wrapping happens only while a recorder is installed and is undone afterwards.

import { AtTimeoutError } from '../src/at/at-errors.ts';
import { AtRunner } from '../src/at/at-runner.ts';
import { AtHost } from '../src/emulator/host/at-host.ts';
import { DataModeSession } from '../src/emulator/host/data-mode.ts';
import { ConditionWaiter } from '../src/emulator/sockets/condition-waiter.ts';
import { LoopbackClient } from '../src/peers/loopback-client.ts';
import { PeerRecord } from '../src/peers/peer-record.ts';

export interface DeadlineWait {
  kind: string;
  startMs: number;
  endMs: number;
  /** The scenario running when the wait ended, if any. */
  scenario: string | undefined;
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;
type Prototype = Record<string, unknown>;

export class DeadlineWaitRecorder {
  readonly waits: DeadlineWait[] = [];
  /** Set by the caller from the cucumber messages (testCaseStarted / testCaseFinished). */
  scenario: string | undefined;
  private readonly restorers: (() => void)[] = [];

  install(): void {
    const recorder = this;
    const record = (kind: string, startMs: number): void => {
      recorder.waits.push({ kind, startMs, endMs: performance.now(), scenario: recorder.scenario });
    };

    this.wrap(ConditionWaiter.prototype, 'wait', (original) => function (this: unknown, ...args: unknown[]) {
      const timeoutMs = args[1] as number;
      const startMs = performance.now();
      return (original.apply(this, args) as Promise<boolean>).then((woken) => {
        // false is also a cancel (socket closed); only a wait that lasted its timeout counts
        if (!woken && timeoutMs > 0 && performance.now() - startMs >= timeoutMs - 1) record('device socket timeout (SO_RCVTIMEO, #XRECV/#XACCEPT)', startMs);
        return woken;
      });
    });

    const quietSince = new WeakMap<object, number>();
    this.wrap(AtHost.prototype as unknown as Prototype, 'startQuietTimer', (original) => function (this: unknown, ...args: unknown[]) {
      quietSince.set(args[0] as object, performance.now());
      return original.apply(this, args);
    });
    this.wrap(DataModeSession.prototype as unknown as Prototype, 'quietTimeElapsed', (original) => function (this: unknown, ...args: unknown[]) {
      const startMs = quietSince.get(this as object);
      // the timer only acts (and only delays a send) when data is buffered
      if (startMs !== undefined && (this as { filled: number }).filled > 0) record('device data-mode quiet time', startMs);
      return original.apply(this, args);
    });

    const onDeadline = (kind: string, isDeadline: (error: unknown) => boolean) => (original: AnyFunction) => function (this: unknown, ...args: unknown[]) {
      const startMs = performance.now();
      return (original.apply(this, args) as Promise<unknown>).catch((error: unknown) => {
        if (isDeadline(error)) record(kind, startMs);
        throw error;
      });
    };
    const isAtTimeout = (error: unknown): boolean => error instanceof AtTimeoutError;
    this.wrap(AtRunner.prototype as unknown as Prototype, 'urc', onDeadline('harness URC wait ended by deadline', isAtTimeout));
    this.wrap(AtRunner.prototype as unknown as Prototype, 'send', onDeadline('harness command deadline', isAtTimeout));
    const isPeerTimeout = (error: unknown): boolean => error instanceof Error && / within \d+ ms/.test(error.message);
    for (const method of ['waitForBytes', 'waitForPayload', 'waitForChunks']) {
      this.wrap(PeerRecord.prototype as unknown as Prototype, method, onDeadline('harness peer wait ended by deadline', isPeerTimeout));
    }
    this.wrap(LoopbackClient.prototype as unknown as Prototype, 'waitForEnd', onDeadline('harness peer wait ended by deadline', isPeerTimeout));
  }

  uninstall(): void {
    for (const restore of this.restorers.splice(0).reverse()) restore();
  }

  private wrap(prototype: object, method: string, replacement: (original: AnyFunction) => AnyFunction): void {
    const target = prototype as Prototype;
    const original = target[method];
    if (typeof original !== 'function') throw new Error(`cannot instrument ${method}: it is not a method any more (bench/deadline-waits.ts needs updating)`);
    target[method] = replacement(original as AnyFunction);
    this.restorers.push(() => { target[method] = original; });
  }
}

/** Milliseconds covered by `waits`, overlaps counted once. */
export function coveredMs(waits: readonly DeadlineWait[]): number {
  const intervals = waits.map((wait) => [wait.startMs, wait.endMs] as const).sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = -Infinity;
  for (const [start, end] of intervals) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach);
    reach = end;
  }
  return covered;
}
