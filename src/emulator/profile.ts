// The device profiles the emulator can run (design: "Device profiles"): `firmware` models
// the build the spec documents, errata included; `doc` takes the spec text literally.

import { REBOOT_AFTER_FINAL_CODE } from './faults.ts';
import { FAULT_NAMES, type EmulatorProfile, type FaultName, type ProfileName } from './types.ts';

export const PROFILE_NAMES: readonly ProfileName[] = ['firmware', 'doc'];

/** What each fault profile breaks, one line each (the CLI's help lists them). */
export const FAULT_SUMMARIES: Readonly<Record<FaultName, string>> = {
  'wrong-protocol': '#XSOCKET reports protocol 17 (UDP) for a TCP socket',
  'missing-ok': 'the final OK is never sent',
  'space-after-colon': 'response lines and URCs carry two spaces after the colon (`#XSOCKET:  0,1,6`)',
  'lf-only': 'output lines end with LF instead of CRLF',
  'drop-apoll': '#XAPOLL URCs are never sent',
  'lowercase-hex': 'hex payloads are sent in lowercase',
  'lose-payload-byte': 'every received payload (#XRECV, #XRECVFROM) is one byte short of its header',
  'late-response': 'every final result code comes 3 s late',
  silence: 'nothing is ever answered',
  flaky: 'now and then (seeded, about 1 line in 20) an information line ends in a stray byte: shows --retry making FLAKY',
  'never-attach': 'the network never takes the device: AT+CFUN=1 searches forever (network scenarios INCONCLUSIVE)',
  'detach-mid-run': 'the network detaches the device once in the middle of the run, then takes it back',
  'close-without-ok': '#XCLOSE answers its lines but never its OK (ERROR still comes)',
  'reboot-mid-run': `the device restarts once, unasked, right after an answer in the middle of the run (after its ${REBOOT_AFTER_FINAL_CODE}th final result code): Ready, its sockets gone, its modem offline`,
};

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

export function createProfile(name: ProfileName = 'firmware', fault?: FaultName): EmulatorProfile {
  // Erratum E1: the spec-era firmware's socket table holds 7, the spec says 8.
  return { name, maxSockets: name === 'firmware' ? 7 : 8, ...(fault ? { fault } : {}) };
}
