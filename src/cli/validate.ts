// sm-conformance validate <file|->: judges a captured session (an sm-conformance transcript
// or a plain terminal log) against the spec, offline. Exit 0: no FAIL; 1: at least one
// FAIL (or NON-STRICT with --strict); 2: bad usage, unreadable input, or no AT commands
// found (nothing was checked, so no verdict), in one line.

import { promises as fs } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { commandHelp } from './command-help.ts';
import { COMMANDS } from './command-table.ts';
import { asksForHelp, integerOption, optionValue, parseOptions } from './options.ts';
import { UsageError } from '../blame/usage-error.ts';
import { fileChunks } from '../transcript/file-chunks.ts';
import { FindingsJsonStream } from '../transcript/findings-json.ts';
import { summaryJunit } from '../transcript/summary-junit.ts';
import { summaryText } from '../transcript/summary-text.ts';
import { UnreadableInputError, Validation, type InputFormat } from '../transcript/validation.ts';
import { foundNoAtTraffic, passed } from '../transcript/validation-report.ts';

export interface ValidateIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

const PROGRESS_INTERVAL_MS = 500;
const FORMATS: readonly InputFormat[] = ['transcript', 'terminal'];

function describeReadError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error)?.message ?? String(error);
  return `cannot read '${path}': ${reason}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export async function validate(argv: string[], io: ValidateIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  if (asksForHelp(argv, COMMANDS.validate.options)) {
    io.stdout.write(`${commandHelp('validate')}\n`);
    return 0;
  }
  const parsed = parseOptions(argv, COMMANDS.validate.options);
  if (parsed.positionals.length !== 1) throw new UsageError(`${parsed.positionals.length === 0 ? 'no input given' : 'give exactly one input'}: a transcript or terminal log file, or - for stdin`);
  const path = parsed.positionals[0]!;
  const format = optionValue(parsed, 'format');
  if (format !== undefined && !FORMATS.includes(format as InputFormat)) throw new UsageError(`option --format must be transcript or terminal, not '${format}'`);
  const maxSockets = integerOption(parsed, 'max-sockets', 1, 64) ?? 8;
  const firstCount = integerOption(parsed, 'show', 0, 10_000) ?? 10;
  const strict = parsed.flags.has('strict');
  const junitPath = optionValue(parsed, 'junit');
  const fail = (message: string): number => {
    io.stderr.write(`sm-conformance validate: ${message}\n`);
    return 2;
  };

  let input: AsyncIterable<Buffer | string>;
  let totalBytes: number | undefined;
  if (path === '-') input = io.stdin;
  else {
    try {
      const stat = await fs.stat(path);
      if (stat.isDirectory()) return fail(describeReadError(path, Object.assign(new Error(), { code: 'EISDIR' })));
      totalBytes = stat.size;
    } catch (error) {
      return fail(describeReadError(path, error));
    }
    input = fileChunks(path);
  }

  const json = parsed.flags.has('json') ? new FindingsJsonStream(io.stdout) : undefined;
  const validation = new Validation({
    input: path === '-' ? 'stdin' : path,
    maxSockets,
    firstCount,
    ...(format ? { format: format as InputFormat } : {}),
    ...(json ? { onFinding: (finding) => json.add(finding) } : {}),
  });
  const progress = io.stderr.isTTY ? new ProgressLine(io.stderr, path, totalBytes) : undefined;

  let summary;
  try {
    let bytes = 0;
    for await (const chunk of input) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
      bytes += buffer.length;
      validation.push(buffer);
      progress?.update(bytes, validation.lines);
      if (json) await json.drained();
    }
    summary = validation.end();
  } catch (error) {
    progress?.clear();
    if (error instanceof UnreadableInputError) return fail(`${path === '-' ? 'stdin' : path}: ${error.message}`);
    if ((error as NodeJS.ErrnoException)?.code) return fail(describeReadError(path, error));
    throw error;
  }
  progress?.clear();

  const ok = passed(summary, strict);
  if (json) {
    json.finish(summary, ok);
    await json.drained();
  } else {
    io.stdout.write(summaryText(summary, strict));
  }
  if (junitPath) {
    try {
      await fs.writeFile(junitPath, summaryJunit(summary));
    } catch (error) {
      return fail(`cannot write JUnit file '${junitPath}': ${(error as Error).message}`);
    }
  }
  if (io.stdout.writableNeedDrain) await once(io.stdout, 'drain');
  if (foundNoAtTraffic(summary)) {
    io.stderr.write(`sm-conformance validate: ${summary.input}: no AT commands found in ${summary.lines} lines (${summary.skipped} skipped as not AT); nothing to judge\n`);
    return 2;
  }
  return ok ? 0 : 1;
}

/** One self-rewriting line on a terminal: how far the validation is. */
class ProgressLine {
  // Short inputs finish before the first update is due, so they never show a progress line.
  private lastShown = Date.now();
  private shown = false;

  constructor(private readonly out: Writable, private readonly name: string, private readonly totalBytes: number | undefined) {}

  update(bytes: number, lines: number): void {
    const now = Date.now();
    if (now - this.lastShown < PROGRESS_INTERVAL_MS) return;
    this.lastShown = now;
    this.shown = true;
    const of = this.totalBytes ? ` of ${megabytes(this.totalBytes)} (${Math.floor((100 * bytes) / this.totalBytes)}%)` : '';
    this.out.write(`\r\x1b[Kvalidating ${this.name}: ${megabytes(bytes)}${of}, ${lines.toLocaleString('en')} lines`);
  }

  clear(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
