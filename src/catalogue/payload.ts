// Which response lines announce a raw payload, derived from the catalogue's payload shapes
// so that the reader never hard-codes a command name. Called on every line the reader
// sees, so the per-line work is a prefix test plus a parse of the digits.

import type { PayloadRule } from '../at/events.ts';
import { RESPONSE_SHAPES } from './catalogue.ts';
import type { ResponseShape } from './types.ts';

interface PayloadHeader {
  /** '#XRECV: ' */
  start: string;
  sizeIndex: number;
  modeIndex: number;
  /** Leading integer fields to read: the header's later fields (e.g. "ip",port) need no parsing. */
  fieldsToRead: number;
}

function headerOf(shape: ResponseShape): PayloadHeader | undefined {
  if (!shape.payload) return undefined;
  const sizeIndex = shape.fields.findIndex((field) => field.name === shape.payload!.sizeField);
  const modeIndex = shape.fields.findIndex((field) => field.name === shape.payload!.modeField);
  if (sizeIndex < 0 || modeIndex < 0) throw new Error(`payload shape ${shape.id} names a field it does not have`);
  return { start: `${shape.prefix}: `, sizeIndex, modeIndex, fieldsToRead: Math.max(sizeIndex, modeIndex) + 1 };
}

/** The header fields up to `count`, as non-negative integers; undefined if any is not one. */
function leadingIntegers(text: string, from: number, count: number, total: number): number[] | undefined {
  const values: number[] = [];
  let position = from;
  for (let index = 0; index < count; index++) {
    let end = text.indexOf(',', position);
    if (end < 0) {
      // The last field of the header may end the line.
      if (index !== total - 1) return undefined;
      end = text.length;
    }
    const value = plainInteger(text, position, end);
    if (value < 0) return undefined;
    values.push(value);
    position = end + 1;
  }
  return values;
}

/**
 * `text[start, end)` as a number when it is 0 or up to nine digits without a leading zero,
 * else -1. Read digit by digit, with no string per field: it runs on every payload header.
 */
function plainInteger(text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > 9 || (length > 1 && text.charCodeAt(start) === 0x30 /* 0 */)) return -1;
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Builds a PayloadRule from response shapes (the catalogue's, unless tests give others). */
export function payloadRuleFor(shapes: readonly ResponseShape[]): PayloadRule {
  const headers = shapes.flatMap((shape) => {
    const header = headerOf(shape);
    return header ? [{ header, total: shape.fields.length }] : [];
  });
  return (line) => {
    if (line.charCodeAt(0) !== 0x23 /* '#' */) return undefined;
    for (const { header, total } of headers) {
      if (!line.startsWith(header.start)) continue;
      const values = leadingIntegers(line, header.start.length, header.fieldsToRead, total);
      if (!values) return undefined;
      const size = values[header.sizeIndex]!;
      const mode = values[header.modeIndex]!;
      if (mode !== 0 && mode !== 1) return undefined;
      return { wireBytes: mode === 1 ? 2 * size : size, mode };
    }
    return undefined;
  };
}

export const payloadRule: PayloadRule = payloadRuleFor(RESPONSE_SHAPES);
