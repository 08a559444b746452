// A ByteLink over a Node duplex stream: a TCP socket or a serial port. Both adapters need
// the same thing (bytes both ways, one close notification carrying the error that caused
// it, a close that waits until the stream is really gone), so it is written once here.

import type { Duplex } from 'node:stream';
import type { ByteLink } from '../at/link.ts';

export function streamLink(stream: Duplex, closeStream: () => Promise<void>): ByteLink {
  const closeListeners = new Set<(error?: Error) => void>();
  let failure: Error | undefined;
  let closed = false;

  stream.on('error', (error: Error) => { failure ??= error; });
  stream.on('close', () => {
    closed = true;
    for (const listener of [...closeListeners]) listener(failure);
  });

  return {
    write(bytes: Buffer): Promise<void> {
      if (closed || stream.destroyed) return Promise.reject(new Error('the device link is closed'));
      return new Promise((resolve, reject) => {
        stream.write(bytes, (error) => (error ? reject(error) : resolve()));
      });
    },
    onData(listener: (bytes: Buffer) => void): () => void {
      const forward = (chunk: Buffer | string): void => listener(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      stream.on('data', forward);
      return () => { stream.off('data', forward); };
    },
    onClose(listener: (error?: Error) => void): () => void {
      if (closed) queueMicrotask(() => listener(failure));
      else closeListeners.add(listener);
      return () => { closeListeners.delete(listener); };
    },
    async close(): Promise<void> {
      if (closed) return;
      await closeStream();
    },
  };
}
