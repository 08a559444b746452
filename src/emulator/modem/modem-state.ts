// The modem around SM's sockets: functional mode, LTE registration and the default PDN,
// as the nRF91x1 AT command reference describes them (+CFUN, +CEREG, +CGEV). The socket
// commands ask it whether the network is there; the modem commands read and change it;
// its notifications go out as URCs when the host subscribed to them.
//
// Boot state: SM at 1bc9f6e4 connects at start-up only with CONFIG_SM_AUTO_CONNECT, which
// the default build leaves off (app/src/main.c lte_auto_connect, doc sm_description.rst), and
// the modem itself boots in minimum functionality: +CFUN: 0, not registered, no PDN.

import type { NetworkFaultName } from '../types.ts';

/** The functional modes the emulator models (+CFUN set: 0 minimum, 1 normal, 4 flight mode). */
export type FunctionalMode = 0 | 1 | 4;

/** +CEREG <stat>: 0 not searching, 1 registered home, 2 searching, 5 roaming (the others never happen here). */
export type RegistrationStatus = 0 | 1 | 2 | 5;

export interface ModemOptions {
  /**
   * How long AT+CFUN=1 takes to register and activate the default PDN. Default 50 ms, so the
   * suite in process barely waits; a real network takes seconds (`emulate --attach-time`).
   */
  attachMs?: number;
  /** Start registered, the default PDN active (unit tests that are not about the modem). */
  attachedAtBoot?: boolean;
  fault?: NetworkFaultName;
  /** detach-mid-run: the network detaches the device at this use of the network since attach (default 25). */
  detachAtNetworkUse?: number;
}

/** The cell the emulated network serves (the +CEREG set-command page's example values). */
export const SERVING_CELL = { tac: '002F', cellId: '0012BEEF', accessTechnology: 7 } as const;
/** 3GPP's test network (MCC 001, MNC 01): no real operator is ever named. */
export const OPERATOR_PLMN = '00101';
export const DEFAULT_APN = 'internet';
export const DEFAULT_ATTACH_MS = 50;

export interface PdnContext {
  cid: number;
  pdpType: string;
  apn: string;
}

export class ModemState {
  private functionalModeValue: FunctionalMode;
  private status: RegistrationStatus;
  private defaultPdnActive: boolean;
  /** +CEREG <n> and +CGEREP <mode>: which notifications the host subscribed to. */
  registrationReports = 0;
  packetDomainReports = 0;
  /** +CMEE <n>: 1 makes modem commands end in `+CME ERROR: <n>` instead of ERROR. */
  errorReports = 0;
  private readonly contexts = new Map<number, PdnContext>();
  private attachTimer: NodeJS.Timeout | undefined;
  private networkUses = 0;
  private detached = false;
  readonly attachMs: number;

  constructor(private readonly options: ModemOptions, private readonly urc: (line: string) => void) {
    this.attachMs = options.attachMs ?? DEFAULT_ATTACH_MS;
    const attached = options.attachedAtBoot === true;
    this.functionalModeValue = attached ? 1 : 0;
    this.status = attached ? 1 : 0;
    this.defaultPdnActive = attached;
    this.defineDefaultContext();
  }

  get functionalMode(): FunctionalMode {
    return this.functionalModeValue;
  }

  get registration(): RegistrationStatus {
    return this.status;
  }

  get registered(): boolean {
    return this.status === 1 || this.status === 5;
  }

  /** The PDN contexts +CGDCONT lists, in cid order. */
  definedContexts(): PdnContext[] {
    return [...this.contexts.values()].sort((a, b) => a.cid - b.cid);
  }

  context(cid: number): PdnContext | undefined {
    return this.contexts.get(cid);
  }

  defineContext(context: PdnContext): void {
    this.contexts.set(context.cid, context);
  }

  /** Whether the PDN of `cid` is up. Only the default PDN (cid 0) is ever activated here. */
  pdnActive(cid: number): boolean {
    return cid === 0 && this.defaultPdnActive;
  }

