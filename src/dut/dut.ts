// The device under test, seen by the harness: something that opens to a ByteLink and
// closes again. Like node-serialport's bindings-interface, the interface is small on
// purpose so that the emulator, a serial port and a TCP exporter are interchangeable
// and nothing above it knows which one it talks to.

import type { ByteLink } from '../at/link.ts';

export type DutAdapter = 'emulator' | 'serial' | 'tcp' | 'rfc2217' | 'labgrid';

/** What reports say about the device connection (environment.properties, run summary). */
export interface DutDescription {
  adapter: DutAdapter;
  /** `in-process` for the emulator, the serial device path, `host:port`, or the labgrid place and its port. */
  target: string;
  /** Serial and RFC 2217 only. */
  baud?: number;
  /** Serial and RFC 2217 only. */
  flowControl?: 'none' | 'rtscts';
  /**
   * What the connection did not confirm but works without (an RFC 2217 server that never
   * acknowledged DTR/RTS): one line each, for the report. Not a failure.
   */
  warnings?: string[];
  /** Emulator only: the device profile it models (`firmware`, `doc`). */
  profile?: string;
  /** Emulator only: the fault profile, if any. */
  fault?: string;
}

export interface Dut {
  /**
   * Connects and returns the link once the device is ready to take commands.
   * Rejects with a DutUnavailableError whose message is one line a person can act on.
   */
  open(): Promise<ByteLink>;
  /** Closes the link; safe to call when not open or already closed. */
  close(): Promise<void>;
  describe(): DutDescription;
}

export type DutUnavailableReason =
  | 'missing'        // no such serial port
  | 'busy'           // locked by another process
  | 'denied'         // no permission to open it
  | 'refused'        // TCP connection refused
  | 'timeout'        // TCP connect did not complete in time
  | 'unresponsive'   // connected, but the device does not answer AT
  | 'failed';        // any other failure to open

/** The device could not be reached or does not respond; the message is one line. */
export class DutUnavailableError extends Error {
  constructor(readonly reason: DutUnavailableReason, message: string) {
    super(message);
    this.name = 'DutUnavailableError';
  }
}
