// A step's wire slice as a text attachment, in the transcript format (so
// `sm-conformance validate` can read a slice saved from a report, too).

import { Writable } from 'node:stream';
import type { WireChunk } from '../../src/dut/device-session.ts';
import { TranscriptWriter } from '../../src/transcript/transcript-writer.ts';

export function renderWire(chunks: readonly WireChunk[]): string {
  const parts: Buffer[] = [];
  // the writer hands its block over in one synchronous write on flush()
  const sink = new Writable({
    write(part: Buffer, _encoding, done) {
      parts.push(part);
      done();
    },
  });
  const writer = new TranscriptWriter(sink);
  for (const chunk of chunks) writer[chunk.direction](chunk.bytes, chunk.atUs);
  writer.flush();
  return Buffer.concat(parts).toString('utf8');
}
