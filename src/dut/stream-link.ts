// A ByteLink over a Node duplex stream: a TCP socket or a serial port. Both adapters need
// the same thing (bytes both ways, one close notification carrying the error that caused
// it, a close that waits until the stream is really gone), so it is written once here.
//
// The link is lost at the first sign, not only when the stream has closed: a serial port
// whose pty went away fails the next write (EIO) before node-serialport closes it, and the
// harness must know the link is gone before it judges that command's missing answer.

import type { Duplex } from 'node:stream';
import type { ByteLink } from '../at/link.ts';

export function streamLink(stream: Duplex, closeStream: () => Promise<void>): ByteLink {
  const closeListeners = new Set<(error?: Error) => void>();
  let failure: Error | undefined;
  let lost = false;
  let closed = false;

  const lose = (error?: Error): void => {
    failure ??= error;
    if (lost) return;
    lost = true;
    for (const listener of [...closeListeners]) listener(failure);
  };
  stream.on('error', (error: Error) => lose(error));
  stream.on('close', () => {
    closed = true;
    lose();
  });

  return {
    write(bytes: Buffer): Promise<void> {
      if (lost || stream.destroyed) {
        lose();
        return Promise.reject(new Error('the device link is closed'));
      }
      return new Promise((resolve, reject) => {
        stream.write(bytes, (error) => {
          if (!error) return resolve();
          lose(error);
          reject(error);
        });
      });
    },
    onData(listener: (bytes: Buffer) => void): () => void {
      const forward = (chunk: Buffer | string): void => listener(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      stream.on('data', forward);
      return () => { stream.off('data', forward); };
    },
    onClose(listener: (error?: Error) => void): () => void {
      if (lost) queueMicrotask(() => listener(failure));
      else closeListeners.add(listener);
      return () => { closeListeners.delete(listener); };
    },
    async close(): Promise<void> {
      if (closed) return;
      await closeStream();
    },
  };
}
