// A device behind an RFC 2217 access server (ser2net `telnet(rfc2217)`, pyserial's
// rfc2217_server, a labgrid exporter): TCP, then the Telnet negotiation of
// src/dut/rfc2217/, then the same readiness check as every wire. The line is 8N1 at the
// run's baud rate with DTR and RTS asserted (see serial-dut.ts for why DTR).

import type { ByteLink } from '../at/link.ts';
import { DutUnavailableError, type DutDescription } from './dut.ts';
import { PhysicalDut } from './physical-dut.ts';
import type { ReadinessOptions } from './readiness.ts';
import { LineSetupDropped, openRfc2217, Rfc2217Refused } from './rfc2217/rfc2217-link.ts';
import { DEFAULT_BAUD } from './serial-dut.ts';
import { connectTcpWire, tcpTarget } from './tcp-dut.ts';

export interface Rfc2217DutOptions {
  host: string;
  port: number;
  baud?: number;
  rtscts?: boolean;
  /** pyserial's `ign_set_control`. */
  ignSetControl?: boolean;
  /** pyserial's `timeout`: seconds to wait for negotiation answers (default 3). */
  timeoutS?: number;
  connectTimeoutMs?: number;
  readiness?: ReadinessOptions;
}

const DEFAULT_TIMEOUT_S = 3;

export class Rfc2217Dut extends PhysicalDut {
  private warnings: string[] = [];

  constructor(private readonly options: Rfc2217DutOptions) {
    super(options.readiness);
  }

  describe(): DutDescription {
    return {
      adapter: 'rfc2217',
      target: tcpTarget(this.options.host, this.options.port),
      baud: this.options.baud ?? DEFAULT_BAUD,
      flowControl: this.options.rtscts ? 'rtscts' : 'none',
      ...(this.warnings.length > 0 ? { warnings: [...this.warnings] } : {}),
    };
  }

  protected async connect(): Promise<ByteLink> {
    try {
      return await this.negotiate(true);
    } catch (error) {
      if (!(error instanceof LineSetupDropped)) throw error;
      // pyserial's rfc2217_server drops its client when its port cannot set DTR/RTS (a pty
      // cannot); the line works without them, so say so and go on
      const link = await this.negotiate(false);
      this.warnings.unshift('the RFC 2217 server closed the connection when asked to set DTR/RTS; they are left as the server has them');
      return link;
    }
  }

  private async negotiate(assertModemLines: boolean): Promise<ByteLink> {
    const { host, port } = this.options;
    const wire = await connectTcpWire(host, port, this.options.connectTimeoutMs, 'rfc2217');
    try {
      const connection = await openRfc2217(wire, {
        line: { baud: this.options.baud ?? DEFAULT_BAUD, dataBits: 8, parity: 'none', stopBits: 1, flowControl: this.options.rtscts ? 'rtscts' : 'none', assertModemLines },
        ignoreSetControl: this.options.ignSetControl ?? false,
        timeoutMs: (this.options.timeoutS ?? DEFAULT_TIMEOUT_S) * 1000,
      });
      this.warnings = connection.warnings;
      return connection.link;
    } catch (error) {
      await wire.close();
      if (error instanceof LineSetupDropped) throw error;
      if (error instanceof Rfc2217Refused) throw new DutUnavailableError('failed', `rfc2217 target ${tcpTarget(host, port)}: ${error.message}`);
      throw error;
    }
  }
}
