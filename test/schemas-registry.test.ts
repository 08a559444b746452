// The schemas of the catalogue: one per response shape, exported for reports, each
// compiled once per process however many lines are checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResponseLine } from '../src/schemas/response-check.ts';
import { allSchemas, schemaCompilationCount, schemaFor, schemaOf, validatorFor } from '../src/schemas/schema-registry.ts';
import { schemaIdOf } from '../src/schemas/response-schema.ts';
import { RESPONSE_SHAPES, shapeById } from '../src/catalogue/catalogue.ts';
import { SPEC_EXAMPLES } from '../src/catalogue/examples.ts';
import type { ResponseShape } from '../src/catalogue/types.ts';

function checkEveryExampleLine(): void {
  for (const example of SPEC_EXAMPLES) {
    for (const line of example.response.slice(0, -1)) checkResponseLine(line, { command: example.command, form: example.form });
    for (const line of example.urcs ?? []) checkResponseLine(line, { command: example.command, form: 'urc' });
  }
}

// This test runs first in its process, so the counter starts from nothing compiled.
test('schemas compile lazily, once each, however many lines are checked', () => {
  assert.equal(schemaCompilationCount(), 0, 'nothing is compiled before the first check');
  checkEveryExampleLine();
  const afterFirstPass = schemaCompilationCount();
  assert.ok(afterFirstPass > 0);
  assert.ok(afterFirstPass <= RESPONSE_SHAPES.length);
  for (let pass = 0; pass < 3; pass++) checkEveryExampleLine();
  assert.equal(schemaCompilationCount(), afterFirstPass, 'no schema is compiled twice');
  for (const shape of RESPONSE_SHAPES) validatorFor(shape);
  assert.equal(schemaCompilationCount(), RESPONSE_SHAPES.length, 'one compilation per catalogue shape');
  checkEveryExampleLine();
  assert.equal(schemaCompilationCount(), RESPONSE_SHAPES.length);
});

test('a shape\'s validator and schema are the same objects on every call', () => {
  const shape = shapeById('XSOCKET.set')!;
  assert.equal(validatorFor(shape), validatorFor(shape));
  assert.equal(schemaOf(shape), schemaOf(shape));
  assert.equal(schemaFor('XSOCKET.set'), schemaOf(shape));
});

test('every catalogue shape has a schema, in spec order, with an $id from its shape id', () => {
  const schemas = allSchemas();
  assert.equal(schemas.length, RESPONSE_SHAPES.length);
  assert.deepEqual(schemas.map((schema) => schema['$id']), RESPONSE_SHAPES.map((shape) => schemaIdOf(shape.id)));
  assert.equal(new Set(schemas.map((schema) => schema['$id'])).size, schemas.length, 'ids are unique');
  for (const schema of schemas) {
    assert.equal(schema['additionalProperties'], false);
    assert.equal(schema['type'], 'object');
  }
});

test('schemaFor answers undefined for an id the catalogue does not have', () => {
  assert.equal(schemaFor('XNOTHING.set'), undefined);
});

test('the schemas are plain JSON (reports can print them as they are)', () => {
  const schema = schemaFor('XRECVFROM.set')!;
  assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
  const properties = schema['properties'] as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(properties), ['command', 'handle', 'mode', 'size', 'ip_addr', 'port']);
  assert.deepEqual(properties['port'], { ...(properties['port']!['description'] ? { description: properties['port']!['description'] } : {}), type: 'integer', minimum: 0, maximum: 65535 });
});

test('two different shapes with one id are refused with a clear error', () => {
  const original = shapeById('XCLOSE.set')!;
  const impostor: ResponseShape = { ...original };
  validatorFor(original);
  assert.throws(() => validatorFor(impostor), /two different response shapes have the id XCLOSE\.set/);
});

test('a pattern that is no regular expression fails at compilation, naming the shape', () => {
  const broken: ResponseShape = { id: 'BROKEN.set', prefix: '#XBROKEN', form: 'set', doc: '', fields: [{ name: 'text', kind: 'quoted', pattern: '(' }] };
  assert.throws(() => validatorFor(broken), /response shape BROKEN\.set does not compile/);
});
