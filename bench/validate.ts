// Benchmark of `sm-conformance validate` (run by hand, never part of npm test):
//
//   node --import tsx bench/validate.ts [--mb 1024] [--format transcript|terminal] [--style stamps|arrows] [--keep <path>]
//
// Generates a valid session of at least --mb megabytes on the fly into a temporary file
// (socket open, connect, #XAPOLL, send, binary and hex receives with payloads holding
// CR/LF/NUL/"OK", close, in rotation over 8 handles), then validates it in a child process
// and prints lines/s, MB/s and the child's peak RSS. The file is removed afterwards
// (--keep <path>: only generate, into <path>, e.g. for profiling). A terminal log's lines
// start with a bracketed time (`[12:00:00.001] OK`, --style stamps) or with a time and a
// direction arrow (`12:00:00.001 <- OK`, --style arrows).

import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { TranscriptWriter } from '../src/transcript/transcript-writer.ts';
import { Validation, type InputFormat } from '../src/transcript/validation.ts';
import { fileChunks } from '../src/transcript/file-chunks.ts';

const MB = 1024 * 1024;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

/** One cycle of a session on `handle`, as wire steps; valid under every rule. */
function cycle(handle: number): [direction: 'tx' | 'rx', text: string][] {
  const payload = 'Test OK\r\nOK\r\n\x00\xff';
  const hex = Buffer.from('hello, world').toString('hex').toUpperCase();
  return [
    ['tx', 'AT#XSOCKET=1,1,0\r'],
    ['rx', `\r\n#XSOCKET: ${handle},1,6\r\n\r\nOK\r\n`],
    ['tx', `AT#XCONNECT=${handle},"test.server.com",1234\r`],
    ['rx', `\r\n#XCONNECT: ${handle},1\r\n\r\nOK\r\n`],
    ['tx', `AT#XAPOLL=1,5,${handle}\r`],
    ['rx', '\r\nOK\r\n'],
    ['rx', `\r\n#XAPOLL: ${handle},4\r\n`],
    ['tx', `AT#XSEND=${handle},0,0,"Test TCP"\r`],
    ['rx', `\r\n#XSEND: ${handle},8\r\n\r\nOK\r\n`],
    ['tx', `AT#XRECV=${handle},0,0,10\r`],
    ['rx', `\r\n#XRECV: ${handle},0,${Buffer.byteLength(payload, 'latin1')}\r\n${payload}\r\nOK\r\n`],
    ['tx', `AT#XRECV=${handle},1,0,10,2048\r`],
    ['rx', `\r\n#XRECV: ${handle},1,${hex.length / 2}\r\n${hex}\r\nOK\r\n`],
    ['tx', 'AT#XAPOLL=0\r'],
    ['rx', '\r\nOK\r\n'],
    ['tx', `AT#XCLOSE=${handle}\r`],
    ['rx', `\r\n#XCLOSE: ${handle},0\r\n\r\nOK\r\n`],
  ];
}

/** A block of cycles over handles 0..7 in transcript form, written once and repeated. */
async function transcriptBlock(): Promise<{ header: Buffer; block: Buffer }> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => parts.push(chunk));
  const writer = new TranscriptWriter(sink, { dut: 'bench' });
  let atUs = 0;
  for (let handle = 0; handle < 8; handle++) {
    for (const [direction, text] of cycle(handle)) writer[direction](Buffer.from(text, 'latin1'), (atUs += 250));
  }
  await writer.close();
  const text = Buffer.concat(parts);
  const headerEnd = text.indexOf('\n#@ dut=bench\n') + '\n#@ dut=bench\n'.length;
  return { header: text.subarray(0, headerEnd), block: text.subarray(headerEnd) };
}

type TerminalStyle = 'stamps' | 'arrows';

const LINE_START: Record<TerminalStyle, Record<'tx' | 'rx', string>> = {
  stamps: { tx: '[12:00:00.000] ', rx: '[12:00:00.001] ' },
  arrows: { tx: '12:00:00.000 -> ', rx: '12:00:00.001 <- ' },
};

