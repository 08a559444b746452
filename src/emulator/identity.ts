// The commands that are not about sockets but that every session uses: plain AT, echo
// control (ATE0/ATE1, sm_at_commands.c), the modem's identification commands answered
// with an identity that says this is the emulator and which profile runs, and
// AT#XDATACTRL (the data-mode quiet time, firmware-notes §6).

import { readFileSync } from 'node:fs';
import type { CommandModule, EmulatorProfile, Reply } from './types.ts';
import type { DataModeTiming } from './host/data-mode-timing.ts';

export interface IdentityControls {
  setEcho(on: boolean): void;
  timing: DataModeTiming;
}

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
