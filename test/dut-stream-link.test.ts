// The link over a stream is lost at the first sign: a write that fails (a pty gone: EIO)
// tells the close listeners before the write's own rejection is seen, so whoever judges
// the missing answer already knows the link is gone.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { streamLink } from '../src/dut/stream-link.ts';

/** A stream whose writes fail, and that closes only when told to (as node-serialport does later). */
function brokenStream(): Duplex {
  return new Duplex({
    read() {},
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
    },
    autoDestroy: false,
    emitClose: false,
  });
}

describe('streamLink', () => {
  it('a failed write loses the link before the write rejects, with the write\'s error', async () => {
    const stream = brokenStream();
    stream.on('error', () => undefined);
    const link = streamLink(stream, async () => undefined);
    const seen: string[] = [];
    link.onClose((error) => seen.push(`lost: ${error?.message}`));
    await link.write(Buffer.from('AT\r')).catch((error: Error) => seen.push(`write: ${error.message}`));
    assert.deepEqual(seen, ['lost: EIO: i/o error, write', 'write: EIO: i/o error, write']);
    await assert.rejects(link.write(Buffer.from('AT\r')), /the device link is closed/);
    link.onClose((error) => seen.push(`late listener: ${error?.message}`));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(seen.at(-1), 'late listener: EIO: i/o error, write');
    assert.equal(seen.filter((line) => line.startsWith('lost')).length, 1, 'told once');
  });
});
