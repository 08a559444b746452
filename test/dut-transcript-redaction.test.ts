// The session's transcript is redacted as it is written: a credential written with AT%CMNG
// never reaches the disk, even if the run dies before its reports are generated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceSession } from '../src/dut/device-session.ts';

test('a PSK written with AT%CMNG is not in the transcript file', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sm-transcript-redaction-'));
  const psk = '5EC2E7C0FFEE5EC2E7C0FFEE5EC2E7C0';
  try {
    const transcriptPath = join(directory, 'transcript.txt');
    const session = await DeviceSession.open({ dut: { adapter: 'emulator' }, transcriptPath, commandTimeoutMs: 2000 });
    try {
      const response = await session.runner.send(`AT%CMNG=0,4242,3,"${psk}"`);
      assert.equal(response.final.code, 'OK');
    } finally {
      await session.close();
    }
    const written = await readFile(transcriptPath, 'latin1');
    assert.match(written, /AT%CMNG=0,4242,3,/, 'the command itself is on record');
    assert.doesNotMatch(written, new RegExp(psk, 'i'));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
