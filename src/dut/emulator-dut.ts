// The in-process emulator as a device under test: no wire, no readiness check (it takes
// commands as soon as it exists, and a fault profile such as `silence` must reach the
// scenarios and fail them, not stop the run before it starts).

import type { ByteLink } from '../at/link.ts';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator/emulator.ts';
import type { Dut, DutDescription } from './dut.ts';

export class EmulatorDut implements Dut {
  private emulator: Emulator | undefined;

  constructor(private readonly options: EmulatorOptions = {}) {}

  describe(): DutDescription {
    return {
      adapter: 'emulator',
      target: 'in-process',
      profile: this.options.profile ?? 'firmware',
      ...(this.options.fault ? { fault: this.options.fault } : {}),
    };
  }

  async open(): Promise<ByteLink> {
    this.emulator ??= createEmulator(this.options);
    return this.emulator;
  }

  async close(): Promise<void> {
    const emulator = this.emulator;
    this.emulator = undefined;
    await emulator?.close();
  }
}
