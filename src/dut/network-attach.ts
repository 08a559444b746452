// The network preflight: before the first scenario that needs the network (see
// catalogue/network-use.ts), make sure the device is registered with its default PDN up.
// A board boots offline (+CFUN: 0), so the harness turns the modem on and waits, up to the
// attach timeout, for registration (+CEREG stat 1 or 5) and a PDN address (+CGPADDR). A
// device that never attaches makes the network scenarios INCONCLUSIVE, never FAIL: the
// network, not the device, failed. A detach seen during a scenario does the same, and the
// next network scenario attaches again.

import type { AtRunner } from '../at/at-runner.ts';
import type { AtEvent } from '../at/events.ts';
import { EnvironmentError } from '../blame/verdict-errors.ts';

export interface NetworkAttachOptions {
  /** How long to wait for registration and a PDN after turning the modem on. */
  timeoutMs: number;
  /** How often to ask while waiting. */
  pollMs: number;
  /** --no-attach: never change the modem's state (labs that manage it); only read it. */
  leaveAlone: boolean;
  /** Where progress lines go while waiting (at most one per progressEveryMs). */
  onProgress?: (line: string) => void;
  progressEveryMs?: number;
}

/** What the reports say about the network (the environment section). */
export interface NetworkStatus {
  /** +CEREG <stat> and its meaning, e.g. '1 (registered, home network)'. */
  registration?: string;
  /** +COPS? as the device answered it, e.g. '0,2,"00101",7'. */
  operator?: string;
  /** %XSYSTEMMODE? e.g. '1,0,1,0'. */
  systemMode?: string;
  pdnAddress?: string;
  /** How long attaching took, or that the device was attached already or never attached. */
  attach?: string;
}

export const NOT_ATTACHED = 'device not attached to a network';
export const DETACHED = 'the device detached from the network during the scenario';

const REGISTRATION_MEANINGS: Record<number, string> = {
  0: 'not registered, not searching', 1: 'registered, home network', 2: 'not registered, searching',
  3: 'registration denied', 4: 'unknown', 5: 'registered, roaming', 90: 'not registered, UICC failure',
};

function registered(stat: number | undefined): boolean {
  return stat === 1 || stat === 5;
}

/** Lines the modem sends when the device leaves the network (+CEREG URC without registration, +CGEV detach/deactivation). */
function isDetachUrc(event: AtEvent): boolean {
  if (event.kind !== 'urc') return false;
  const registration = /^\+CEREG: (\d+)/.exec(event.text);
  if (registration) return !registered(Number(registration[1]));
  return /^\+CGEV: (NW DETACH|ME DETACH|ME PDN DEACT 0\b|NW PDN DEACT 0\b)/.test(event.text);
}

export class NetworkAttach {
  private state: 'unknown' | 'attached' | 'unattachable' = 'unknown';
  private statusValue: NetworkStatus = {};
  private reported = false;
  /** Boot lines seen so far: a preflight that sees this change under it starts over. */
  private restarts = 0;

  constructor(private readonly runner: AtRunner, private readonly options: NetworkAttachOptions) {}

  get status(): NetworkStatus {
    return { ...this.statusValue };
  }

  /** The status the first time it is asked for in this session (for the reports), then undefined. */
  statusToReport(): NetworkStatus | undefined {
    if (this.reported) return undefined;
    this.reported = true;
    return this.status;
  }

  /**
   * The modem was switched (AT+CFUN=<n>, AT#XRESET): ask again next time. While the
   * preflight runs, the switch is its own AT+CFUN=1, and changes nothing.
   */
  invalidate(): void {
    if (this.state === 'attached') this.state = 'unknown';
  }

  /**
   * The device restarted (a boot line): it is offline. A preflight in progress starts over,
   * since the modem it turned on and the notifications it asked for are gone.
   */
  deviceRestarted(): void {
    this.restarts += 1;
    this.invalidate();
  }

  /**
   * Resolves once the device is attached; throws an EnvironmentError (INCONCLUSIVE) when it
   * is not and cannot be, now or earlier in this run.
   */
  async ensureAttached(): Promise<void> {
    if (this.state === 'attached') return;
    if (this.state === 'unattachable') throw new EnvironmentError(NOT_ATTACHED);
    try {
      await this.attach();
    } finally {
      // The notifications of the attach itself (+CEREG: 2 while searching) are no news for
      // the scenario; only what comes after may tell of a detach. Called from the Before
      // hook right after the known-state reset, so nothing else is queued yet.
      this.runner.takeUrcs();
    }
  }

