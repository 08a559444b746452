import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceSession } from '../src/dut/device-session.ts';
import { validateBytes } from '../src/transcript/validation.ts';

// The transcript a run writes (DeviceSession with the emulator, as `sm-conformance run`
// uses it) is read back by the validator, and a correct session validates without FAIL.
test('a session with the emulator writes a transcript that validates without FAIL', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sm-transcript-run-'));
  try {
    const transcriptPath = join(directory, 'transcript.txt');
    const session = await DeviceSession.open({ dut: { adapter: 'emulator' }, transcriptPath, commandTimeoutMs: 2000 });
    const sent: string[] = [];
    try {
      await session.restoreKnownState();
      const { runner } = session;
      for (const command of [
        'AT#XSOCKET=1,1,0',
        'AT#XSOCKET?',
        'AT#XSOCKETOPT=0,0,21',
        'AT#XAPOLL=1,4,0',
        'AT#XAPOLL?',
        'AT#XCONNECT=0,"test.server.com",1234',
        'AT#XSEND=0,0,0,"Test TCP"',
        'AT#XRECV=0,0,0,2',
        'AT#XSEND=0,1,0,"48656C6C6F"',
        'AT#XRECV=0,1,0,2',
        'AT#XAPOLL=0,0',
        'AT#XSOCKET=1,9,0',
        'AT#XCLOSE=0',
        'AT#XGETADDRINFO="google.com"',
      ]) {
        const response = await runner.send(command);
        sent.push(`${command} -> ${[...response.lines, response.final.text].join(' | ')}`);
      }
      session.note('done', 0);
    } finally {
      await session.close();
    }
    const { findings, summary } = validateBytes(await readFile(transcriptPath));
    assert.equal(summary.format, 'transcript');
    assert.ok(summary.commands >= 14);
    const failures = findings.filter((finding) => finding.verdict === 'FAIL');
    assert.deepEqual(failures, [], `session:\n${sent.join('\n')}`);
    // The deliberately invalid socket type is a negative test: refused, so a WARN.
    assert.ok(findings.some((finding) => finding.rule === 'command.parameter-domain' && finding.verdict === 'WARN'));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
