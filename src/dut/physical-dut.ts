// What the serial and TCP adapters share: a device at the far end of a wire is only open
// once it has shown it takes commands, and a failed readiness check lets the wire go.

import type { ByteLink } from '../at/link.ts';
import type { Dut, DutDescription } from './dut.ts';
import { awaitReadiness, DEFAULT_READINESS, type ReadinessOptions } from './readiness.ts';

export abstract class PhysicalDut implements Dut {
  private link: ByteLink | undefined;

  constructor(private readonly readiness: ReadinessOptions = DEFAULT_READINESS) {}

  abstract describe(): DutDescription;

  /** Opens the wire; rejects with a DutUnavailableError. */
  protected abstract connect(): Promise<ByteLink>;

  async open(): Promise<ByteLink> {
    if (this.link) return this.link;
    const link = await this.connect();
    try {
      await awaitReadiness(link, this.describe().target, this.readiness);
    } catch (error) {
      await link.close();
      throw error;
    }
    this.link = link;
    return link;
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    await link?.close();
  }
}
