// Builds the Dut that a `--dut` spec names, with the run's connection options.

import type { EmulatorOptions } from '../emulator/emulator.ts';
import type { Dut } from './dut.ts';
import type { DutSpec } from './dut-spec.ts';
import { EmulatorDut } from './emulator-dut.ts';
import type { ReadinessOptions } from './readiness.ts';
import { SerialDut } from './serial-dut.ts';
import { TcpDut } from './tcp-dut.ts';

export interface DutOptions {
  /** Serial only (default 115200). */
  baud?: number;
  /** Serial only: RTS/CTS hardware flow control. */
  rtscts?: boolean;
  /** TCP only. */
  connectTimeoutMs?: number;
  /** Serial and TCP: how to decide the device takes commands. */
  readiness?: ReadinessOptions;
  /** Emulator only. */
  emulator?: EmulatorOptions;
}

export function createDut(spec: DutSpec, options: DutOptions = {}): Dut {
  switch (spec.adapter) {
    case 'emulator':
      return new EmulatorDut(options.emulator);
    case 'serial':
      return new SerialDut({ path: spec.path, baud: options.baud, rtscts: options.rtscts, readiness: options.readiness });
    case 'tcp':
      return new TcpDut({ host: spec.host, port: spec.port, connectTimeoutMs: options.connectTimeoutMs, readiness: options.readiness });
  }
}
