// The in-process emulator as a device under test: no wire and no AT probe (it takes
// commands once it has started, and a fault profile such as `silence` must reach the
// scenarios and fail them, not stop the run before it starts).

import type { ByteLink } from '../at/link.ts';
import { createEmulator, type Emulator, type EmulatorOptions, type EmulatorParts } from '../emulator/emulator.ts';
import type { LoopbackEndpoint } from '../emulator/types.ts';
import { DutUnavailableError, type Dut, type DutDescription } from './dut.ts';

export class EmulatorDut implements Dut {
  private emulator: Emulator | undefined;
  /** Kept from start-up: ready() waits for idle, and a blocked #XACCEPT is exactly when a client must find the server. */
  private parts: EmulatorParts | undefined;

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
    if (this.emulator) return this.emulator;
    const emulator = createEmulator(this.options);
    try {
      this.parts = await emulator.ready();
    } catch (error) {
      await emulator.close();
      throw new DutUnavailableError('failed', `the emulator did not start: ${(error as Error).message}`);
    }
    this.emulator = emulator;
    return emulator;
  }

  /**
   * Where a client on this machine reaches the emulated device's server on `devicePort`: a
   * listening TCP socket, or a bound UDP socket; undefined when there is none.
   */
  serverEndpoint(devicePort: number, transport: 'tcp' | 'udp' = 'tcp'): LoopbackEndpoint | undefined {
    const server = this.parts?.sockets.sockets().find((socket) => socket.transport === transport && socket.devicePort === devicePort && socket.localEndpoint());
    return server?.localEndpoint();
  }

  async close(): Promise<void> {
    const emulator = this.emulator;
    this.emulator = undefined;
    this.parts = undefined;
    await emulator?.close();
  }
}
