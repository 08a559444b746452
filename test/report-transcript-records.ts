// Reads transcript text (a file, a wire slice) into records with the project's reader.

import type { TranscriptRecord } from '../src/transcript/transcript-format.ts';
import { TranscriptReader } from '../src/transcript/transcript-reader.ts';

export function readRecords(text: string): TranscriptRecord[] {
  const records: TranscriptRecord[] = [];
  const reader = new TranscriptReader((record) => records.push(record));
  reader.push(Buffer.from(text, 'utf8'));
  reader.end();
  return records;
}
