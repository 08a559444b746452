// The modem's own AT commands a host needs around SM's sockets, answered as the nRF91x1
// Cellular AT Commands reference shows them (each command's section is named below). SM
// passes these through to the modem untouched (firmware-notes §1.3: a CRLF in front, an
// empty line before the final code), so their framing is the sockets' framing.
//
// Errors: a modem command the modem refuses ends in ERROR, or in `+CME ERROR: <n>` once the
// host asked for numeric errors with AT+CMEE=1 (firmware-notes §1.4: SM's own commands never
// do). 50 is 3GPP TS 27.007 §9.2.1 "Incorrect parameters", for a value out of range.

import type { Form } from '../../catalogue/types.ts';
import { AtParamError, type AtArgs, type CommandModule, type FinalCode, type NetworkMap, type Reply } from '../types.ts';
import { OPERATOR_PLMN, SERVING_CELL, type FunctionalMode, type ModemState } from './modem-state.ts';

const INCORRECT_PARAMETERS = 50;

/** The emulator's IMEI: Nordic's nRF9151 type allocation code, a serial of 1, its Luhn digit. */
export const EMULATOR_IMEI = '352656100000010';

/** %XSYSTEMMODE: LTE-M on, NB-IoT off, GNSS on, no preference (the emulated network is LTE-M, AcT 7). */
const SYSTEM_MODE = '1,0,1,0';

class ModemRefusal extends Error {}

function refuse(): never {
  throw new ModemRefusal();
}

function ok(lines: readonly string[] = []): Reply {
  return { parts: lines.map((line) => ({ line })), final: 'OK' };
}

function oneOf<T extends number>(value: number, allowed: readonly T[]): T {
  return (allowed as readonly number[]).includes(value) ? (value as T) : refuse();
}

/** A modem command: refusals and unreadable parameters end in ERROR or +CME ERROR per AT+CMEE. */
function modemCommand(modem: ModemState, name: string, run: (form: Form, args: AtArgs) => Reply): CommandModule {
  return {
    name,
    async run(form, args) {
      try {
        return run(form, args);
      } catch (error) {
        if (!(error instanceof ModemRefusal) && !(error instanceof AtParamError)) throw error;
        const final: FinalCode = modem.errorReports === 1 ? `+CME ERROR: ${INCORRECT_PARAMETERS}` : 'ERROR';
        return { parts: [], final };
      }
    },
  };
}

/** The PDN address +CGPADDR and +CGDCONT show: the device's IPv4 address in the sandbox. */
function pdnAddress(network: NetworkMap): string {
  return network.deviceAddress.ipv4;
}

export function createModemCommands(modem: ModemState, network: NetworkMap): CommandModule[] {
  return [
    // Mobile termination control and status: Functional mode +CFUN (set, read, test).
    modemCommand(modem, '+CFUN', (form, args) => {
      if (form === 'read') return ok([`+CFUN: ${modem.functionalMode}`]);
      if (form === 'test') return ok(['+CFUN: (0,1,4,20,21,30,31,40,41,44)']);
      if (args.count !== 2) refuse();
      modem.setFunctionalMode(oneOf<FunctionalMode>(args.uint16(1), [0, 1, 4]));
      return ok();
    }),
    // Network service: Network registration status +CEREG (set, read, test).
    modemCommand(modem, '+CEREG', (form, args) => {
      if (form === 'read') return ok([modem.registrationLine(modem.registrationReports, true)]);
      if (form === 'test') return ok(['+CEREG: (0-5)']);
      if (args.count !== 2) refuse();
      modem.registrationReports = oneOf(args.uint16(1), [0, 1, 2, 3, 4, 5]);
      return ok();
    }),
    // Packet domain: Packet domain events +CGEREP (set, read, test); AT+CGEREP= unsubscribes.
    modemCommand(modem, '+CGEREP', (form, args) => {
      if (form === 'read') return ok([`+CGEREP: ${modem.packetDomainReports},0`]);
      if (form === 'test') return ok(['+CGEREP: (0,1),(0)']);
      if (args.count > 2) refuse();
      modem.packetDomainReports = args.count < 2 ? 0 : oneOf(args.uint16(1), [0, 1]);
      return ok();
    }),
    // Mobile termination errors: Report mobile termination errors +CMEE (set, read, test).
    modemCommand(modem, '+CMEE', (form, args) => {
      if (form === 'read') return ok([`+CMEE: ${modem.errorReports}`]);
      if (form === 'test') return ok(['+CMEE: (0,1)']);
      if (args.count !== 2) refuse();
      modem.errorReports = oneOf(args.uint16(1), [0, 1]);
      return ok();
    }),
    // Packet domain: Define PDP context +CGDCONT (set, read).
    modemCommand(modem, '+CGDCONT', (form, args) => {
      if (form === 'read') {
        return ok(modem.definedContexts().map((context) =>
          `+CGDCONT: ${context.cid},"${context.pdpType}","${context.apn}","${modem.pdnActive(context.cid) ? pdnAddress(network) : ''}",0,0`));
      }
      if (form === 'test' || args.count < 2) refuse();
      const cid = args.uint16(1);
      if (cid > 10 || modem.pdnActive(cid)) refuse();
      const pdpType = args.count > 2 ? args.string(2) : 'IP';
      if (!['IP', 'IPV6', 'IPV4V6', 'Non-IP'].includes(pdpType)) refuse();
      modem.defineContext({ cid, pdpType, apn: args.count > 3 ? args.string(3) : '' });
      return ok();
    }),
    // Packet domain: Show PDP address +CGPADDR (set, test): every defined context, or one.
    modemCommand(modem, '+CGPADDR', (form, args) => {
      const contexts = modem.definedContexts();
      if (form === 'test') return ok([`+CGPADDR: (${contexts.map((context) => context.cid).join(',')})`]);
      if (form === 'read' || args.count > 2) refuse();
      const wanted = args.count === 2 ? [modem.context(args.uint16(1)) ?? refuse()] : contexts;
      return ok(wanted.map((context) => `+CGPADDR: ${context.cid}${modem.pdnActive(context.cid) ? `,"${pdnAddress(network)}"` : ''}`));
    }),
    // Network service: PLMN selection +COPS (read; set of automatic selection).
    modemCommand(modem, '+COPS', (form, args) => {
      if (form === 'read') return ok([modem.registered ? `+COPS: 0,2,"${OPERATOR_PLMN}",${SERVING_CELL.accessTechnology}` : '+COPS: 0']);
      if (form === 'test' || args.count !== 2 || args.uint16(1) !== 0) refuse();
      return ok();
    }),
    // Network service: System mode %XSYSTEMMODE (read, test).
    modemCommand(modem, '%XSYSTEMMODE', (form) => {
      if (form === 'read') return ok([`%XSYSTEMMODE: ${SYSTEM_MODE}`]);
      if (form === 'test') return ok(['%XSYSTEMMODE: (0,1),(0,1),(0,1),(0-4)']);
      return refuse();
    }),
    // General: Product serial number identification +CGSN (set with <snt> 0 or 1, test).
    modemCommand(modem, '+CGSN', (form, args) => {
      if (form === 'test') return ok(['+CGSN: (0-3)']);
      if (form === 'read' || args.count > 2) refuse();
      const type = args.count === 2 ? oneOf(args.uint16(1), [0, 1]) : 0;
      return ok([type === 0 ? EMULATOR_IMEI : `+CGSN: "${EMULATOR_IMEI}"`]);
    }),
  ];
}
