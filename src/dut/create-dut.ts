// Builds the Dut that a `--dut` spec names, with the run's connection options.

import type { EmulatorOptions } from '../emulator/emulator.ts';
import type { Dut } from './dut.ts';
import type { DutSpec } from './dut-spec.ts';
import { EmulatorDut } from './emulator-dut.ts';
import type { ReadinessOptions } from './readiness.ts';
import { LabgridDut } from './labgrid-dut.ts';
import { LabgridPlace } from './labgrid/labgrid-place.ts';
import { Rfc2217Dut } from './rfc2217-dut.ts';
import { SerialDut } from './serial-dut.ts';
import { TcpDut } from './tcp-dut.ts';

export interface DutOptions {
  /** Serial, RFC 2217 and labgrid only (default 115200; labgrid: the place's speed). */
  baud?: number;
  /** Serial and RFC 2217 only: RTS/CTS hardware flow control. */
  rtscts?: boolean;
  /** TCP and RFC 2217 only. */
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
    case 'rfc2217':
      return new Rfc2217Dut({
        host: spec.host, port: spec.port, baud: options.baud, rtscts: options.rtscts,
        ignSetControl: spec.options.ignSetControl, timeoutS: spec.options.timeoutS,
        connectTimeoutMs: options.connectTimeoutMs, readiness: options.readiness,
      });
    case 'labgrid':
      // the place is acquired by the run (src/cli/run.ts); the Dut only finds its console
      return new LabgridDut({ place: new LabgridPlace(spec.place), baud: options.baud, rtscts: options.rtscts, connectTimeoutMs: options.connectTimeoutMs, readiness: options.readiness });
  }
}
