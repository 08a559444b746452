// Test support for the emulator host tests: drives an in-process emulator and collects
// what it sends, so each test can compare exact wire bytes.

import { afterEach } from 'node:test';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/emulator/emulator.ts';
import type { CommandModule, DataModeSink, Reply } from '../src/emulator/types.ts';

/** Sessions still open; closed after each test even when it failed, so no peer outlives it. */
const openSessions = new Set<EmulatorSession>();
afterEach(async () => {
  for (const session of openSessions) await session.close();
});

export class EmulatorSession {
  private received: Buffer[] = [];

  private constructor(readonly emulator: Emulator) {
    emulator.onData((bytes) => this.received.push(Buffer.from(bytes)));
  }

  static async open(options: EmulatorOptions = {}, { keepReady = false } = {}): Promise<EmulatorSession> {
    // Attached from boot: these tests are about the host, not the modem (test/emulator-modem*.test.ts).
    const session = new EmulatorSession(createEmulator({ modem: { attachedAtBoot: true }, ...options }));
    openSessions.add(session);
    await session.emulator.idle();
    if (!keepReady) session.take();
    return session;
  }

  /** Writes (a string is taken as latin1), waits until processed, returns the new output. */
  async send(input: string | Buffer): Promise<string> {
    await this.emulator.write(typeof input === 'string' ? Buffer.from(input, 'latin1') : input);
    await this.emulator.idle();
    return this.take();
  }

  /** Output since the last take, as latin1. */
  take(): string {
    const text = Buffer.concat(this.received).toString('latin1');
    this.received = [];
    return text;
  }

  /** Waits (polling, bounded) until the output so far satisfies `done`, and takes it. */
  async waitFor(done: (output: string) => boolean, limitMs = 2000): Promise<string> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      await this.emulator.idle();
      const text = Buffer.concat(this.received).toString('latin1');
      if (done(text)) return this.take();
      if (Date.now() > deadline) throw new Error(`output never matched; got ${JSON.stringify(text)}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  close(): Promise<void> {
    openSessions.delete(this);
    return this.emulator.close();
  }
}

export const ok = (parts: Reply['parts'] = []): Reply => ({ parts, final: 'OK' });

/** A command that records its calls and answers with whatever `answer` returns. */
export function fakeCommand(name: string, answer: (call: FakeCall) => Reply | Promise<Reply> = () => ok()): CommandModule & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  return {
    name,
    calls,
    async run(form, args, ctx) {
      const call: FakeCall = { form, args, ctx };
      calls.push(call);
      return answer(call);
    },
  };
}

export interface FakeCall {
  form: Parameters<CommandModule['run']>[0];
  args: Parameters<CommandModule['run']>[1];
  ctx: Parameters<CommandModule['run']>[2];
}

/** A data-mode sink that records every burst and how data mode ended. */
export class RecordingSink implements DataModeSink {
  readonly bursts: { bytes: Buffer; trigger?: string }[] = [];
  ended = 0;

  constructor(private readonly options: { status?: number; failSend?: boolean } = {}) {}

  async send(bytes: Buffer, trigger?: 'quiet' | 'full' | 'terminator'): Promise<void> {
    if (this.options.failSend) throw new Error('send failed');
    this.bursts.push({ bytes: Buffer.from(bytes), trigger });
  }

  async end(): Promise<number> {
    this.ended++;
    return this.options.status ?? 0;
  }

  get payload(): Buffer {
    return Buffer.concat(this.bursts.map((burst) => burst.bytes));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
