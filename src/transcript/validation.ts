// One validation of one input, fed chunk by chunk: detects the format from the first
// bytes (unless told), runs the matching feed into a SessionDriver, and keeps only bounded
// state, so an input of any size is validated in constant memory.

import { ContextRing } from './context-ring.ts';
import { GenerationDetector } from './generation-detector.ts';
import type { Finding, FindingSink } from './finding.ts';
import { LineSplitter, LineTooLongError } from './line-splitter.ts';
import { SessionDriver } from './session-driver.ts';
import type { SessionOptions } from './session-checker.ts';
import { TerminalLogFeed } from './terminal-log-feed.ts';
import { TRANSCRIPT_MAGIC } from './transcript-format.ts';
import { TranscriptReader, TranscriptSyntaxError } from './transcript-reader.ts';
import { ValidationReport, type ValidationReportOptions, type ValidationSummary } from './validation-report.ts';

export type InputFormat = 'transcript' | 'terminal';

export interface ValidationOptions extends SessionOptions, ValidationReportOptions {
  /** Name of the input in reports. */
  input?: string;
  /** Forces the format instead of detecting it. */
  format?: InputFormat;
  /** Sees every finding as it is made (e.g. to stream JSON). */
  onFinding?: FindingSink;
}

/** The input cannot be read as the format it claims or was given (exit code 2). */
export class UnreadableInputError extends Error {}

const DETECTION_BYTES = TRANSCRIPT_MAGIC.length + 3;
const BINARY_PROBE_BYTES = 4096;
const MAX_TERMINAL_LINE_BYTES = 1024 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface Feed {
  push(chunk: Buffer): void;
  end(): void;
  lines(): number;
  /** Lines skipped as no AT traffic. */
  skipped(): number;
}

export function detectFormat(start: Buffer): InputFormat {
  const text = (start.subarray(0, 3).equals(UTF8_BOM) ? start.subarray(3) : start).toString('latin1');
  return text.startsWith(TRANSCRIPT_MAGIC) ? 'transcript' : 'terminal';
}

/**
 * Mostly control bytes: not text. A few are fine, since a terminal log shows binary
 * payloads (NUL included) as they came.
 */
function looksBinary(probe: Buffer): boolean {
  let control = 0;
  for (const byte of probe) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  return control > probe.length / 10;
}

export class Validation {
  private readonly options: ValidationOptions;
  private readonly context = new ContextRing();
  private head: Buffer[] = [];
  private headLength = 0;
  private feed: Feed | undefined;
  private report: ValidationReport | undefined;
  private bytes = 0;
  private driver: SessionDriver | undefined;
  private generations: GenerationDetector | undefined;
  private sink: FindingSink | undefined;

  constructor(options: ValidationOptions = {}) {
    this.options = options;
  }

  /** Input lines read so far (for progress). */
  get lines(): number {
    return this.feed?.lines() ?? 0;
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.feed) return this.guard(() => this.feed!.push(chunk));
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength >= DETECTION_BYTES) this.start();
  }

  end(): ValidationSummary {
    if (!this.feed) this.start();
    this.guard(() => this.feed!.end());
    const summary = this.report!.summary;
    const generation = this.generations!.verdict();
    if (generation) {
      this.sink!(generation);
      // Told first, on its own: not one of the findings listed in line order.
      summary.first = summary.first.filter((finding) => finding.rule !== generation.rule);
      summary.generation = generation;
    }
    summary.lines = this.feed!.lines();
    summary.skipped = this.feed!.skipped();
    summary.bytes = this.bytes;
    summary.commands = this.driver!.checker.commands;
    return summary;
  }

  private start(): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    const format = this.options.format ?? detectFormat(head);
    if (format === 'terminal' && looksBinary(head.subarray(0, BINARY_PROBE_BYTES))) {
      throw new UnreadableInputError('binary data: neither a terminal log nor an sm-conformance transcript');
    }
    const report = new ValidationReport(this.options.input ?? 'input', format, this.context, this.options);
    this.report = report;
    const onFinding = this.options.onFinding;
    const detector = new GenerationDetector(this.context);
    this.generations = detector;
    const sink: FindingSink = (finding: Finding) => {
      detector.observe(finding);
      report.add(finding);
      onFinding?.(finding);
    };
    this.sink = sink;
    const driver = new SessionDriver(sink, this.options);
    this.driver = driver;
    this.feed = format === 'transcript' ? this.transcriptFeed(driver) : this.terminalFeed(driver, sink);
    this.guard(() => this.feed!.push(head));
  }

  private transcriptFeed(driver: SessionDriver): Feed {
    let lastLine = 0;
    const reader = new TranscriptReader(
      (record) => {
        lastLine = record.line;
        if (record.kind === 'tx') driver.hostBytes(record.bytes, record.line);
        else if (record.kind === 'rx') driver.deviceBytes(record.bytes, record.line);
        else if (record.kind === 'reset') driver.reset(record.line);
      },
      (bytes, start, end, line) => this.context.remember(line, bytes, start, end),
      // The AtReader and HostInput copy what they keep.
      { transientBytes: true },
    );
    return {
      push: (chunk) => reader.push(chunk),
      end: () => {
        reader.end();
        driver.end(lastLine);
      },
      lines: () => reader.lines,
      skipped: () => 0,
    };
  }

  private terminalFeed(driver: SessionDriver, sink: FindingSink): Feed {
    const feed = new TerminalLogFeed(driver, sink, this.context);
    const splitter = new LineSplitter({ ends: 'any', maxLineBytes: MAX_TERMINAL_LINE_BYTES }, (bytes, start, end, lineEnd, line) => feed.line(bytes, start, end, lineEnd, line));
    let first = true;
    return {
      push: (chunk) => {
        if (first && chunk.subarray(0, 3).equals(UTF8_BOM)) chunk = chunk.subarray(3);
        first = false;
        splitter.push(chunk);
      },
      end: () => {
        splitter.end();
        feed.end();
      },
      lines: () => splitter.lines,
      skipped: () => feed.skipped,
    };
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof TranscriptSyntaxError || error instanceof LineTooLongError) throw new UnreadableInputError(error.message);
      throw error;
    }
  }
}

/** Validates a whole input held in memory (tests, small logs); findings are collected too. */
export function validateBytes(input: Buffer | string, options: ValidationOptions = {}): { summary: ValidationSummary; findings: Finding[] } {
  const findings: Finding[] = [];
  const onFinding = options.onFinding;
  const validation = new Validation({ ...options, onFinding: (finding) => { findings.push(finding); onFinding?.(finding); } });
  validation.push(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  return { summary: validation.end(), findings };
}