  private async attach(): Promise<void> {
    const started = performance.now();
    let reading: Reading;
    for (;;) {
      const restarts = this.restarts;
      reading = await this.read();
      if (!reading.attached && !this.options.leaveAlone) {
        // Subscribed, so that a detach during a scenario announces itself (+CEREG, +CGEV).
        await this.command('AT+CEREG=1');
        await this.command('AT+CGEREP=1');
        if (reading.functionalMode !== 1) await this.command('AT+CFUN=1');
        reading = await this.waitForAttach(started, () => this.restarts !== restarts);
      }
      if (this.restarts === restarts || performance.now() - started >= this.options.timeoutMs) break;
    }
    if (!reading.attached) {
      this.state = 'unattachable';
      this.statusValue.attach = this.options.leaveAlone ? 'not attached (--no-attach)' : `never attached (waited ${Math.round(this.options.timeoutMs / 1000)} s)`;
      throw new EnvironmentError(NOT_ATTACHED);
    }
    const waitedMs = performance.now() - started;
    this.statusValue.attach = waitedMs < 1 || reading.wasAttached ? 'attached already' : `${(waitedMs / 1000).toFixed(1)} s`;
    this.state = 'attached';
    await this.readEnvironment();
  }

  /** The network status for the reports, read without changing anything (any device, any time). */
  async readEnvironment(): Promise<NetworkStatus> {
    await this.read();
    const operator = await this.answer('AT+COPS?', '+COPS: ');
    if (operator !== undefined) this.statusValue.operator = operator;
    const systemMode = await this.answer('AT%XSYSTEMMODE?', '%XSYSTEMMODE: ');
    if (systemMode !== undefined) this.statusValue.systemMode = systemMode;
    return this.status;
  }

  /**
   * Whether the device left the network since the scenario began: a detach URC still queued,
   * or (when none came) +CEREG? no longer registered. Either way the next network scenario
   * attaches again.
   */
  async detachedDuringScenario(): Promise<boolean> {
    // Only a device that was attached can detach; any other failure is the device's own.
    if (this.state !== 'attached') return false;
    let detached = this.runner.peekUrcs().some(isDetachUrc);
    if (!detached) detached = !(await this.read()).registered;
    if (detached) this.invalidate();
    return detached;
  }

  /** Asks until the device is attached, the time is up, or `restarted` says the device restarted. */
  private async waitForAttach(started: number, restarted: () => boolean): Promise<Reading> {
    // The first progress line after a second (an emulator is attached by then), then one
    // every progressEveryMs, so a lab sees the run is waiting for the network, not hung.
    const every = this.options.progressEveryMs ?? 5000;
    let lastProgress = started - every + 1000;
    for (;;) {
      const reading = await this.read();
      if (reading.attached) return { ...reading, wasAttached: false };
      const now = performance.now();
      if (now - started >= this.options.timeoutMs || restarted()) return reading;
      if (now - lastProgress >= every) {
        lastProgress = now;
        this.options.onProgress?.(`waiting for the device to attach to a network: ${Math.round((now - started) / 1000)} s of ${Math.round(this.options.timeoutMs / 1000)} s (+CEREG ${this.statusValue.registration ?? 'unknown'})`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.options.pollMs, Math.max(1, this.options.timeoutMs - (now - started)))));
    }
  }

  /** +CFUN?, +CEREG? and +CGPADDR, as the status knows them. */
  private async read(): Promise<Reading> {
    const functionalMode = Number((await this.answer('AT+CFUN?', '+CFUN: '))?.split(',')[0] ?? Number.NaN);
    const registration = await this.answer('AT+CEREG?', '+CEREG: ');
    const stat = registration === undefined ? undefined : Number(registration.split(',')[1]?.trim());
    if (stat !== undefined) this.statusValue.registration = `${stat} (${REGISTRATION_MEANINGS[stat] ?? 'unknown value'})`;
    const address = (await this.answer('AT+CGPADDR', '+CGPADDR: '))?.match(/^\s*\d+,"([^"]+)"/)?.[1];
    if (address !== undefined) this.statusValue.pdnAddress = address;
    else delete this.statusValue.pdnAddress;
    const isRegistered = registered(stat);
    return { functionalMode, registered: isRegistered, attached: isRegistered && address !== undefined, wasAttached: isRegistered && address !== undefined };
  }

  /** The text after `prefix` of the first line of the answer, or undefined when refused. */
  private async answer(command: string, prefix: string): Promise<string | undefined> {
    const response = await this.runner.send(command);
    if (response.final.code !== 'OK') return undefined;
    // Read leniently (spacing): judging the answer's form is the scenarios' business, and a
    // device that deviates in form must FAIL there, not look unattached here.
    const bare = prefix.trimEnd();
    return response.lines.find((line) => line.startsWith(bare))?.slice(bare.length).trim();
  }

  private async command(command: string): Promise<void> {
    await this.runner.send(command);
  }
}

interface Reading {
  functionalMode: number;
  registered: boolean;
  attached: boolean;
  /** Attached at the first look, without the harness doing anything. */
  wasAttached: boolean;
}
