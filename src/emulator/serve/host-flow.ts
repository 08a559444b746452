// The flow between a served emulator and its host, with bounded memory on both sides, as
// a modem's UART has: while the host does not read, output waiting for it grows only up to
// OUTPUT_BOUND, and then the emulator stops taking input (so no further command can add to
// it) until the host has read; input the emulator has not processed yet is held to
// INPUT_BOUND the same way. What is not taken waits in the host's own buffers (the kernel's
// socket or pipe), where a real UART's flow control would hold it.

import type { Readable, Writable } from 'node:stream';
import type { Emulator } from '../emulator.ts';

/** Above this many bytes waiting for the host, input is no longer taken. */
export const OUTPUT_BOUND = 256 * 1024;
/** Input the emulator holds unprocessed: at most this many bytes (the rest waits with the host). */
export const INPUT_BOUND = 16 * 1024;

export interface HostFlow {
  /** Bytes the emulator has produced that the host has not taken yet. */
  readonly queuedOutputBytes: number;
  /** Bytes the host has written that the emulator has not processed yet. */
  readonly queuedInputBytes: number;
  /** Resolves the first time input is held back because the host is not reading. */
  readonly heldBack: Promise<void>;
  /** Resolves once the emulator has processed all input it took. */
  settled(): Promise<void>;
}

export function connectHost(emulator: Emulator, input: Readable, output: Writable): HostFlow {
  let markHeldBack: () => void = () => undefined;
  const heldBack = new Promise<void>((resolve) => { markHeldBack = resolve; });
  emulator.onData((bytes) => {
    if (!output.destroyed) output.write(bytes);
  });
  let holding = false;
  const takeMore = async (): Promise<void> => {
    holding = true;
    if (output.writableLength > OUTPUT_BOUND) {
      markHeldBack();
      await new Promise<void>((resolve) => {
        const done = (): void => {
          output.off('drain', done);
          output.off('close', done);
          resolve();
        };
        output.on('drain', done);
        output.on('close', done);
      });
    }
    if (emulator.pendingInputBytes >= INPUT_BOUND) await emulator.idle();
    holding = false;
    if (!input.destroyed) input.resume();
  };
  input.on('data', (bytes: Buffer) => {
    // Take no more than the room left; the rest goes back to the host's side of the stream.
    const room = Math.max(0, INPUT_BOUND - emulator.pendingInputBytes);
    const taken = output.writableLength > OUTPUT_BOUND ? 0 : Math.min(bytes.length, room);
    if (taken > 0) void emulator.write(bytes.subarray(0, taken)).catch(() => undefined);
    if (taken < bytes.length || output.writableLength > OUTPUT_BOUND || emulator.pendingInputBytes >= INPUT_BOUND) {
      input.pause();
      if (taken < bytes.length) input.unshift(bytes.subarray(taken));
      if (!holding) void takeMore();
    }
  });
  return {
    get queuedOutputBytes() {
      return output.writableLength;
    },
    get queuedInputBytes() {
      return emulator.pendingInputBytes;
    },
    heldBack,
    settled: () => emulator.idle(),
  };
}
