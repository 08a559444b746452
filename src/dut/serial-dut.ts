// A device on a serial port (node-serialport). 8N1, optional RTS/CTS flow control.
// DTR is asserted on open because the interface MCU of Nordic's development kits keeps
// the UART lines tri-stated until DTR is set; without it the board never hears us.

import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { ByteLink } from '../at/link.ts';
import { DutUnavailableError, type DutDescription } from './dut.ts';
import { PhysicalDut } from './physical-dut.ts';
import type { ReadinessOptions } from './readiness.ts';
import { streamLink } from './stream-link.ts';

export const DEFAULT_BAUD = 115200;

export interface SerialDutOptions {
  path: string;
  baud?: number;
  rtscts?: boolean;
  readiness?: ReadinessOptions;
}

export class SerialDut extends PhysicalDut {
  constructor(private readonly options: SerialDutOptions) {
    super(options.readiness);
  }

  describe(): DutDescription {
    return {
      adapter: 'serial',
      target: this.options.path,
      baud: this.options.baud ?? DEFAULT_BAUD,
      flowControl: this.options.rtscts ? 'rtscts' : 'none',
    };
  }

  protected async connect(): Promise<ByteLink> {
    const { path } = this.options;
    // COM ports are not files; elsewhere a missing device node is named plainly up front
    if (process.platform !== 'win32') await stat(path).catch(() => { throw new DutUnavailableError('missing', `no such serial port ${path}`); });
    const port = new SerialPort({
      path,
      baudRate: this.options.baud ?? DEFAULT_BAUD,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      rtscts: this.options.rtscts ?? false,
      lock: true,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => {
      port.open((error) => (error ? reject(serialFailure(path, error)) : resolve()));
    });
    const link = streamLink(port, () => new Promise((resolve) => {
      if (!port.isOpen) { resolve(); return; }
      port.close(() => resolve());
    }));
    try {
      await assertDtr(port, path);
    } catch (error) {
      await link.close();
      throw error;
    }
    return link;
  }
}

// A pseudo-terminal (the emulator served with `emulate --pty`) has no modem lines and
// answers ENOTTY; there is nothing to assert there, so that one failure is not an error.
function assertDtr(port: SerialPort, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    port.set({ dtr: true, rts: true }, (error) => {
      if (error && !/Inappropriate ioctl|ENOTTY/i.test(error.message)) reject(serialFailure(path, error));
      else resolve();
    });
  });
}

// node-serialport reports errno text, e.g. "Error Resource temporarily unavailable Cannot lock port".
function serialFailure(path: string, error: Error): DutUnavailableError {
  const text = error.message;
  if (/No such file|ENOENT/i.test(text)) return new DutUnavailableError('missing', `no such serial port ${path}`);
  if (/Cannot lock port|Resource temporarily unavailable|EBUSY|busy/i.test(text)) {
    return new DutUnavailableError('busy', `serial port ${path} is busy (locked by another process)`);
  }
  if (/Permission denied|EACCES/i.test(text)) return new DutUnavailableError('denied', `no permission to open serial port ${path} (add yourself to the dialout group?)`);
  return new DutUnavailableError('failed', `cannot open serial port ${path}: ${text.replace(/\s+/g, ' ').trim()}`);
}
