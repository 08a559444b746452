// Benchmark of report generation (run by hand, never part of npm test):
//
//   node --import tsx bench/report.ts [--scenarios 800] [--steps 6] [--no-allure-html]
//
// Builds a cucumber message stream the size of the full suite (every scenario with a
// reset wire slice, a wire slice per step, tags, a verdict; a mix of all five verdicts),
// writes it to a temporary reports directory, and runs generateReports on it, printing
// the time of each phase and the total: what reporting adds to a run (aim: under 5 s).

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReports } from '../src/report/generate-reports.ts';
import { COMMANDS } from '../src/catalogue/catalogue.ts';
import { SPEC_EXAMPLES } from '../src/catalogue/examples.ts';
import type { Verdict } from '../src/report/verdict.ts';
import { messageStream, toNdjson, type SyntheticFeature, type SyntheticScenario } from '../test/report-message-stream.ts';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

const scenarioCount = Number(argument('scenarios', '800'));
const stepsPerScenario = Number(argument('steps', '6'));
const allureHtml = !process.argv.includes('--no-allure-html');
const VERDICT_MIX: readonly Verdict[] = ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'NON-STRICT', 'FAIL', 'INCONCLUSIVE', 'N/A'];
const FORMS = ['set', 'read', 'test'] as const;

/** A realistic step slice: a command, its response lines, a payload now and then. */
function wireSlice(step: number, atUs: number): string {
  const time = (offset: number): string => ((atUs + offset) / 1e6).toFixed(6);
  const lines = ['#sm-conformance-transcript 1', '# wire slice: tx = host to device, rx = device to host; times are µs of the session clock'];
  lines.push(`${time(0)} tx AT#XRECV=0,0,0,10\\r`, `${time(900)} rx \\r\\n#XRECV: 0,0,24\\r\\n`, `${time(900)} rx Test payload \\x00\\r\\nOK\\r\\n!!\\r\\nOK\\r\\n`);
  lines.push('# ^ payload of #XRECV: 0,0,24: 24 bytes', '#   text: Test payload \\x00\\r\\nOK\\r\\n!!', '#   hex:  54 65 73 74 20 70 61 79 6C 6F 61 64 20 00 0D 0A 4F 4B 0D 0A 21 21');
  if (step % 3 === 0) lines.push(`${time(1500)} rx \\r\\n#XAPOLL: 0,1\\r\\n`, '# ^ URC #XAPOLL: 0,1');
  return `${lines.join('\n')}\n`;
}

function features(): SyntheticFeature[] {
  const byCommand = new Map<string, SyntheticScenario[]>();
  for (let index = 0; index < scenarioCount; index++) {
    const command = COMMANDS[index % COMMANDS.length]!;
    const form = FORMS[index % 3]!;
    const examples = SPEC_EXAMPLES.filter((example) => example.section === command.name && example.form === form);
    const example = examples[index % Math.max(1, examples.length)];
    const verdict = VERDICT_MIX[index % VERDICT_MIX.length]!;
    const tags = [`@${command.name.slice(1)}`, `@${form}`, ...(example ? [`@example:${example.id}`] : []), ...(verdict === 'NON-STRICT' ? ['@erratum:E1'] : []), ...(index % 2 ? ['@negative'] : [])];
    const steps = Array.from({ length: stepsPerScenario }, (_, step) => ({
      text: `I send \`AT${command.name}=${index},${step}\``,
      ...(verdict === 'FAIL' && step === stepsPerScenario - 1 ? { status: 'FAILED' as const, message: `AT${command.name}: expected \`OK\`, got \`ERROR\`` } : {}),
      attachments: [{ body: wireSlice(step, index * 100_000 + step * 10_000), fileName: 'wire.txt' }],
    }));
    const reasons = verdict === 'PASS' ? [] : [`${verdict.toLowerCase()} reason of scenario ${index}`];
    const list = byCommand.get(command.name) ?? [];
    list.push({ name: `${command.name} ${form} requirement ${index}`, tags, steps, verdict: { verdict, reasons, errata: verdict === 'NON-STRICT' ? ['E1'] : [] } });
    byCommand.set(command.name, list);
  }
  return [...byCommand].map(([command, scenarios]) => ({ uri: `features/${command.slice(1).toLowerCase()}.feature`, name: command, scenarios }));
}

const dir = mkdtempSync(join(tmpdir(), 'sm-bench-report-'));
try {
  const messagesFile = join(dir, 'cucumber-messages.ndjson');
  writeFileSync(messagesFile, toNdjson(messageStream(features())));
  console.log(`messages: ${scenarioCount} scenarios × ${stepsPerScenario} steps, ${(statSync(messagesFile).size / 1024 / 1024).toFixed(1)} MB`);
  const reports = await generateReports({ reportsDir: dir, allure: allureHtml ? 'html' : 'results', environment: { dut: 'emulator', profile: 'firmware' } });
  for (const [phase, ms] of Object.entries(reports.timings)) console.log(`${phase.padEnd(18)} ${String(ms).padStart(6)} ms`);
  const withoutJava = reports.totalMs - (reports.timings['allure html'] ?? 0);
  console.log(`${'total'.padEnd(18)} ${String(reports.totalMs).padStart(6)} ms   (without the Allure HTML: ${withoutJava} ms)`);
  for (const note of reports.notes) console.log(`note: ${note}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
