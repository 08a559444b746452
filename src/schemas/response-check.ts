// The one check other parts use: a response line, in the context of the command (and form)
// that was sent, against every shape that line could be: the form's own response shapes,
// the command's exit and URC lines, then any URC of the catalogue (URCs can arrive between
// any two commands). The first shape the line satisfies wins; when none does, the closest
// one (fewest findings) is reported, and every attempt is kept to say why.

import { commandByName, RESPONSE_SHAPES, shapesFor } from '../catalogue/catalogue.ts';
import type { Form, ResponseShape } from '../catalogue/types.ts';
import { parseTokens, type ResponseValue } from './line-parser.ts';
import { COMMAND_PROPERTY } from './response-schema.ts';
import { finding, type SchemaFinding } from './schema-finding.ts';
import { validateResponseValue } from './value-validation.ts';
import { tokenizeResponseLine, type TokenizedLine } from './value-tokens.ts';

export type ShapeForm = ResponseShape['form'];

export interface LineContext {
  /** The command sent, e.g. '#XSOCKET'; omitted: any shape of the catalogue with the line's prefix. */
  command?: string;
  /** The form sent, or 'urc'/'exit' for lines outside a response; omitted: every form of the command. */
  form?: ShapeForm;
}

export interface ShapeAttempt {
  shapeId: string;
  value: ResponseValue;
  findings: SchemaFinding[];
}

export interface LineCheck {
  ok: boolean;
  /** The shape the line satisfies; when none, the closest candidate; undefined when no candidate has the line's prefix. */
  shapeId?: string;
  value?: ResponseValue;
  findings: SchemaFinding[];
  /** Every shape tried, in order, with its findings. */
  attempts: ShapeAttempt[];
}

const FORMS: readonly Form[] = ['set', 'read', 'test'];
const URC_SHAPES: readonly ResponseShape[] = RESPONSE_SHAPES.filter((shape) => shape.form === 'urc');

/** The shapes a context allows: `own` are the form's own responses, `all` adds exit lines and URCs. */
interface Candidates {
  own: readonly ResponseShape[];
  all: readonly ResponseShape[];
}

const candidateLists = new Map<string, Candidates>();

function contextCandidates(context: LineContext): Candidates {
  const { command, form } = context;
  if (command === undefined) {
    const all = form === undefined ? RESPONSE_SHAPES : RESPONSE_SHAPES.filter((shape) => shape.form === form);
    return { own: all, all };
  }
  const own = form === undefined ? FORMS.flatMap((each) => shapesFor(command, each)) : shapesFor(command, form);
  const unsolicited = form === 'exit' || form === 'urc' ? [] : [...shapesFor(command, 'exit'), ...shapesFor(command, 'urc')];
  const urcs = form === 'exit' ? [] : URC_SHAPES;
  return { own, all: [...new Set([...own, ...unsolicited, ...urcs])] };
}

function candidatesFor(context: LineContext): Candidates {
  const key = `${context.command ?? ''}\u0000${context.form ?? ''}`;
  let candidates = candidateLists.get(key);
  if (!candidates) {
    candidates = contextCandidates(context);
    // Only catalogue commands are kept, so odd command names cannot grow the cache.
    if (context.command === undefined || commandByName(context.command)) candidateLists.set(key, candidates);
  }
  return candidates;
}

function prefixList(shapes: readonly ResponseShape[]): string {
  return [...new Set(shapes.map((shape) => `"${shape.prefix}: "`))].join(' or ');
}

/** The finding when no candidate shape carries the line's prefix. */
function noShapeFinding(tokenized: TokenizedLine, context: LineContext, candidates: Candidates): SchemaFinding {
  const label = [context.command ?? 'any command', context.form ?? 'any form'].join(' ');
  const known = context.command === undefined || commandByName(context.command) !== undefined;
  const others = candidates.all.filter((shape) => !candidates.own.includes(shape));
  const alternatively = others.length === 0 ? '' : `, or an unsolicited line starting with ${prefixList(others)}`;
  const expected = !known
    ? `a command of the catalogue (${context.command} is not one)`
    : candidates.own.length === 0
      ? `no information line (${label} answers with a final result code alone)${alternatively}`
      : `a line starting with ${prefixList(candidates.own)}${alternatively}`;
  // A malformed prefix (no colon, say) is the likelier story than an unknown line.
  const prefixDefect = tokenized.defects.find((defect) => defect.tokenIndex === undefined);
  const problem = prefixDefect ? `${prefixDefect.problem}, so no response shape fits` : 'no response shape for this line';
  return finding({ shapeId: label, path: `/${COMMAND_PROPERTY}`, field: COMMAND_PROPERTY, stage: 'syntax', expected, observed: tokenized.prefix, problem });
}

function attempt(tokenized: TokenizedLine, shape: ResponseShape): ShapeAttempt {
  const parsed = parseTokens(tokenized, shape);
  const reported = new Set<string>();
  for (const each of parsed.findings) reported.add(each.field ?? '');
  const schemaFindings = validateResponseValue(shape, parsed.value, reported);
  const findings = schemaFindings.length === 0 ? parsed.findings : [...parsed.findings, ...schemaFindings];
  return { shapeId: shape.id, value: parsed.value, findings };
}

/** Checks `line` in its context: tokenize once, then parse and validate against each candidate shape. */
export function checkResponseLine(line: string, context: LineContext = {}): LineCheck {
  const tokenized = tokenizeResponseLine(line);
  const candidates = candidatesFor(context);
  let matching = candidates.all.filter((shape) => shape.prefix === tokenized.prefix);
  if (matching.length === 0) {
    // A lowercase prefix is still read with its shape, so the report names the fields.
    const upper = tokenized.prefix.toUpperCase();
    matching = candidates.all.filter((shape) => shape.prefix === upper);
  }
  if (matching.length === 0) return { ok: false, findings: [noShapeFinding(tokenized, context, candidates)], attempts: [] };

  const attempts: ShapeAttempt[] = [];
  let closest: ShapeAttempt | undefined;
  for (const shape of matching) {
    const tried = attempt(tokenized, shape);
    attempts.push(tried);
    if (tried.findings.length === 0) return { ok: true, shapeId: tried.shapeId, value: tried.value, findings: [], attempts };
    if (!closest || tried.findings.length < closest.findings.length) closest = tried;
  }
  const best = closest!;
  return { ok: false, shapeId: best.shapeId, value: best.value, findings: best.findings, attempts };
}

/** `checkResponseLine` with the command and form as arguments: which shape matched, or why none did. */
export function parseForCommand(line: string, command: string, form: ShapeForm): LineCheck {
  return checkResponseLine(line, { command, form });
}
