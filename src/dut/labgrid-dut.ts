// A board in a labgrid place: its serial console is wherever `labgrid-client env` says the
// place's NetworkSerialPort is exported now (RFC 2217 unless `protocol: raw`), looked up
// again on every open, since ser2net may come back on another port after a power cycle.
// The run acquires and releases the place (src/cli/run.ts); this only connects.

import type { ByteLink } from '../at/link.ts';
import { DutUnavailableError, type Dut, type DutDescription } from './dut.ts';
import type { LabgridSerialPort } from './labgrid/labgrid-env.ts';
import { LabgridError, type LabgridPlace } from './labgrid/labgrid-place.ts';
import type { ReadinessOptions } from './readiness.ts';
import { Rfc2217Dut } from './rfc2217-dut.ts';
import { TcpDut, tcpTarget } from './tcp-dut.ts';

export interface LabgridDutOptions {
  place: LabgridPlace;
  /** Overrides the speed the lab configured for the place's console. */
  baud?: number;
  rtscts?: boolean;
  connectTimeoutMs?: number;
  readiness?: ReadinessOptions;
}

export class LabgridDut implements Dut {
  private port: LabgridSerialPort | undefined;
  private wire: Rfc2217Dut | TcpDut | undefined;

  constructor(private readonly options: LabgridDutOptions) {}

  /** The place whose console this is (its power cycle is the device's `labgrid` reset rung). */
  get place(): LabgridPlace {
    return this.options.place;
  }

  describe(): DutDescription {
    const { place } = this.options;
    const port = this.port;
    if (!port) return { adapter: 'labgrid', target: place.place };
    const url = `${port.protocol === 'raw' ? 'tcp' : 'rfc2217'}://${tcpTarget(port.host, port.port)}`;
    const description: DutDescription = { adapter: 'labgrid', target: `${place.place} (${url})` };
    if (port.protocol === 'rfc2217') {
      description.baud = this.options.baud ?? port.speed;
      description.flowControl = this.options.rtscts ? 'rtscts' : 'none';
    }
    const warnings = this.wire?.describe().warnings;
    if (warnings) description.warnings = warnings;
    return description;
  }

  async open(): Promise<ByteLink> {
    await this.wire?.close();
    try {
      this.port = await this.options.place.serialPort();
    } catch (error) {
      if (error instanceof LabgridError) throw new DutUnavailableError('failed', error.message);
      throw error;
    }
    const { host, port, speed, protocol } = this.port;
    const { connectTimeoutMs, readiness } = this.options;
    // labgrid's own RFC 2217 client passes ign_set_control: exporters on ptys and some
    // converters never answer SET-CONTROL
    this.wire = protocol === 'raw'
      ? new TcpDut({ host, port, connectTimeoutMs, readiness })
      : new Rfc2217Dut({ host, port, baud: this.options.baud ?? speed, rtscts: this.options.rtscts, ignSetControl: true, connectTimeoutMs, readiness });
    return this.wire.open();
  }

  async close(): Promise<void> {
    const wire = this.wire;
    this.wire = undefined;
    await wire?.close();
  }
}