/** The same cycles as a terminal log (payload lines as a terminal shows them). */
function terminalBlock(style: TerminalStyle): { header: Buffer; block: Buffer } {
  const lines: string[] = [];
  const start = LINE_START[style];
  for (let handle = 0; handle < 8; handle++) {
    for (const [direction, text] of cycle(handle)) {
      if (direction === 'tx') lines.push(`${start.tx}${text.replace(/\r$/, '')}`);
      else for (const line of text.split('\r\n')) if (line !== '') lines.push(`${start.rx}${line}`);
    }
  }
  return { header: Buffer.alloc(0), block: Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1') };
}

async function generate(path: string, format: InputFormat, style: TerminalStyle, megabytes: number): Promise<number> {
  const { header, block } = format === 'transcript' ? await transcriptBlock() : terminalBlock(style);
  const out = createWriteStream(path);
  out.write(header);
  // Write big slabs of repeated blocks: generation must not be the slow part.
  const slab = Buffer.concat(Array.from({ length: Math.max(1, Math.floor((8 * MB) / block.length)) }, () => block));
  let written = header.length;
  while (written < megabytes * MB) {
    if (!out.write(slab)) await once(out, 'drain');
    written += slab.length;
  }
  out.end();
  await once(out, 'finish');
  return written;
}

/** Child side: validate the file and print figures as JSON. */
async function measure(path: string, format: InputFormat): Promise<void> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const validation = new Validation({ input: path, format });
  // Read as `sm-conformance validate` reads.
  for await (const chunk of fileChunks(path)) validation.push(chunk);
  const summary = validation.end();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // CPU time of this process: on a shared machine the wall time includes waiting for a core.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, lines: summary.lines, bytes: summary.bytes, commands: summary.commands, totals: summary.totals, peakRssMb })}\n`);
}

async function main(): Promise<void> {
  const format = argument('format', 'transcript') as InputFormat;
  const style = argument('style', 'stamps') as TerminalStyle;
  if (!(style in LINE_START)) throw new Error(`--style must be stamps or arrows, not '${style}'`);
  if (process.argv.includes('--measure')) return measure(argument('measure', ''), format);
  const megabytes = Number(argument('mb', '1024'));
  if (process.argv.includes('--keep')) {
    await generate(argument('keep', 'session.log'), format, style, megabytes);
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'sm-validate-bench-'));
  const path = join(directory, `session.${format}`);
  try {
    process.stderr.write(`generating ${megabytes} MB ${format}${format === 'terminal' ? ` (${style})` : ''} in ${path} ...\n`);
    await generate(path, format, style, megabytes);
    const size = statSync(path).size;
    process.stderr.write(`validating ${(size / MB).toFixed(0)} MB in a child process ...\n`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', path, '--format', format], { encoding: 'utf8', maxBuffer: MB });
    if (child.status !== 0) throw new Error(`validation child failed: ${child.stderr}`);
    const figures = JSON.parse(child.stdout) as { seconds: number; cpuSeconds: number; lines: number; bytes: number; commands: number; totals: Record<string, number>; peakRssMb: number };
    const lines = [
      `input            ${format}${format === 'terminal' ? ` (${style})` : ''}, ${(figures.bytes / MB).toFixed(0)} MiB, ${figures.lines.toLocaleString('en')} lines, ${figures.commands.toLocaleString('en')} commands`,
      `findings         ${JSON.stringify(figures.totals)}`,
      `time             ${figures.seconds.toFixed(1)} s`,
      `throughput       ${Math.round(figures.lines / figures.seconds).toLocaleString('en')} lines/s, ${(figures.bytes / MB / figures.seconds).toFixed(1)} MiB/s (wall time)`,
      `per core         ${Math.round(figures.lines / figures.cpuSeconds).toLocaleString('en')} lines/s, ${(figures.bytes / MB / figures.cpuSeconds).toFixed(1)} MiB/s (CPU time ${figures.cpuSeconds.toFixed(1)} s; on a busy machine the wall time also counts waiting for a core)`,
      `machine load     ${os.loadavg()[0]!.toFixed(1)} (1-minute load average, ${os.cpus().length} cores)`,
      `peak RSS         ${figures.peakRssMb.toFixed(0)} MiB (validating process)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
