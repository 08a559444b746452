// Faults: the whole suite against a device that stalls every command (issue 10 item 2: a
// device that answers nothing, or every final code late, still gets a whole run in bounded
// time, `--fault silence` and `--fault late-response` in under a minute). Each run is the
// whole suite, in process (the emulator's 2 s command deadline) and through the emulator
// served on TCP (a board's 5 s deadline); wall time next to the CPU time this process spent,
// and the verdict counts and exit code in the note (test/run-faults.test.ts checks the
// verdicts themselves: a few FAILs, the rest "not run", exit 3).

import { loadavg } from 'node:os';
import type { WireFaultName } from '../src/emulator/types.ts';
import { serveTcp } from '../src/emulator/serve/tcp-server.ts';
import { reportsDirectory, runInProcess } from '../test/run-in-process.ts';
import { figure, quantile, type Figure } from './bench-figures.ts';

export type FaultTransport = 'in-process' | 'tcp';

const STALLING: readonly WireFaultName[] = ['silence', 'late-response'];
const AIM_S = 60;

interface FaultRun {
  wallS: number;
  cpuS: number;
  summary: string;
}

async function wholeSuiteRun(fault: WireFaultName, transport: FaultTransport): Promise<FaultRun> {
  const server = transport === 'tcp' ? await serveTcp(0, { fault }) : undefined;
  try {
    const device = server ? ['--dut', `tcp:${server.host}:${server.port}`] : ['--fault', fault];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const run = await runInProcess([...device, '--reports', reportsDirectory(`bench-${fault}`)]);
    const wallS = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const counts = new Map<string, number>();
    for (const scenario of run.scenarios) counts.set(scenario.verdict, (counts.get(scenario.verdict) ?? 0) + 1);
    const summary = `exit ${run.exitCode}, ${[...counts].map(([verdict, count]) => `${verdict} ${count}`).join(', ')}`;
    return { wallS, cpuS: (cpu.user + cpu.system) / 1e6, summary };
  } finally {
    await server?.close();
  }
}

export async function faultBench(options: { runs: number; transports: readonly FaultTransport[]; progress: (text: string) => void }): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const transport of options.transports) {
    for (const fault of STALLING) {
      const runs: FaultRun[] = [];
      for (let index = 0; index < options.runs; index++) {
        runs.push(await wholeSuiteRun(fault, transport));
        options.progress(`--fault ${fault} (${transport}) run ${index + 1}: ${runs.at(-1)!.wallS.toFixed(1)} s, ${runs.at(-1)!.summary}`);
      }
      const wall = runs.map((run) => run.wallS);
      const note = `${[...new Set(runs.map((run) => run.summary))].join(' | ')}; load ${loadavg()[0]!.toFixed(1)}`;
      figures.push(
        figure('faults', `--fault ${fault}, whole suite, ${transport} wall time`, 's', wall, { aim: `< ${AIM_S} s`, meetsAim: quantile(wall, 0.5) < AIM_S, note }),
        figure('faults', `--fault ${fault}, whole suite, ${transport} CPU time`, 's', runs.map((run) => run.cpuS)),
      );
    }
  }
  return figures;
}
