// Blocking socket calls (recv, accept) wait here for their condition, a timeout, or the
// socket's close, without polling and without leaving timers behind.

/** setTimeout's limit; a longer timeout (e.g. SO_RCVTIMEO 2147483647 s) is as good as none. */
export const LONGEST_TIMER_MS = 0x7fffffff;

interface Waiter {
  ready: () => boolean;
  wake: (woken: boolean) => void;
}

export class ConditionWaiter {
  private readonly waiters = new Set<Waiter>();

  /** Resolves true once ready() holds (checked on notify), false after timeoutMs (0: never) or cancel. */
  wait(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    if (ready()) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        ready,
        wake: (woken) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(woken);
        },
      };
      if (timeoutMs > 0 && timeoutMs <= LONGEST_TIMER_MS) timer = setTimeout(() => waiter.wake(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of this.waiters) if (waiter.ready()) waiter.wake(true);
  }

  /** Wakes every waiter with `false`; callers then see why (closed socket). */
  cancel(): void {
    for (const waiter of this.waiters) waiter.wake(false);
  }
}
