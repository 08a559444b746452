// The attachment convention of a run, in one place: what the World attaches to cucumber's
// messages and what the reports read back. The World passes cucumber's own `attach`, so
// nothing under src/ imports cucumber.
//
//   per step      `wire.txt`            text/plain  the step's wire slice (wire-slice.ts)
//   per scenario  `reset-wire.txt`      text/plain  the known-state reset's wire slice
//   per scenario  (no file name)        VERDICT_MEDIA_TYPE  JSON VerdictRecord
//   on a failure  `schema-failure.txt`  text/plain  expected vs observed, with the ajv path
//   per scenario  `sequence-chart.svg`  image/svg+xml  the scenario's message-sequence chart
//
// Everything a device said is attached as text/plain: every report shows it as text,
// never as markup.

import type { LineCheck } from '../schemas/response-check.ts';
import { redactSecrets } from '../transcript/secret-redaction.ts';
import { traceabilityOf } from './traceability-tags.ts';
import { VERDICT_MEDIA_TYPE, VERDICTS, type Verdict, type VerdictOutcome } from './verdict.ts';
import type { WireChunk } from '../transcript/transcript-format.ts';
import { renderWireSlice } from './wire-slice.ts';
import { renderSequenceChart, type ScenarioExchange } from './sequence-chart.ts';

/** cucumber's `World.attach`, narrowed to what the convention uses. */
export type Attach = (data: string, options: { mediaType: string; fileName?: string }) => unknown;
/** The same, for bytes (cucumber embeds them base64, as an image must be). */
export type AttachBytes = (data: Buffer, options: { mediaType: string; fileName?: string }) => unknown;

export const TEXT_MEDIA_TYPE = 'text/plain';
export const WIRE_SLICE_FILE = 'wire.txt';
export const RESET_WIRE_FILE = 'reset-wire.txt';
export const SCHEMA_FAILURE_FILE = 'schema-failure.txt';
export const SEQUENCE_CHART_FILE = 'sequence-chart.svg';
export const SVG_MEDIA_TYPE = 'image/svg+xml';

/** Attaches the scenario's sequence chart. */
export function attachSequenceChart(attach: AttachBytes, exchange: ScenarioExchange): void {
  attach(Buffer.from(renderSequenceChart(exchange), 'utf8'), { mediaType: SVG_MEDIA_TYPE, fileName: SEQUENCE_CHART_FILE });
}

/** The verdict attachment's body. */
export interface VerdictRecord {
  verdict: Verdict;
  /** The reasons in one line ('' for PASS). */
  reason: string;
  reasons: string[];
  /** Errata the scenario showed. */
  errata: string[];
  command?: string;
  form?: string;
  examples: string[];
  /** Errata the scenario is tagged with. */
  taggedErrata: string[];
}

/** Attaches a step's (or the reset's) wire slice; nothing when no byte moved. */
export function attachWireSlice(attach: Attach, chunks: readonly WireChunk[], fileName: string = WIRE_SLICE_FILE): void {
  if (chunks.length === 0) return;
  attach(renderWireSlice(chunks), { mediaType: TEXT_MEDIA_TYPE, fileName });
}

export function verdictRecord(outcome: VerdictOutcome, tags: readonly string[]): VerdictRecord {
  const trace = traceabilityOf(tags);
  const reasons = outcome.reasons.map(redactSecrets);
  return {
    verdict: outcome.verdict,
    reason: reasons.join('; '),
    reasons,
    errata: [...outcome.errata],
    ...(trace.command ? { command: trace.command } : {}),
    ...(trace.form ? { form: trace.form } : {}),
    examples: trace.examples,
    taggedErrata: trace.errata,
  };
}

/** Attaches the scenario's verdict (call once, from the After hook). */
export function attachVerdict(attach: Attach, outcome: VerdictOutcome, tags: readonly string[]): VerdictRecord {
  const record = verdictRecord(outcome, tags);
  attach(JSON.stringify(record), { mediaType: VERDICT_MEDIA_TYPE });
  return record;
}

/**
 * Reads a verdict attachment back; undefined when it is not one. Accepts the bare
 * VerdictOutcome (`{verdict, reasons, errata}`) too.
 */
export function parseVerdictAttachment(body: string): Pick<VerdictRecord, 'verdict' | 'reasons' | 'errata'> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (!VERDICTS.includes(record.verdict as Verdict)) return undefined;
  const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
  return { verdict: record.verdict as Verdict, reasons: strings(record.reasons).map(redactSecrets), errata: strings(record.errata) };
}

/** The text of a schema failure: the line, then per finding its ajv path, expected and observed. */
export function renderSchemaFailure(line: string, check: LineCheck): string {
  const out = [`schema check failed${check.shapeId ? ` against ${check.shapeId}` : ' (no response shape has this prefix)'}`, `observed line: ${JSON.stringify(redactSecrets(line))}`];
  for (const finding of check.findings) {
    out.push('');
    out.push(`path:     ${finding.path === '' ? '(the whole line)' : finding.path}${finding.keyword ? `  (ajv keyword: ${finding.keyword})` : ''}${finding.column !== undefined ? `  column ${finding.column}` : ''}`);
    out.push(`expected: ${finding.expected}`);
    out.push(`observed: ${finding.observed === undefined ? 'nothing' : JSON.stringify(finding.observed)}`);
    if (finding.problem) out.push(`problem:  ${finding.problem}`);
  }
  const others = check.attempts.filter((attempt) => attempt.shapeId !== check.shapeId);
  if (others.length > 0) out.push('', `other shapes tried: ${others.map((attempt) => `${attempt.shapeId} (${attempt.findings.length} finding${attempt.findings.length === 1 ? '' : 's'})`).join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** Attaches a failed schema check (call from the step that checked the line, before it throws). */
export function attachSchemaFailure(attach: Attach, line: string, check: LineCheck): void {
  if (check.ok) return;
  attach(renderSchemaFailure(line, check), { mediaType: TEXT_MEDIA_TYPE, fileName: SCHEMA_FAILURE_FILE });
}
