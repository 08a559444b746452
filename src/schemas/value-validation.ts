// Validates a parsed line against its shape's compiled JSON Schema and turns ajv's errors
// into findings that name the field, the rule in words and the observed value.

import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ResponseShape } from '../catalogue/types.ts';
import { fieldRule, occurrenceRule } from './field-rules.ts';
import { planOf, type ResponseValue } from './line-parser.ts';
import { COMMAND_PROPERTY } from './response-schema.ts';
import { finding, type SchemaFinding } from './schema-finding.ts';
import { validatorFor } from './schema-registry.ts';

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function errorPath(error: ErrorObject): string {
  if (error.keyword === 'required') return `${error.instancePath}/${String(error.params['missingProperty'])}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${String(error.params['additionalProperty'])}`;
  return error.instancePath;
}

function expectedRule(shape: ResponseShape, error: ErrorObject, path: string, name: string): string {
  if (name === COMMAND_PROPERTY) return `exactly ${shape.prefix}`;
  const field = planOf(shape).byName.get(name);
  if (field) return path.split('/').length > 2 ? occurrenceRule(field) : fieldRule(field);
  if (error.keyword === 'additionalProperties') return `only the fields ${COMMAND_PROPERTY}, ${planOf(shape).fieldList}`;
  return error.message ?? error.keyword;
}

/**
 * Schema findings for `value` as `shape`. Fields named in `alreadyReported` (by the syntax
 * stage) are skipped: a field that could not be read is missing from the object, and saying
 * so again would only repeat the first finding.
 */
export function validateResponseValue(
  shape: ResponseShape,
  value: ResponseValue | Record<string, unknown>,
  alreadyReported: ReadonlySet<string> = new Set(),
): SchemaFinding[] {
  const validate = validatorFor(shape);
  if (validate(value)) return [];
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const path = errorPath(error);
    const name = path.split('/')[1] ?? '';
    // One finding per place: an out-of-domain integer fails enum and maximum alike.
    if (alreadyReported.has(name) || seen.has(path)) continue;
    seen.add(path);
    findings.push(finding({
      shapeId: shape.id,
      path,
      ...(name ? { field: name } : {}),
      stage: 'schema',
      expected: expectedRule(shape, error, path, name),
      observed: valueAt(value, path),
      ...(error.keyword === 'required' ? { problem: 'missing' } : error.keyword === 'additionalProperties' ? { problem: 'an unknown field' } : {}),
      keyword: error.keyword,
    }));
  }
  return findings;
}
