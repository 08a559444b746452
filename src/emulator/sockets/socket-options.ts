// The #XSOCKETOPT options of one socket, stored with the semantics nrf_socket.h gives them
// (notes §4 #XSOCKETOPT, E6, E25, E26). Values the modem would refuse throw, so the
// command answers ERROR as the firmware does after a failed setsockopt/getsockopt.

import { SocketError } from './socket-error.ts';

export const SO_REUSEADDR = 2;
export const SO_RCVTIMEO = 20;
export const SO_SNDTIMEO = 21;
export const SO_SILENCE_ALL = 30;
export const SO_IP_ECHO_REPLY = 31;
export const SO_IPV6_ECHO_REPLY = 32;
export const SO_BINDTOPDN = 40;
export const SO_TCP_SRV_SESSTIMEO = 55;
export const SO_RAI = 61;
export const SO_IPV6_DELAYED_ADDR_REFRESH = 62;

/** Every new socket gets a 30 s send timeout (SOCKET_SEND_TMO_SEC, notes §3, E26). */
export const DEFAULT_SEND_TIMEOUT_S = 30;

interface OptionRule {
  /** The modem refuses getsockopt (the spec's "set-only"). */
  setOnly?: boolean;
  /** Values setsockopt accepts. */
  accepts: (value: number) => boolean;
}

const anyNonNegative = (value: number): boolean => value >= 0;
const flag = (value: number): boolean => value === 0 || value === 1;

const RULES: ReadonlyMap<number, OptionRule> = new Map<number, OptionRule>([
  [SO_REUSEADDR, { setOnly: true, accepts: flag }],
  [SO_RCVTIMEO, { accepts: anyNonNegative }],
  [SO_SNDTIMEO, { accepts: anyNonNegative }],
  [SO_SILENCE_ALL, { accepts: flag }],
  [SO_IP_ECHO_REPLY, { accepts: flag }],
  [SO_IPV6_ECHO_REPLY, { accepts: flag }],
  [SO_BINDTOPDN, { setOnly: true, accepts: (value) => value >= 0 && value <= 10 }],
  [SO_TCP_SRV_SESSTIMEO, { accepts: (value) => value >= 0 && value <= 135 }],
  [SO_RAI, { setOnly: true, accepts: (value) => value >= 1 && value <= 5 }],
  [SO_IPV6_DELAYED_ADDR_REFRESH, { accepts: flag }],
]);

/** Whether #XSOCKETOPT knows this option name at all (anything else → ERROR). */
export function isSocketOptionName(name: number): boolean {
  return RULES.has(name);
}

export class SocketOptions {
  private readonly values = new Map<number, number>([[SO_SNDTIMEO, DEFAULT_SEND_TIMEOUT_S]]);

  get(name: number): number {
    const rule = RULES.get(name);
    if (!rule) throw new SocketError('ENOPROTOOPT', `option ${name}`);
    if (rule.setOnly) throw new SocketError('EOPNOTSUPP', `option ${name} cannot be read`);
    return this.values.get(name) ?? 0;
  }

  set(name: number, value: number): void {
    const rule = RULES.get(name);
    if (!rule) throw new SocketError('ENOPROTOOPT', `option ${name}`);
    if (!rule.accepts(value)) throw new SocketError('EINVAL', `option ${name} value ${value}`);
    this.values.set(name, value);
  }

  /** Receive timeout in ms; 0 blocks forever (the modem default). */
  get receiveTimeoutMs(): number {
    return (this.values.get(SO_RCVTIMEO) ?? 0) * 1000;
  }

  get sendTimeoutMs(): number {
    return (this.values.get(SO_SNDTIMEO) ?? 0) * 1000;
  }

  get reuseAddress(): boolean {
    return (this.values.get(SO_REUSEADDR) ?? 0) !== 0;
  }
}
