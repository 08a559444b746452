// The full wire log of a run: one transcript file per run, or per worker when cucumber
// runs workers in parallel (each worker has its own device), in src/transcript's format
// so `sm-conformance validate` reads it back. Credential writes are redacted on the way
// in, so the file never holds key material.
//
//   <reports>/transcript.txt                 one process
//   <reports>/transcript-worker-<id>.txt     parallel worker <id> (CUCUMBER_WORKER_ID)
//   <reports>/transcript-<device>.txt        the worker holding pool device <device>
//   <reports>/transcript-lane-<n>.txt        side lane <n> of a run (src/cli/scenario-lanes.ts),
//                                            appended to transcript.txt when the run ends

import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { TranscriptRecord } from './transcript-format.ts';
import { TranscriptReader } from './transcript-reader.ts';
import { TranscriptWriter } from './transcript-writer.ts';
import { holdsUnredactedSecret, SecretRedactor } from './secret-redaction.ts';

export function transcriptPath(reportsDir: string, workerId?: string, deviceId?: string, lane = 0): string {
  if (lane > 0) return join(reportsDir, `transcript-lane-${lane}.txt`);
  if (deviceId !== undefined) return join(reportsDir, `transcript-${fileNameOf(deviceId)}.txt`);
  return join(reportsDir, workerId === undefined || workerId === '' ? 'transcript.txt' : `transcript-worker-${workerId}.txt`);
}

/** A device id as part of a file name (ids may hold `/` and `:`). */
export function fileNameOf(id: string): string {
  return id.replace(/[^\w.-]+/g, '_');
}

/** Which files of a reports directory are transcripts. */
export const TRANSCRIPT_FILE_NAME = /^transcript(-[\w.-]+)?\.txt$/;

/** The transcripts a run left in its reports directory, sorted. */
export function transcriptFiles(reportsDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(reportsDir);
  } catch {
    return [];
  }
  return names.filter((name) => TRANSCRIPT_FILE_NAME.test(name)).sort().map((name) => join(reportsDir, name));
}

/** A TranscriptWriter that redacts credential writes in both directions. */
export class RedactingTranscriptWriter {
  private readonly redactors = { tx: new SecretRedactor(), rx: new SecretRedactor() };
  private lastUs = 0;

  constructor(readonly writer: TranscriptWriter) {}

  tx(bytes: Uint8Array, atUs: number): void {
    this.bytes('tx', bytes, atUs);
  }

  rx(bytes: Uint8Array, atUs: number): void {
    this.bytes('rx', bytes, atUs);
  }

  note(text: string, atUs: number): void {
    this.writer.note(text, atUs);
  }

  reset(reason: string, atUs: number): void {
    this.writer.reset(reason, atUs);
  }

  flush(): void {
    this.writer.flush();
  }

  async close(): Promise<void> {
    for (const direction of ['tx', 'rx'] as const) {
      const rest = this.redactors[direction].flush();
      if (rest.length > 0) this.writer[direction](rest, this.lastUs);
    }
    await this.writer.close();
  }

  private bytes(direction: 'tx' | 'rx', bytes: Uint8Array, atUs: number): void {
    this.lastUs = atUs;
    const logged = this.redactors[direction].push(bytes);
    if (logged.length > 0) this.writer[direction](logged, atUs);
  }
}

/** Opens this worker's transcript (directories created); `meta` becomes its `#@` lines. */
export function openWorkerTranscript(reportsDir: string, workerId: string | undefined, meta: Readonly<Record<string, string>> = {}): RedactingTranscriptWriter {
  mkdirSync(reportsDir, { recursive: true });
  return new RedactingTranscriptWriter(TranscriptWriter.toFile(transcriptPath(reportsDir, workerId), meta));
}

/**
 * Rewrites a transcript with its credential writes redacted, for transcripts written by a
 * writer that did not redact; false (untouched) when it holds no credential write. A
 * transcript that does not parse is left as it is and the error says why.
 */
export async function redactTranscriptFile(path: string): Promise<boolean> {
  const text = await readFile(path);
  if (!holdsUnredactedSecret(text.toString('latin1'))) return false;
  const records: TranscriptRecord[] = [];
  const reader = new TranscriptReader((record) => records.push(record));
  reader.push(text);
  reader.end();
  const meta: Record<string, string> = {};
  for (const record of records) if (record.kind === 'meta') meta[record.key] = record.value;
  const temporary = `${path}.redacting`;
  const writer = new RedactingTranscriptWriter(new TranscriptWriter(createWriteStream(temporary), meta));
  for (const record of records) {
    if (record.kind === 'tx' || record.kind === 'rx') writer[record.kind](record.bytes, record.atUs);
    else if (record.kind === 'note') writer.note(record.text, record.atUs);
    else if (record.kind === 'reset') writer.reset(record.text, record.atUs);
  }
  await writer.close();
  await rename(temporary, path);
  return true;
}
