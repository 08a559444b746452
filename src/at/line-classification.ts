// What a complete device line means, decided in the order good AT readers use: final
// result code, unsolicited result code, information line. The echo is decided by the
// reader, which holds the bytes of the pending command.

import type { FinalCode } from './events.ts';

/**
 * Lines that are URCs even while a command waits for its response (firmware-notes §1.6,
 * §7, §6): `Ready` after a reboot, #XAPOLL events, the #XDATAMODE exit line, and the
 * modem's registration and packet-domain notifications SM forwards (+CEREG, +CGEV).
 * `AT+CEREG?` still gets its own `+CEREG:` line (see isUnsolicited).
 */
export const DEFAULT_URC_PREFIXES: readonly string[] = ['#XAPOLL:', '#XDATAMODE:', 'Ready', '+CEREG:', '+CGEV:'];

/** Prefixes that make a line unsolicited when no command is pending. */
const IDLE_URC_PREFIXES: readonly string[] = ['#X', '+'];

export interface FinalResult {
  code: FinalCode;
  errorNumber?: number;
}

const EXTENDED_ERROR = /^\+(CME|CMS) ERROR:(.*)$/;

/** Shared, as every response ends in one of them: callers only read a result. */
const OK_RESULT: Readonly<FinalResult> = Object.freeze({ code: 'OK' });
const ERROR_RESULT: Readonly<FinalResult> = Object.freeze({ code: 'ERROR' });

export function finalResultOf(text: string): Readonly<FinalResult> | undefined {
  if (text === 'OK') return OK_RESULT;
  if (text === 'ERROR') return ERROR_RESULT;
  if (text.charCodeAt(0) !== 0x2b /* + */) return undefined; // most lines: no regular expression run
  const match = EXTENDED_ERROR.exec(text);
  if (!match) return undefined;
  const code: FinalCode = match[1] === 'CME' ? '+CME ERROR' : '+CMS ERROR';
  const detail = match[2]!.trim();
  // Verbose error text (AT+CMEE=2) is still a final code, just without a number.
  return /^\d{1,9}$/.test(detail) ? { code, errorNumber: Number(detail) } : { code };
}

/** '#XSOCKET' for 'AT#XSOCKET=1,1,0', 'AT#XSOCKET?' or 'at#xsocket'; undefined for 'ATE1'. */
export function commandNameOf(commandLine: string): string | undefined {
  const match = /^AT([#+%][A-Za-z0-9_]+)/i.exec(commandLine);
  return match ? match[1]!.toUpperCase() : undefined;
}

/**
 * Whether a line is unsolicited. While a command is pending, only the URC prefixes count,
 * and never a line carrying the pending command's own name (`AT#XAPOLL?` answers with
 * `#XAPOLL: ...` lines).
 */
export function isUnsolicited(text: string, pendingCommandName: string | undefined, pending: boolean, urcPrefixes: readonly string[]): boolean {
  if (!pending) return startsWithAny(text, urcPrefixes) || startsWithAny(text, IDLE_URC_PREFIXES);
  if (pendingCommandName !== undefined && text.startsWith(pendingCommandName) && text.charCodeAt(pendingCommandName.length) === 0x3a /* ':' */) {
    return false;
  }
  return startsWithAny(text, urcPrefixes);
}

/** A loop rather than Array#some: this runs for every device line, and some's callback is a closure made per call. */
function startsWithAny(text: string, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) if (text.startsWith(prefix)) return true;
  return false;
}
