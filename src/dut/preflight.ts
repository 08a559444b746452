// Checks, before a run starts its workers, that the device can be opened and answers, so
// that a missing or busy serial port or an unreachable TCP target ends the run with one
// line (exit 2) instead of a hook failure inside cucumber. The device is closed again;
// each worker opens it for itself.

import { createDut, type DutOptions } from './create-dut.ts';
import type { DutDescription } from './dut.ts';
import type { DutSpec } from './dut-spec.ts';

/** Resolves with the device's description; rejects with the DutUnavailableError of open(). */
export async function preflightDut(spec: DutSpec, options: DutOptions = {}): Promise<DutDescription> {
  const dut = createDut(spec, options);
  try {
    await dut.open();
    return dut.describe();
  } finally {
    await dut.close();
  }
}
