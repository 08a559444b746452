// Device pool: the whole suite's wall time on one device and on two, each device an emulator
// served on a pseudo-terminal by its own `sm-conformance emulate --pty` process, as two boards
// on two ttys would be. The run is the CLI's (`sm-conformance run --dut serial:<a>
// [--dut serial:<b>]`, --parallel defaulting to the pool size), timed from spawn to exit,
// reports included (Allure results only, no HTML: Java is not what is measured). Without
// --peer-host the network scenarios are INCONCLUSIVE on both, so both runs do the same work.
//
//   node --import tsx bench/pool-bench.ts [--runs N] [--tags <expr>]

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { conformanceRun } from '../src/cli/run.ts';
import { parseRunOptions } from '../src/cli/run-options.ts';

const CLI = fileURLToPath(new URL('../bin/sm-conformance.mjs', import.meta.url));

interface Served { dut: string; process: ChildProcess }

async function serve(path: string): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'emulate', '--pty', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('serving')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`emulate --pty ${path} exited ${code}`)));
  });
  return { dut: `serial:${path}`, process: child };
}

async function timedRun(duts: readonly string[], tags: string | undefined, reports: string): Promise<{ ms: number; exit: number; summary: string }> {
  const request = parseRunOptions([...duts.flatMap((dut) => ['--dut', dut]), '--reports', reports, ...(tags ? ['--tags', tags] : [])]);
  if (request === 'help') throw new Error('unexpected help request');
  let out = '';
  const started = performance.now();
  const outcome = await conformanceRun(request, { out: (text) => { out += text; }, err: () => undefined, tty: false, allure: false });
  return { ms: performance.now() - started, exit: outcome.exitCode, summary: /^verdicts: .*$/m.exec(out)?.[0] ?? '(no verdict line)' };
}

async function main(): Promise<void> {
  const runsIndex = process.argv.indexOf('--runs');
  const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 1;
  const tagsIndex = process.argv.indexOf('--tags');
  const tags = tagsIndex > 0 ? process.argv[tagsIndex + 1] : undefined;
  const directory = mkdtempSync(join(tmpdir(), 'sm-pool-bench-'));
  const served: Served[] = [];
  try {
    served.push(await serve(join(directory, 'a')), await serve(join(directory, 'b')));
    const results: Record<string, number[]> = { '1 device': [], '2 devices': [] };
    for (let run = 0; run < runs; run++) {
      for (const [label, duts] of [['1 device', [served[0]!.dut]], ['2 devices', served.map((each) => each.dut)]] as const) {
        const result = await timedRun(duts, tags, join(directory, `reports-${run}-${duts.length}`));
        results[label]!.push(result.ms);
        process.stdout.write(`${label}: ${(result.ms / 1000).toFixed(1)} s (exit ${result.exit}; ${result.summary})\n`);
      }
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const one = median(results['1 device']!);
    const two = median(results['2 devices']!);
    process.stdout.write(`\nwhole suite${tags ? ` (${tags})` : ''}, median of ${runs}, ${cpus().length} CPUs: 1 device ${(one / 1000).toFixed(1)} s, 2 devices ${(two / 1000).toFixed(1)} s, speed-up ${(one / two).toFixed(2)}×\n`);
  } finally {
    for (const each of served) each.process.kill('SIGTERM');
    await Promise.all(served.map((each) => new Promise((resolve) => (each.process.exitCode !== null ? resolve(null) : each.process.once('exit', resolve)))));
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