  /**
   * The socket commands' way to the network: true when the device is registered with its
   * default PDN up. Counts the use, so that the detach-mid-run fault can strike at one.
   */
  useNetwork(): boolean {
    if (!this.registered || !this.defaultPdnActive) return false;
    this.networkUses += 1;
    if (this.options.fault === 'detach-mid-run' && !this.detached && this.networkUses >= (this.options.detachAtNetworkUse ?? 25)) {
      this.detached = true;
      this.networkDetach();
      return false;
    }
    return true;
  }

  /** AT+CFUN=<mode>. */
  setFunctionalMode(mode: FunctionalMode): void {
    const previous = this.functionalModeValue;
    this.functionalModeValue = mode;
    if (mode === 1 && previous !== 1) this.startAttach();
    if (mode !== 1 && previous === 1) this.leaveNetwork();
    // Minimum functionality resets the +CGEV subscription (sm_ppp.c at_cfun_set_callback
    // re-subscribes after CFUN for that reason).
    if (mode === 0) this.packetDomainReports = 0;
  }

  /** #XRESET reboots the chip: the modem is powered off (CFUN=0) and boots as at power-up. */
  reboot(): void {
    this.stopAttach();
    this.functionalModeValue = 0;
    this.status = 0;
    this.defaultPdnActive = false;
    this.registrationReports = 0;
    this.packetDomainReports = 0;
    this.errorReports = 0;
    this.networkUses = 0;
    this.contexts.clear();
    this.defineDefaultContext();
  }

  close(): void {
    this.stopAttach();
  }

  /** The +CEREG line for the read command (`withN`) or a notification, at subscription level `n`. */
  registrationLine(n: number, withN: boolean): string {
    const fields: (string | number)[] = withN ? [n, this.status] : [this.status];
    if (n >= 2 && this.registered) {
      fields.push(`"${SERVING_CELL.tac}"`, `"${SERVING_CELL.cellId}"`, SERVING_CELL.accessTechnology);
      // Levels 4 and 5 add the PSM timers; PSM is not requested, so both read "deactivated".
      if (n >= 4) fields.push('', '', '"11100000"', '"11100000"');
    }
    return `+CEREG: ${fields.join(',')}`;
  }

  private defineDefaultContext(): void {
    this.contexts.set(0, { cid: 0, pdpType: 'IP', apn: '' });
  }

  private startAttach(): void {
    this.setStatus(2);
    if (this.options.fault === 'never-attach') return;
    this.stopAttach();
    this.attachTimer = setTimeout(() => {
      this.attachTimer = undefined;
      if (this.functionalModeValue !== 1) return;
      const context = this.contexts.get(0)!;
      this.contexts.set(0, { ...context, apn: context.apn || DEFAULT_APN });
      this.defaultPdnActive = true;
      this.packetDomainEvent('ME PDN ACT 0');
      this.setStatus(1);
    }, this.attachMs);
  }

  private leaveNetwork(): void {
    this.stopAttach();
    if (this.defaultPdnActive) {
      this.defaultPdnActive = false;
      this.packetDomainEvent('ME PDN DEACT 0');
    }
    this.setStatus(0);
  }

  /** The network drops the device; the modem keeps searching and registers again. */
  private networkDetach(): void {
    this.defaultPdnActive = false;
    this.packetDomainEvent('NW DETACH');
    this.startAttach();
  }

  private stopAttach(): void {
    clearTimeout(this.attachTimer);
    this.attachTimer = undefined;
  }

  private setStatus(status: RegistrationStatus): void {
    if (status === this.status) return;
    this.status = status;
    if (this.registrationReports > 0) this.urc(this.registrationLine(this.registrationReports, false));
  }

  private packetDomainEvent(event: string): void {
    if (this.packetDomainReports === 1) this.urc(`+CGEV: ${event}`);
  }
}
