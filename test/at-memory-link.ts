// An in-memory ByteLink for runner tests: the test plays the device, seeing every write
// and answering with whatever bytes (and chunking) the case needs.

import type { ByteLink } from '../src/at/link.ts';

export interface ScriptedDevice {
  /** Everything the host wrote, one entry per write. */
  readonly writes: Buffer[];
  /** Called on each host write (after it is recorded). */
  onWrite(listener: (bytes: Buffer) => void): void;
  /** Delivers bytes to the host now, as one chunk. */
  send(bytes: Buffer | string): void;
  /** Closes the link from the device side, optionally as a failure. */
  close(error?: Error): void;
}

export function memoryLink(): { link: ByteLink; device: ScriptedDevice } {
  const dataListeners = new Set<(bytes: Buffer) => void>();
  const closeListeners = new Set<(error?: Error) => void>();
  const writeListeners: ((bytes: Buffer) => void)[] = [];
  const writes: Buffer[] = [];
  let closed = false;

  const close = (error?: Error): void => {
    if (closed) return;
    closed = true;
    for (const listener of [...closeListeners]) listener(error);
  };

  const link: ByteLink = {
    async write(bytes) {
      if (closed) throw new Error('memory link is closed');
      writes.push(Buffer.from(bytes));
      for (const listener of writeListeners) listener(bytes);
    },
    onData(listener) {
      dataListeners.add(listener);
      return () => { dataListeners.delete(listener); };
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => { closeListeners.delete(listener); };
    },
    async close() {
      close();
    },
  };

  const device: ScriptedDevice = {
    writes,
    onWrite: (listener) => { writeListeners.push(listener); },
    send: (bytes) => {
      const chunk = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
      for (const listener of [...dataListeners]) listener(chunk);
    },
    close,
  };
  return { link, device };
}
