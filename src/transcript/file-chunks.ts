// Reads a file in small chunks, always one read ahead, so the disk works while the
// validator does: small chunks keep peak memory low (little input waits for collection),
// the read-ahead keeps them from costing speed.

import { open } from 'node:fs/promises';

export async function* fileChunks(path: string, chunkBytes = 64 * 1024): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  const readNext = async (): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const { bytesRead } = await file.read(buffer, 0, chunkBytes, null);
    return buffer.subarray(0, bytesRead);
  };
  let next = readNext();
  try {
    for (;;) {
      const chunk = await next;
      if (chunk.length === 0) return;
      next = readNext();
      yield chunk;
    }
  } finally {
    // A consumer that stops early leaves one read in flight: let it settle before closing.
    await next.catch(() => undefined);
    await file.close();
  }
}
