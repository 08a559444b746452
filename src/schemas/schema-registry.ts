// The JSON Schemas of the catalogue's response shapes and their ajv validators. Both are made
// on first use and kept: each schema is generated once and compiled once per process, and a
// check does no schema work at all (compilation is what makes ajv fast, and what costs).

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { RESPONSE_SHAPES, shapeById } from '../catalogue/catalogue.ts';
import type { ResponseShape } from '../catalogue/types.ts';
import { responseSchema, type JsonSchema } from './response-schema.ts';

let ajv: Ajv2020 | undefined;
let compilations = 0;
const schemas = new WeakMap<ResponseShape, JsonSchema>();
const validators = new WeakMap<ResponseShape, ValidateFunction>();
/** Which shape object a schema id was compiled for; ajv refuses a second schema with the same id. */
const compiledIds = new Map<string, ResponseShape>();

function validatorFactory(): Ajv2020 {
  ajv ??= new Ajv2020({ allErrors: true, strict: true });
  return ajv;
}

/** The schema of `shape` (the same object on every call). */
export function schemaOf(shape: ResponseShape): JsonSchema {
  let schema = schemas.get(shape);
  if (!schema) {
    schema = responseSchema(shape);
    schemas.set(shape, schema);
  }
  return schema;
}

/** The compiled validator of `shape`, compiled on the first call and the same function after. */
export function validatorFor(shape: ResponseShape): ValidateFunction {
  const cached = validators.get(shape);
  if (cached) return cached;
  const owner = compiledIds.get(shape.id);
  if (owner && owner !== shape) throw new Error(`two different response shapes have the id ${shape.id}; schema ids must be unique`);
  const schema = schemaOf(shape);
  let validate: ValidateFunction;
  try {
    validate = validatorFactory().compile(schema);
  } catch (error) {
    throw new Error(`the JSON Schema of response shape ${shape.id} does not compile: ${(error as Error).message}`);
  }
  compilations++;
  compiledIds.set(shape.id, shape);
  validators.set(shape, validate);
  return validate;
}

/** How many schemas have been compiled in this process (each shape's at most once). */
export function schemaCompilationCount(): number {
  return compilations;
}

/** The JSON Schema of the catalogue shape `shapeId` ('XSOCKET.set'), for reports. */
export function schemaFor(shapeId: string): JsonSchema | undefined {
  const shape = shapeById(shapeId);
  return shape ? schemaOf(shape) : undefined;
}

/** The JSON Schemas of every catalogue response shape, in spec order. */
export function allSchemas(): JsonSchema[] {
  return RESPONSE_SHAPES.map(schemaOf);
}
