// Small constructors that let the command modules read like the spec's bullet lists:
// `oneOf([1, 'Client.'], [0, 'Server.'])` instead of nested object literals.

import type { FieldSpec, Form, FormSpec, IntegerDomain, PayloadSpec, ResponseShape } from './types.ts';

/** An integer domain listing the spec's values with their meanings, in the spec's order. */
export function oneOf(...values: readonly (readonly [number, string])[]): IntegerDomain {
  return { kind: 'integer', values: values.map(([value, meaning]) => ({ value, meaning })) };
}

export function range(min?: number, max?: number): IntegerDomain {
  return { kind: 'integer', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

export function integerField(name: string, domain?: IntegerDomain, doc?: string): FieldSpec {
  return { name, kind: 'integer', ...(domain ? { domain } : {}), ...(doc ? { doc } : {}) };
}

export function quotedField(name: string, pattern: string, doc?: string): FieldSpec {
  return { name, kind: 'quoted', pattern, ...(doc ? { doc } : {}) };
}

export function bareField(name: string, pattern: string, doc?: string): FieldSpec {
  return { name, kind: 'bare', pattern, ...(doc ? { doc } : {}) };
}

/** An exact token of a test response, e.g. literal('ops', '(1,2)'). */
export function literal(name: string, token: string): FieldSpec {
  return { name, kind: 'literal', literal: token };
}

/** Options of `shape` beyond id, prefix, form, fields and doc. */
interface ShapeOptions {
  multiple?: boolean;
  payload?: PayloadSpec;
  errata?: readonly string[];
}

/** A response line shape; its id is `<command without #>.<form>[.<variant>]`. */
export function shape(
  prefix: string,
  form: ResponseShape['form'],
  fields: readonly FieldSpec[],
  doc: string,
  options: ShapeOptions & { variant?: string } = {},
): ResponseShape {
  const { variant, ...rest } = options;
  const id = `${prefix.slice(1)}.${form}${variant ? `.${variant}` : ''}`;
  return { id, prefix, form, fields, ...rest, doc };
}

/** The spec's "The <form> command is not supported." */
export function notSupported(form: Form): FormSpec {
  return { supported: false, requirement: `The ${form} command is not supported.` };
}
