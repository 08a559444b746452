// The main job's wall time (issue 12 item 10): `npx sm-conformance run` as the README's
// set-up runs it (the whole suite against the built-in emulator, every report including
// Allure's HTML), split into start-up, scenarios and each report. Run by hand, never in
// npm test:
//
//   node --import tsx bench/main-job.ts [--runs 3] [-- <run options>]
//
// Each run is a fresh process (as a user's); the run writes its own split to the file
// SM_CONFORMANCE_TIMINGS_FILE names. The load average before each run and the CPU seconds
// the run took (its process and its children, Allure's JVM included: Linux's /proc) are
// printed beside the wall time, since on a shared machine wall time means little alone.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { RunTimings } from '../src/cli/run.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 3;
const dashes = process.argv.indexOf('--');
const runOptions = dashes >= 0 ? process.argv.slice(dashes + 1) : [];

interface Measured { wallMs: number; cpuMs: number; exitCode: number | null; load: number; timings: RunTimings }

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU ms of the waited-for children of this process so far (user + system; /proc/self/stat cutime, cstime). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_S;
}

async function once(): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'sm-bench-main-'));
  const timingsFile = join(dir, 'timings.json');
  const load = loadavg()[0]!;
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  try {
    const exitCode = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['bin/sm-conformance.mjs', 'run', '--reports', join(dir, 'reports'), ...runOptions], {
        cwd: PROJECT_ROOT, stdio: 'ignore', env: { ...process.env, SM_CONFORMANCE_TIMINGS_FILE: timingsFile },
      });
      child.on('close', resolve);
    });
    const wallMs = performance.now() - started;
    const cpuMs = childrenCpuMs() - cpuBefore;
    const timings = JSON.parse(readFileSync(timingsFile, 'utf8')) as RunTimings;
    return { wallMs, cpuMs, exitCode, load, timings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const measured: Measured[] = [];
for (let run = 0; run < runs; run++) {
  const result = await once();
  measured.push(result);
  const t = result.timings;
  process.stdout.write(`run ${run + 1}: wall ${(result.wallMs / 1000).toFixed(2)} s, CPU ${(result.cpuMs / 1000).toFixed(2)} s (exit ${result.exitCode}, load before ${result.load.toFixed(2)}): start-up ${t.startupMs} ms, scenarios ${t.scenariosMs} ms, reports ${t.reportsMs} ms (${Object.entries(t.reports).map(([phase, ms]) => `${phase} ${ms}`).join(', ')})\n`);
}
const phases = Object.keys(measured[0]!.timings.reports);
process.stdout.write(`\nmedian of ${runs} on ${cpus().length} cores: wall ${(median(measured.map((m) => m.wallMs)) / 1000).toFixed(2)} s, CPU ${(median(measured.map((m) => m.cpuMs)) / 1000).toFixed(2)} s, load before ${median(measured.map((m) => m.load)).toFixed(2)}; start-up ${median(measured.map((m) => m.timings.startupMs))} ms; scenarios ${median(measured.map((m) => m.timings.scenariosMs))} ms; reports ${median(measured.map((m) => m.timings.reportsMs))} ms\n`);
process.stdout.write(`  reports by phase: ${phases.map((phase) => `${phase} ${median(measured.map((m) => m.timings.reports[phase] ?? 0))} ms`).join(', ')}\n`);
