// Output-level fault profiles: each breaks exactly one framing rule so the suite can be
// shown to fail where it must. They sit as a thin filter between the host's output events
// and the faithful framing. `reboot-mid-run` counts the final codes going out and has the
// host restart the device after one of them. (`wrong-protocol` is not here: the command modules apply it;
// nor are the network faults, which the modem applies.)

import type { FaultName } from './types.ts';
import { FramedOutput, type HostOutput, type OutputEvent } from './host/output.ts';
import { seededRandom } from './seeded-random.ts';

export interface FaultOptions {
  /** How late `late-response` sends each final code (3 s unless a test shortens it). */
  lateResponseMs?: number;
  /** The seed of `flaky`'s corruption (the same answers are corrupted on every run). */
  flakySeed?: number;
  /** `reboot-mid-run`: the final result code after which the device restarts (default REBOOT_AFTER_FINAL_CODE). */
  rebootAfterFinalCode?: number;
  /** `reboot-mid-run`: restarts the device at once (the host's restartNow). */
  restart?: () => Promise<void>;
}

/** `flaky`: the share of information lines corrupted. Low enough that a retry almost always passes. */
const FLAKY_RATE = 1 / 20;
const FLAKY_SEED = 2026;
/**
 * `reboot-mid-run` strikes after this many final result codes since start-up: a few dozen
 * scenarios into a run (each scenario's reset alone takes four).
 */
export const REBOOT_AFTER_FINAL_CODE = 150;

export interface ClosableOutput extends HostOutput {
  /** Drops anything still waiting (a late final code). */
  close(): void;
}

const HEX_PAYLOAD_HEADER = /^#XRECV(?:FROM)?: \d+,1,/;

class FaultyOutput implements ClosableOutput {
  private lastLine = '';
  private readonly waiting = new Set<() => void>();
  private closed = false;
  private readonly random: () => number;
  private finalCodes = 0;

  constructor(private readonly fault: FaultName, private readonly next: HostOutput, private readonly options: FaultOptions) {
    this.random = seededRandom(options.flakySeed ?? FLAKY_SEED);
  }

  async send(event: OutputEvent): Promise<void> {
    const changed = await this.apply(event);
    if (changed && !this.closed) await this.next.send(changed);
    if (this.fault === 'reboot-mid-run' && event.kind === 'final' && ++this.finalCodes === (this.options.rebootAfterFinalCode ?? REBOOT_AFTER_FINAL_CODE)) {
      await this.options.restart?.();
    }
  }

  close(): void {
    this.closed = true;
    for (const release of this.waiting) release();
  }

  private async apply(event: OutputEvent): Promise<OutputEvent | undefined> {
    if (event.kind === 'line') this.lastLine = event.text;
    switch (this.fault) {
      case 'silence':
        return event.kind === 'ready' || event.kind === 'init-error' ? event : undefined;
      case 'missing-ok':
        return event.kind === 'final' && event.code === 'OK' ? undefined : event;
      case 'space-after-colon':
        return event.kind === 'line' || event.kind === 'urc' ? { ...event, text: event.text.replace(': ', ':  ') } : event;
      case 'drop-apoll':
        return event.kind === 'urc' && event.text.startsWith('#XAPOLL:') ? undefined : event;
      case 'lowercase-hex':
        return event.kind === 'raw' && HEX_PAYLOAD_HEADER.test(this.lastLine)
          ? { kind: 'raw', bytes: Buffer.from(event.bytes.toString('latin1').toLowerCase(), 'latin1') }
          : event;
      case 'lose-payload-byte':
        return event.kind === 'raw' ? { kind: 'raw', bytes: event.bytes.subarray(0, Math.max(0, event.bytes.length - 1)) } : event;
      case 'late-response':
        if (event.kind === 'final') await this.delay(this.options.lateResponseMs ?? 3000);
        return event;
      case 'flaky':
        // A stray byte where the line's last character was, as a noisy UART would give.
        return event.kind === 'line' && event.text.length > 0 && this.random() < FLAKY_RATE ? { ...event, text: `${event.text.slice(0, -1)}~` } : event;
      default:
        return event;
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.waiting.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.waiting.add(release);
    });
  }
}

/**
 * The host's output for a profile: the faithful framing, with the fault's filter in
 * front of it when the fault acts on output. `lf-only` only changes the framing's line end.
 */
export function createHostOutput(fault: FaultName | undefined, write: (bytes: Buffer) => void, options: FaultOptions = {}): ClosableOutput {
  const framed = new FramedOutput(write, fault === 'lf-only' ? '\n' : '\r\n');
  if (fault === undefined || fault === 'lf-only' || fault === 'wrong-protocol' || fault === 'never-attach' || fault === 'detach-mid-run') {
    return { send: (event) => framed.send(event), close: () => undefined };
  }
  return new FaultyOutput(fault, framed, options);
}
