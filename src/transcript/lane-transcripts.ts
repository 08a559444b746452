// A run's side lanes (src/cli/scenario-lanes.ts) each write a transcript of their own
// emulator's session; when the run ends, each is appended to the main transcript after a
// reset record, so transcript.txt stays the whole run's wire and `validate` reads each
// session on its own (a reset forgets sockets, polling and data mode). Times restart at
// the reset: the lanes ran at the same time.

import { appendFile, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeBytes } from '../at/byte-escape.ts';
import { transcriptPath } from './worker-transcript.ts';

const LANE_TRANSCRIPT = /^transcript-lane-(\d+)\.txt$/;

/** Appends every side lane's transcript in `reportsDir` to transcript.txt, in lane order, and removes it. */
export async function appendLaneTranscripts(reportsDir: string): Promise<void> {
  const lanes = (await readdir(reportsDir).catch(() => [] as string[]))
    .map((name) => Number(LANE_TRANSCRIPT.exec(name)?.[1] ?? -1)).filter((lane) => lane > 0).sort((a, b) => a - b);
  for (const lane of lanes) {
    const path = transcriptPath(reportsDir, undefined, undefined, lane);
    const records = (await readFile(path, 'latin1')).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const firstTime = records[0]?.split(' ', 1)[0] ?? '0.000000';
    const reason = escapeBytes(Buffer.from(`side lane ${lane}: an emulator of its own for scenarios that wait on device time, run beside the others`, 'utf8'));
    await appendFile(join(reportsDir, 'transcript.txt'), `${firstTime} reset ${reason}\n${records.map((line) => `${line}\n`).join('')}`, 'latin1');
    await rm(path);
  }
}
