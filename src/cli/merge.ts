// `sm-conformance merge <dir>… --reports <out>`: the reports of CI shards (`run --shard i/n`)
// or of one folder per device, as one set of reports: one cucumber-messages stream (the runs'
// messages merged, src/report/merged-messages.ts), then every report generated from it as a
// run does (one matrix with the device × scenario table, one JUnit, one Allure report), and
// the inputs' transcripts copied in, named after their folder.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { COMMANDS } from './command-table.ts';
import { optionValue, parseOptions } from './options.ts';
import { UsageError } from '../blame/usage-error.ts';
import { generateReports, REPORT_FILES } from '../report/generate-reports.ts';
import { mergeRunMessages, MergeError } from '../report/merged-messages.ts';
import { readRunMessages, serializeRunMessages, type Envelope } from '../report/run-messages.ts';
import { fileNameOf, transcriptFiles } from '../transcript/worker-transcript.ts';

export async function merge(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, COMMANDS.merge.options);
  const out = optionValue(parsed, 'reports');
  if (out === undefined) throw new UsageError('--reports <out> says where the merged reports go');
  const inputs = parsed.positionals.map((dir) => resolve(dir));
  if (inputs.length === 0) throw new UsageError('give the reports folders to merge');
  const target = resolve(out);
  if (inputs.includes(target)) throw new UsageError(`--reports ${out} is one of the inputs: merge into a folder of its own`);

  const runs: Envelope[][] = [];
  for (const dir of inputs) {
    try {
      runs.push((await readRunMessages(join(dir, REPORT_FILES.messages))).envelopes);
    } catch (error) {
      throw new UsageError(`${dir} is not a reports folder of sm-conformance run: ${(error as Error).message}`);
    }
  }
  let merged: Envelope[];
  try {
    merged = mergeRunMessages(runs);
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, REPORT_FILES.messages), serializeRunMessages(merged));
  copyTranscripts(inputs, target);
  const history = optionValue(parsed, 'history');
  const reports = await generateReports({ reportsDir: target, ...(history !== undefined ? { historyDir: resolve(history) } : {}) });
  process.stdout.write(`merged ${inputs.length} report folders: ${reports.scenarios.length} scenarios\n${reports.summary}\n`);
  process.stdout.write(`reports:\n${[['verdict matrix', reports.paths.matrixHtml], ['Allure report', reports.paths.allureHtml], ['JUnit XML', reports.paths.junit], ['messages', reports.paths.messages], ...reports.paths.transcripts.map((path) => ['transcript', path])]
    .filter(([, path]) => path !== undefined).map(([label, path]) => `  ${label!.padEnd(16)} ${path}`).join('\n')}\n`);
  for (const note of reports.notes) process.stderr.write(`note: ${note}\n`);
  return reports.scenarios.some((scenario) => scenario.verdict === 'FAIL') ? 1 : 0;
}

/** `shard-1/transcript.txt` → `transcript-shard-1.txt`, `dev-a/transcript-worker-0.txt` → `transcript-dev-a-worker-0.txt`. */
function copyTranscripts(inputs: readonly string[], target: string): void {
  const taken = new Set<string>();
  inputs.forEach((dir, index) => {
    for (const path of transcriptFiles(dir)) {
      const suffix = basename(path).replace(/^transcript/, '');
      let name = `transcript-${fileNameOf(basename(dir))}${suffix}`;
      if (taken.has(name)) name = `transcript-${index + 1}-${fileNameOf(basename(dir))}${suffix}`;
      taken.add(name);
      copyFileSync(path, join(target, name));
    }
  });
}
