// The public face of src/schemas: response lines read into named fields and checked
// against JSON Schemas generated from the spec catalogue.

export { erratumExplainingCheck } from './firmware-tolerance.ts';
export { checkResponseLine, parseForCommand, type LineCheck, type LineContext, type ShapeAttempt, type ShapeForm } from './response-check.ts';
export { parseResponseLine, parseTokens, type FieldValue, type ParsedLine, type ResponseValue } from './line-parser.ts';
export { tokenizeResponseLine, isIntegerText, type LineDefect, type TokenizedLine, type TokenKind, type ValueToken } from './value-tokens.ts';
export { validateResponseValue } from './value-validation.ts';
export { allSchemas, schemaCompilationCount, schemaFor, schemaOf, validatorFor } from './schema-registry.ts';
export { responseSchema, schemaIdOf, SCHEMA_DIALECT, type JsonSchema } from './response-schema.ts';
export { fieldRule, occurrenceRule } from './field-rules.ts';
export type { SchemaFinding } from './schema-finding.ts';
