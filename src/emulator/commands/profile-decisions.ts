// Where the `firmware` and `doc` profiles differ in the socket commands, in one place.
// `firmware` does what firmware-notes say the spec-era build does; `doc` follows the spec
// text wherever an erratum says the firmware deviates and the spec's behaviour can be
// implemented. Errata not listed here behave the same in both profiles.
//
// | erratum / note                       | firmware                         | doc                                   |
// |--------------------------------------|----------------------------------|---------------------------------------|
// | E1 socket count                      | 7 slots                          | 8 slots ("up to 8 sockets")           |
// | E8 #XACCEPT handle                   | prints the accepted descriptor   | prints the listening handle, which is |
// |                                      | (not usable as a handle)         | the usable one (matches the example)  |
// | E10 hex payload limit                | 2802 hex characters              | 2800 ("up to 2800 characters")        |
// | E11 hostname limit (#XCONNECT,       | 127 characters                   | 128 ("maximum size … is 128 bytes")   |
// |     #XSENDTO)                        |                                  |                                       |
// | E12 #XSEND/#XSENDTO failure          | `#XSEND: h,<sent>` then ERROR    | ERROR only (the line reports a send)  |
// | E15–E17 #XAPOLL example syntax       | `AT#XSEND=1,"echo"` and          | accepted as the example's older       |
// |                                      | `AT#XRECV=1,1` → ERROR           | syntax: send "echo"; receive with a   |
// |                                      |                                  | timeout, header `#XRECV: 1,4`         |
// | E24 #XSOCKET role                    | any uint16 stored                | only 0 and 1                          |
// | E6 #XSSOCKETOPT 13 PURGE value       | required                         | optional (`[,<value>]`, "any value")  |
// | §4 #XRECV on a TCP server            | timeout set on the listening     | timeout bounds the read               |
// |                                      | socket; the read blocks forever  |                                       |
// | §4 #XGETADDRINFO several results     | first address repeated (bug)     | every address                         |
// | #XSENDTO URL left set by a failed    | later data mode (#XSEND too)     | #XSEND data mode sends on the         |
// | #XSENDTO (sendto-url-memory.ts)      | sends there with sendto()        | connection; #XSENDTO to its own URL   |
// | §7 `AT#XAPOLL=1,0`                   | registers nothing: no HUP/ERR    | HUP/ERR/NVAL "always polled"          |
// | §7 invalid events value              | stored, shown by `AT#XAPOLL?`    | not stored                            |
// | §7 `AT#XAPOLL=1,<e>` again (all)     | each socket keeps its state (a   | replaces the previous polling         |
// |                                      | socket silenced by HUP stays so) | ("will stop the current polling")     |
//
// Kept the same in both, with the reason:
// E2 (a negative handle is never printed: the spec gives no line shape for a failure),
// E3/E20/E21/E22 (the spec's own examples show the firmware's format), E4 (sec_tag stays
// mandatory: the syntax has no brackets around it), E7/E23 (there is no failure line to
// print), E9 (`#XDATAMODE: 0` is printed: the spec names sm_data_mode, which documents it),
// E5 (wording only), E6 otherwise (the modem refuses reading set-only options and setting
// get-only ones in both), E13 (payload raw, as the example bytes show), E14/E25 (flags pass through),
// E18/E19 (no URC after #XCLOSE; stop without events as the example does), E26.

import type { AsyncPollRules } from '../apoll/async-poll.ts';
import type { EmulatorProfile } from '../types.ts';

export interface ProfileDecisions {
  /** Longest accepted hostname in #XCONNECT/#XSENDTO (E11). */
  hostnameMaxChars: number;
  /** Longest accepted hex data in #XSEND/#XSENDTO mode 1 (E10). */
  hexMaxChars: number;
  /** Refuse #XSOCKET roles other than 0 and 1 (E24). */
  validateRole: boolean;
  /** Print `#XSEND: h,<sent>` before ERROR when a send fails (E12). */
  sendLineOnFailure: boolean;
  /** #XACCEPT prints the listening handle instead of the accepted descriptor (E8). */
  acceptPrintsListeningHandle: boolean;
  /** #XRECV on a TCP server: the timeout lands on the listening socket (§4 bug). */
  serverReceiveIgnoresTimeout: boolean;
  /** #XGETADDRINFO repeats the first address for every result (§4 bug). */
  repeatFirstAddress: boolean;
  /** #XSSOCKETOPT set needs <value> even for SESSION_CACHE_PURGE (E6). */
  purgeNeedsValue: boolean;
  /** Data mode sends to a #XSENDTO URL that a failed #XSENDTO left behind (firmware globals). */
  staleSendtoUrl: boolean;
  /** Accept the #XAPOLL example's older #XSEND/#XRECV syntax (E15–E17). */
  exampleSendReceiveSyntax: boolean;
  poll: AsyncPollRules;
}

export function decisionsFor(profile: EmulatorProfile): ProfileDecisions {
  const firmware = profile.name === 'firmware';
  return {
    hostnameMaxChars: firmware ? 127 : 128,
    hexMaxChars: firmware ? 2802 : 2800,
    validateRole: !firmware,
    sendLineOnFailure: firmware,
    acceptPrintsListeningHandle: !firmware,
    serverReceiveIgnoresTimeout: firmware,
    repeatFirstAddress: firmware,
    purgeNeedsValue: firmware,
    staleSendtoUrl: firmware,
    exampleSendReceiveSyntax: !firmware,
    poll: { registerWithoutEvents: !firmware, storeInvalidEvents: firmware, pollAllRestartKeepsState: firmware },
  };
}
