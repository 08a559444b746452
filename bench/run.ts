// `npm run bench`: how close to the wire's limit the harness runs (issue 7). Prints a table
// and writes reports/bench.json; every figure is the median over several runs with the
// spread (min–max). Never part of `npm test`.
//
//   npm run bench [-- --quick] [-- --only suite,roundtrip,linerate,reader,faults] [-- --runs N] [-- --out <file>]
//
// Sections (see each file for what exactly is measured):
//   suite      bench/suite-bench.ts       whole suite in process and through a pty, and the share of
//                                         its wall time spent in waits that end by a deadline
//   roundtrip  bench/round-trip-bench.ts  AT#XSOCKET? latency, harness vs raw floor, in process/pty/tcp
//   linerate   bench/line-rate-bench.ts   data mode and #XRECV throughput at a paced 115200/921600 baud
//   reader     bench/reader-bench.ts      AtReader and checkResponseLine throughput
//   faults     bench/fault-bench.ts       the whole suite under --fault silence and late-response (aim: < 60 s)

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figureTable } from './bench-table.ts';
import type { Figure } from './bench-figures.ts';
import { lineRateBench } from './line-rate-bench.ts';
import { readerBench } from './reader-bench.ts';
import { roundTripBench } from './round-trip-bench.ts';
import { suiteBench, type SuiteReport } from './suite-bench.ts';
import { faultBench } from './fault-bench.ts';

const SECTIONS = ['suite', 'roundtrip', 'linerate', 'reader', 'faults'] as const;
type Section = (typeof SECTIONS)[number];
const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const USAGE = 'usage: npm run bench -- [--quick] [--only suite,roundtrip,linerate,reader,faults] [--runs N] [--out <file>]';

interface BenchOptions {
  quick: boolean;
  sections: Section[];
  runs: number;
  out: string;
}

function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let sections: Section[] = [...SECTIONS];
  let runs: number | undefined;
  let out = resolve(PROJECT_ROOT, 'reports/bench.json');
  for (let index = 0; index < argv.length; index++) {
    const option = argv[index]!;
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${option} needs a value\n${USAGE}`);
      return next;
    };
    if (option === '--quick') quick = true;
    else if (option === '--only') {
      const wanted = value().split(',').map((name) => name.trim()).filter((name) => name !== '');
      const unknown = wanted.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0 || wanted.length === 0) throw new Error(`--only takes sections out of ${SECTIONS.join(', ')}, not '${unknown.join(',')}'\n${USAGE}`);
      sections = wanted as Section[];
    } else if (option === '--runs') {
      const text = value();
      runs = Number(text);
      if (!/^\d+$/.test(text) || runs < 1 || runs > 100) throw new Error(`--runs must be an integer from 1 to 100, not '${text}'\n${USAGE}`);
    } else if (option === '--out') out = resolve(value());
    else if (option === '--help') { process.stdout.write(`${USAGE}\n`); process.exit(0); }
    else throw new Error(`unknown option '${option}'\n${USAGE}`);
  }
  return { quick, sections, runs: runs ?? (quick ? 3 : 5), out };
}

/** The scenarios that wait on deadlines: all of them when the share misses its aim (their owners tune them), else the top few. */
function waitingScenarioLines(suite: SuiteReport, figures: readonly Figure[]): string {
  const share = figures.find((each) => each.name === 'in-process waiting on deadlines' && each.unit === '% of wall');
  if (!share || suite.waitingScenarios.length === 0) return '';
  // a scenario that waits less than 10 ms is not worth its owner's time
  const listed = suite.waitingScenarios.filter((each) => each.waitMs >= 10).slice(0, share.meetsAim ? 5 : undefined);
  if (listed.length === 0) return '';
  const title = share.meetsAim ? 'most deadline waiting (in process, share within the aim)' : 'scenarios responsible for the deadline waiting (in process, share above 10%)';
  const rows = listed.map((each) => `  ${each.waitMs.toFixed(0).padStart(6)} ms of ${each.scenarioMs.toFixed(0).padStart(5)} ms  ${each.uri}  ${each.name}  [${each.kinds.join('; ')}]`);
  return `\n${title}:\n${rows.join('\n')}\n`;
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 2;
  }
  const figures: Figure[] = [];
  let suite: SuiteReport | undefined;
  const started = performance.now();
  const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);
  for (const section of options.sections) {
    const sectionStart = performance.now();
    progress(`${section}…`);
    switch (section) {
      case 'suite':
        suite = await suiteBench({ runs: options.quick ? Math.min(options.runs, 2) : options.runs, transports: ['in-process', 'pty'], progress });
        figures.push(...suite.figures);
        break;
      case 'roundtrip':
        figures.push(...await roundTripBench({ transports: ['in-process', 'pty', 'tcp'], runs: options.runs, count: options.quick ? 500 : 2000 }));
        break;
      case 'linerate':
        figures.push(...await lineRateBench({ bauds: [115200, 921600], runs: options.quick ? Math.min(options.runs, 2) : Math.min(options.runs, 3), seconds: options.quick ? 1 : 3 }));
        break;
      case 'reader':
        figures.push(...readerBench({ megabytes: options.quick ? 4 : 16, runs: options.runs }));
        break;
      case 'faults':
        figures.push(...await faultBench({ runs: options.quick ? 1 : Math.min(options.runs, 3), transports: ['in-process', 'tcp'], progress }));
        break;
    }
    progress(`${section} took ${((performance.now() - sectionStart) / 1000).toFixed(1)} s`);
  }
  process.stdout.write(`${figureTable(figures)}\n`);
  if (suite) process.stdout.write(waitingScenarioLines(suite, figures));
  const report = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpu: cpus()[0]?.model ?? 'unknown', cpus: cpus().length },
    runs: options.runs,
    quick: options.quick,
    seconds: (performance.now() - started) / 1000,
    figures,
    ...(suite ? { waitingScenarios: suite.waitingScenarios, slowestScenarios: suite.slowestScenarios } : {}),
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nwrote ${options.out} (${report.seconds.toFixed(0)} s)\n`);
  return 0;
}

// Servers, peers and pacers of the sections are closed, but a stray timer must not keep a finished bench alive.
process.exit(await main());
