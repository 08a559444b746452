// Reads a tokenized response line into the object a shape's schema describes:
// `#XSOCKET: 0,1,6` with XSOCKET.set → { command: '#XSOCKET', handle: 0, type: 1, protocol: 6 }.
// This stage checks what JSON cannot carry (field count, quoted or not, integer spelling,
// framing spaces); value domains are the schema's job (value-validation.ts).

import type { FieldSpec, ResponseShape } from '../catalogue/types.ts';
import { fieldRule, occurrenceRule } from './field-rules.ts';
import { COMMAND_PROPERTY } from './response-schema.ts';
import { finding, type SchemaFinding } from './schema-finding.ts';
import { tokenizeResponseLine, type TokenizedLine, type TokenKind, type ValueToken } from './value-tokens.ts';

export type FieldValue = number | string;

export interface ResponseValue {
  command: string;
  [field: string]: FieldValue | FieldValue[];
}

export interface ParsedLine {
  shapeId: string;
  value: ResponseValue;
  /** Syntax findings; empty when every field could be read. */
  findings: SchemaFinding[];
}

/** A shape's fields arranged for reading, with their rules in words; made once per shape. */
export interface ShapePlan {
  fixed: readonly FieldSpec[];
  repeated?: FieldSpec;
  byName: ReadonlyMap<string, FieldSpec>;
  /** 'handle, type, protocol' for count messages. */
  fieldList: string;
}

const plans = new WeakMap<ResponseShape, ShapePlan>();

export function planOf(shape: ResponseShape): ShapePlan {
  let plan = plans.get(shape);
  if (!plan) {
    const last = shape.fields[shape.fields.length - 1];
    const repeated = last?.repeated ? last : undefined;
    plan = {
      fixed: repeated ? shape.fields.slice(0, -1) : shape.fields,
      ...(repeated ? { repeated } : {}),
      byName: new Map(shape.fields.map((field) => [field.name, field])),
      fieldList: shape.fields.map((field) => (field.repeated ? `${field.name}...` : field.name)).join(', '),
    };
    plans.set(shape, plan);
  }
  return plan;
}

const KIND_WORDS: Record<TokenKind, string> = {
  integer: 'an integer',
  quoted: 'a quoted string',
  list: 'a parenthesised list',
  placeholder: 'a <placeholder>',
  bare: 'unquoted text',
  empty: 'an empty field',
};

function integerSpellingProblem(text: string): string {
  const digits = text.startsWith('-') ? text.slice(1) : text;
  if (/^0\d+$/.test(digits)) return 'an integer with a leading zero';
  if (text === '-0') return "'-0' is not an integer";
  if (/^\+\d+$/.test(text)) return "an integer with a '+' sign";
  return 'not an integer';
}

/** The field's value from its token, or the problem that keeps the token from being one. */
function readToken(token: ValueToken, field: FieldSpec): { value: FieldValue } | { problem: string } {
  const { kind, text } = token;
  switch (field.kind) {
    case 'integer': {
      if (kind === 'bare') return { problem: integerSpellingProblem(text) };
      if (kind !== 'integer') return { problem: `${KIND_WORDS[kind]} where an integer is required` };
      const value = Number(text);
      return Number.isSafeInteger(value) ? { value } : { problem: 'an integer too large to be exact' };
    }
    case 'quoted':
      if (kind !== 'quoted') return { problem: `${KIND_WORDS[kind]} where a quoted string is required` };
      return { value: text.endsWith('"') && text.length > 1 ? text.slice(1, -1) : text.slice(1) };
    case 'bare':
      // An empty field is still unquoted text (a cleared TLS hostname reads back as nothing);
      // the field's pattern decides whether nothing is allowed.
      if (kind !== 'bare' && kind !== 'integer' && kind !== 'empty') return { problem: `${KIND_WORDS[kind]} where an unquoted token is required` };
      return { value: text };
    case 'literal':
      // The schema's const decides; the raw text is what must equal the literal.
      return { value: text };
  }
}

function ordinal(position: number): string {
  const tens = position % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][position % 10] ?? 'th');
  return `${position}${suffix}`;
}

/** Reads an already tokenized line with `shape` (so several shapes can share one tokenization). */
export function parseTokens(tokenized: TokenizedLine, shape: ResponseShape): ParsedLine {
  const plan = planOf(shape);
  const { tokens } = tokenized;
  const findings: SchemaFinding[] = [];
  const value: ResponseValue = { command: tokenized.prefix };
  const fixedCount = plan.fixed.length;

  /** Where token `index` lands: its field and JSON pointer, or undefined for a token beyond the shape. */
  const target = (index: number): { field: FieldSpec; path: string } | undefined => {
    const fixedField = plan.fixed[index];
    if (fixedField) return { field: fixedField, path: `/${fixedField.name}` };
    if (plan.repeated) return { field: plan.repeated, path: `/${plan.repeated.name}/${index - fixedCount}` };
    return undefined;
  };

  for (const defect of tokenized.defects) {
    const { column, problem, observed } = defect;
    if (defect.tokenIndex === undefined) {
      findings.push(finding({ shapeId: shape.id, path: `/${COMMAND_PROPERTY}`, field: COMMAND_PROPERTY, stage: 'syntax', expected: `the prefix ${shape.prefix} followed by ': '`, observed, problem, column }));
      continue;
    }
    const place = target(defect.tokenIndex);
    if (!place) continue; // reported below with the other extra fields
    findings.push(finding({ shapeId: shape.id, path: place.path, field: place.field.name, stage: 'syntax', expected: occurrenceRule(place.field), observed, problem, column }));
  }

  const repeatedValues: FieldValue[] = [];
  if (plan.repeated) value[plan.repeated.name] = repeatedValues;
  tokens.forEach((token, index) => {
    const place = target(index);
    if (!place) return;
    const read = readToken(token, place.field);
    if ('value' in read) {
      if (index < fixedCount) value[place.field.name] = read.value;
      else repeatedValues.push(read.value);
      return;
    }
    findings.push(finding({
      shapeId: shape.id, path: place.path, field: place.field.name, stage: 'syntax',
      expected: occurrenceRule(place.field), observed: token.text, problem: read.problem, column: token.column,
    }));
  });

  const counted = `the line has ${tokens.length} field${tokens.length === 1 ? '' : 's'}, ${shape.id} has ${plan.fieldList}`;
  for (let index = tokens.length; index < fixedCount; index++) {
    const field = plan.fixed[index]!;
    findings.push(finding({ shapeId: shape.id, path: `/${field.name}`, field: field.name, stage: 'syntax', expected: fieldRule(field), observed: undefined, problem: `missing (${counted})` }));
  }
  if (!plan.repeated && tokens.length > fixedCount) {
    const firstExtra = tokens[fixedCount]!;
    findings.push(finding({
      shapeId: shape.id, path: '', stage: 'syntax', expected: `${fixedCount} field${fixedCount === 1 ? '' : 's'}`,
      observed: tokenized.line.slice(firstExtra.column - 1),
      problem: `an unexpected ${ordinal(fixedCount + 1)} field (${counted})`, column: firstExtra.column,
    }));
  }
  return { shapeId: shape.id, value, findings };
}

/** Reads `line` with `shape`; syntax findings only (see checkResponseLine for the full check). */
export function parseResponseLine(line: string, shape: ResponseShape): ParsedLine {
  return parseTokens(tokenizeResponseLine(line), shape);
}
