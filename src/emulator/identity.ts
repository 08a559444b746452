// The commands that are not about sockets but that every session uses: plain AT, echo
// control (ATE0/ATE1, sm_at_commands.c), the modem's identification commands answered
// with an identity that says this is the emulator and which profile runs,
// AT#XDATACTRL (the data-mode quiet time, firmware-notes §6), SM's version and AT#XRESET
// (sm_at_commands.c and doc/app/Generic_AT_commands.rst at 1bc9f6e4).

import { readFileSync } from 'node:fs';
import type { CommandModule, EmulatorProfile, Reply } from './types.ts';
import type { DataModeTiming } from './host/data-mode-timing.ts';

export interface IdentityControls {
  setEcho(on: boolean): void;
  timing: DataModeTiming;
  /** AT#XRESET: reboot after the OK has gone out (the firmware's final_call). */
  reboot(): void;
}

/**
 * The nRF Connect SDK the spec-era firmware builds on (west.yml: sdk-nrf v3.2.0-preview2),
 * as #XSLMVER prints it (STRINGIFY of NCS_VERSION_STRING: quoted).
 */
const NCS_VERSION = '"3.2.0-preview2"';

const OK: Reply = { parts: [], final: 'OK' };
const ERROR: Reply = { parts: [], final: 'ERROR' };

export const EMULATOR_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function identityLines(profile: EmulatorProfile): { manufacturer: string; model: string; revision: string } {
  return {
    manufacturer: 'Nordic Semiconductor ASA (sm-conformance emulator)',
    model: 'nRF9151 SM emulator',
    revision: `sm-conformance-emulator ${EMULATOR_VERSION} profile ${profile.name}${profile.fault ? ` fault ${profile.fault}` : ''}`,
  };
}

/** A modem identification command: the set form prints one line; the test form is just OK. */
function identification(name: string, text: string): CommandModule {
  return {
    name,
    async run(form, args) {
      if (form === 'test') return OK;
      if (form === 'read' || args.count > 1) return ERROR;
      return { parts: [{ line: text }], final: 'OK' };
    },
  };
}

/** An SM command whose set form prints one line; read and test are not supported (ERROR). */
function setOnly(name: string, line: string): CommandModule {
  return { name, run: async (form) => (form === 'set' ? { parts: [{ line }], final: 'OK' } : ERROR) };
}

export function createIdentityCommands(profile: EmulatorProfile, controls: IdentityControls): CommandModule[] {
  const identity = identityLines(profile);
  const { timing } = controls;
  return [
    { name: 'AT', run: async () => OK },
    { name: 'ATE0', run: async () => (controls.setEcho(false), OK) },
    { name: 'ATE1', run: async () => (controls.setEcho(true), OK) },
    identification('+CGMI', identity.manufacturer),
    identification('+CGMM', identity.model),
    identification('+CGMR', identity.revision),
    // At 1bc9f6e4 the version command is #XSLMVER: <ncs_version>,<libmodem_version>. It was
    // renamed #XSMVER: <sm_version>,<ncs_version> three weeks later (0f9ed37), and host
    // software written since (Nordic's own smoke test) sends that name, so both answer,
    // each in its own format. The emulator names itself where a version of its own goes.
    setOnly('#XSLMVER', `#XSLMVER: ${NCS_VERSION},"sm-conformance emulator ${EMULATOR_VERSION}"`),
    setOnly('#XSMVER', `#XSMVER: "sm-conformance emulator ${EMULATOR_VERSION}",${NCS_VERSION}`),
    {
      name: '#XRESET',
      async run(form) {
        if (form !== 'set') return ERROR;
        controls.reboot();
        return OK;
      },
    },
    {
      name: '#XDATACTRL',
      async run(form, args) {
        switch (form) {
          case 'set':
            return timing.set(args.uint16(1)) ? OK : ERROR;
          case 'read':
            return { parts: [{ line: `#XDATACTRL: ${timing.current},${timing.minimum}` }], final: 'OK' };
          case 'test':
            return { parts: [{ line: '#XDATACTRL=<time_limit>' }], final: 'OK' };
        }
      },
    },
  ];
}
