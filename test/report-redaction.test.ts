// Key material never reaches a report or a log: credential writes are redacted in text,
// in byte streams cut anywhere, and in the transcript a worker writes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactSecrets, SecretRedactor } from '../src/transcript/secret-redaction.ts';
import { openWorkerTranscript, redactTranscriptFile, transcriptFiles, transcriptPath } from '../src/transcript/worker-transcript.ts';
import { TranscriptWriter } from '../src/transcript/transcript-writer.ts';
import { readRecords } from './report-transcript-records.ts';

const PSK = '0123456789ABCDEF0123456789ABCDEF';
const PEM = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBsecretsecretsecret\n-----END EC PRIVATE KEY-----\n';

function streamed(text: string, cut: number): string {
  const redactor = new SecretRedactor();
  const bytes = Buffer.from(text, 'latin1');
  const parts: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += cut) parts.push(redactor.push(bytes.subarray(start, start + cut)));
  parts.push(redactor.flush());
  return Buffer.concat(parts).toString('latin1');
}

describe('secret redaction', () => {
  it('replaces the content and password of a credential write in text, keeping sec_tag, type and length', () => {
    assert.equal(redactSecrets(`AT%CMNG=0,16842753,3,"${PSK}"`), 'AT%CMNG=0,16842753,3,"[REDACTED 32 bytes]"');
    assert.equal(redactSecrets('at%cmng=0,7,2,"key","pass"\r'), 'at%cmng=0,7,2,"[REDACTED 3 bytes]","[REDACTED 4 bytes]"\r');
    // escaped wire text as in a wire slice
    assert.equal(redactSecrets('1.0 tx AT%CMNG=0,1,2,"-----BEGIN\\nabc\\n"\\r'), '1.0 tx AT%CMNG=0,1,2,"[REDACTED 17 bytes]"\\r');
  });

  it('leaves everything else alone: other opcodes, #XSSOCKETOPT, list answers', () => {
    for (const text of ['AT%CMNG=1', 'AT%CMNG=3,16842753,3', '%CMNG: 16842753,0,"2C43952EE9E000FF2ACC4E2ED0897C0A72AD5FA72C3D934E81741CBD54F05BD1"', 'AT#XSSOCKETOPT=0,1,5', 'AT#XSOCKET=1,1,0']) {
      assert.equal(redactSecrets(text), text);
    }
  });

  it('redacts a PEM whose line ends are inside the quotes, however the bytes are cut', () => {
    const wire = `AT\r\nAT%CMNG=0,16842753,2,"${PEM}"\r\nAT#XSOCKET=1,1,0\r`;
    for (const cut of [1, 2, 7, 64, 4096]) {
      const out = streamed(wire, cut);
      assert.ok(!out.includes('secretsecret'), `cut ${cut}: ${out}`);
      assert.ok(!out.includes('BEGIN EC'), `cut ${cut}`);
      assert.ok(out.startsWith('AT\r\nAT%CMNG=0,16842753,2,"[REDACTED '), `cut ${cut}: ${out}`);
      assert.ok(out.endsWith('"\r\nAT#XSOCKET=1,1,0\r'), `cut ${cut}: ${JSON.stringify(out)}`);
    }
  });

  it('passes ordinary traffic byte for byte, including every byte value and lines that begin like AT%', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
    const text = `AT%XSYSTEMMODE=1\r\nAT%CMNG=1\r\n${all.toString('latin1')}\r\n#XRECV: 0,0,5\r\nAT%CM`;
    for (const cut of [1, 3, 1000]) assert.equal(streamed(text, cut), text);
  });

  it('a worker transcript holds the redacted write and reads back with the transcript reader', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-report-redaction-'));
    try {
      const writer = openWorkerTranscript(dir, '2', { dut: 'emulator' });
      writer.tx(Buffer.from(`AT%CMNG=0,16842753,3,"${PSK.slice(0, 10)}`), 10);
      writer.tx(Buffer.from(`${PSK.slice(10)}"\r`), 11);
      writer.rx(Buffer.from('\r\nOK\r\n'), 12);
      writer.tx(Buffer.from('AT\r'), 13);
      await writer.close();
      assert.equal(transcriptPath(dir, '2'), join(dir, 'transcript-worker-2.txt'));
      assert.equal(transcriptPath(dir, undefined), join(dir, 'transcript.txt'));
      assert.deepEqual(transcriptFiles(dir), [join(dir, 'transcript-worker-2.txt')]);
      const text = await readFile(transcriptPath(dir, '2'), 'utf8');
      assert.ok(!text.includes('0123456789'), text);
      assert.match(text, /tx AT%CMNG=0,16842753,3,"\[REDACTED 32 bytes\]"\\r\n/);
      const records = readRecords(text);
      assert.ok(records.some((record) => record.kind === 'tx' && record.bytes.toString() === 'AT\r'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('redacts a transcript written without redaction, a PEM split over many records included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-report-redaction-'));
    try {
      const path = join(dir, 'transcript.txt');
      const writer = TranscriptWriter.toFile(path, { dut: 'serial', target: '/dev/ttyACM0' });
      writer.note('scenario: credentials', 1);
      writer.tx(Buffer.from(`AT%CMNG=0,16842753,2,"${PEM}"\r`), 2);
      writer.rx(Buffer.from('\r\nOK\r\n'), 3);
      writer.tx(Buffer.from('AT\r'), 4);
      await writer.close();
      assert.ok((await readFile(path, 'utf8')).includes('secretsecret'), 'the plain writer kept the key (precondition)');
      assert.equal(await redactTranscriptFile(path), true);
      const text = await readFile(path, 'utf8');
      assert.ok(!text.includes('secretsecret') && !text.includes('BEGIN EC'), text);
      const records = readRecords(text);
      assert.deepEqual(records.filter((record) => record.kind === 'meta').map((record) => record.kind === 'meta' && `${record.key}=${record.value}`), ['dut=serial', 'target=/dev/ttyACM0']);
      assert.ok(records.some((record) => record.kind === 'note' && record.text === 'scenario: credentials'));
      const sent = Buffer.concat(records.flatMap((record) => (record.kind === 'tx' ? [record.bytes] : []))).toString();
      assert.match(sent, /^AT%CMNG=0,16842753,2,"\[REDACTED \d+ bytes\]"\rAT\r$/);
      assert.equal(await redactTranscriptFile(path), false, 'nothing left to redact');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
