// Test support: the host's side of an emulator served on TCP (`emulate --tcp`), one
// command at a time, each answer as text up to its final result code.

import { connect, type Socket } from 'node:net';

const FINAL = /\r\n(OK|ERROR)\r\n$/;

/** The host's side of a served emulator on TCP: one command at a time, the answer as text. */
export class HostConnection {
  #received = '';
  #closed = false;
  #wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#received += chunk.toString('latin1');
      this.#wake?.();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
    socket.on('error', () => undefined);
  }

  /**
   * Connects and attaches the device (it boots offline, as the firmware), so that a refused
   * #XCONNECT is the sandbox's doing, not an offline modem's.
   */
  static async open(port: number): Promise<HostConnection> {
    const host = new HostConnection(connect(port, '127.0.0.1'));
    await host.#until((text) => text.includes('Ready\r\n'));
    host.#received = '';
    await host.command('AT+CEREG=1');
    // OK, then +CEREG: 2 and, once attached, +CEREG: 1 (the URCs may share a chunk with the OK).
    host.socket.write('AT+CFUN=1\r');
    await host.#until((text) => text.includes('+CEREG: 1\r\n'));
    host.#received = '';
    return host;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a command; resolves with everything up to its final result code. */
  async command(line: string): Promise<string> {
    this.socket.write(`${line}\r`);
    await this.#until((text) => FINAL.test(text));
    const answer = this.#received;
    this.#received = '';
    return answer;
  }

  close(): void {
    this.socket.destroy();
  }

  async #until(done: (text: string) => boolean): Promise<void> {
    while (!done(this.#received)) {
      if (this.#closed) throw new Error(`the emulator closed the host's connection; received ${JSON.stringify(this.#received)}`);
      await new Promise<void>((resolve) => { this.#wake = resolve; });
    }
  }
}

