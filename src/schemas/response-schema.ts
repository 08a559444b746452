// The JSON Schema (draft 2020-12) of one response line shape, generated from the catalogue's
// ResponseShape: the catalogue stays the only place the protocol is written.
// The schema describes the object the line parser builds: `command` plus one property per
// field, a repeated trailing field as an array.

import type { FieldSpec, ResponseShape } from '../catalogue/types.ts';

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** `.invalid` is reserved (RFC 2606): the ids name schemas, nothing is ever fetched. */
export const SCHEMA_ID_BASE = 'https://sm-conformance.invalid/schemas/response/';

/** The property that holds the line's prefix in every parsed line. */
export const COMMAND_PROPERTY = 'command';

export type JsonSchema = { [keyword: string]: unknown };

export function schemaIdOf(shapeId: string): string {
  return `${SCHEMA_ID_BASE}${shapeId}`;
}

function occurrenceSchema(field: FieldSpec, shapeId: string): JsonSchema {
  switch (field.kind) {
    case 'integer': {
      const domain = field.domain;
      return {
        type: 'integer',
        ...(domain?.values ? { enum: domain.values.map((entry) => entry.value) } : {}),
        ...(domain?.min !== undefined ? { minimum: domain.min } : {}),
        ...(domain?.max !== undefined ? { maximum: domain.max } : {}),
      };
    }
    case 'quoted':
    case 'bare':
      return { type: 'string', ...(field.pattern ? { pattern: field.pattern } : {}) };
    case 'literal':
      if (field.literal === undefined) throw new Error(`response shape ${shapeId}: literal field "${field.name}" has no literal token`);
      return { const: field.literal };
  }
}

function fieldSchema(field: FieldSpec, shapeId: string): JsonSchema {
  const occurrence = occurrenceSchema(field, shapeId);
  const schema = field.repeated ? { type: 'array', items: occurrence } : occurrence;
  return field.doc ? { description: field.doc, ...schema } : schema;
}

function checkFieldLayout(shape: ResponseShape): void {
  const names = new Set<string>([COMMAND_PROPERTY]);
  shape.fields.forEach((field, index) => {
    if (names.has(field.name)) throw new Error(`response shape ${shape.id}: field name "${field.name}" is used twice (or clashes with "${COMMAND_PROPERTY}")`);
    names.add(field.name);
    if (field.repeated && index !== shape.fields.length - 1) {
      throw new Error(`response shape ${shape.id}: only the last field may repeat, not "${field.name}"`);
    }
  });
}

export function responseSchema(shape: ResponseShape): JsonSchema {
  checkFieldLayout(shape);
  const properties: Record<string, JsonSchema> = { [COMMAND_PROPERTY]: { const: shape.prefix } };
  for (const field of shape.fields) properties[field.name] = fieldSchema(field, shape.id);
  return {
    $schema: SCHEMA_DIALECT,
    $id: schemaIdOf(shape.id),
    title: `${shape.prefix} (${shape.form})`,
    description: shape.doc,
    ...(shape.errata && shape.errata.length > 0 ? { $comment: `errata: ${shape.errata.join(', ')}` } : {}),
    type: 'object',
    properties,
    required: [COMMAND_PROPERTY, ...shape.fields.map((field) => field.name)],
    additionalProperties: false,
  };
}
