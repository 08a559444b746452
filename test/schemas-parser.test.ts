// The parser, the schema generator and the validator on test-local shapes, so that these
// tests say what the machinery does whatever the catalogue holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResponseLine } from '../src/schemas/line-parser.ts';
import { responseSchema, SCHEMA_DIALECT, schemaIdOf } from '../src/schemas/response-schema.ts';
import { validateResponseValue } from '../src/schemas/value-validation.ts';
import { fieldRule } from '../src/schemas/field-rules.ts';
import type { FieldSpec, ResponseShape } from '../src/catalogue/types.ts';

const OPENED: ResponseShape = {
  id: 'FIXTURE.set',
  prefix: '#XFIXTURE',
  form: 'set',
  doc: 'an opened socket',
  errata: ['E2'],
  fields: [
    { name: 'handle', kind: 'integer' },
    { name: 'type', kind: 'integer', domain: { kind: 'integer', values: [{ value: 1, meaning: 'stream' }, { value: 2, meaning: 'dgram' }] } },
    { name: 'protocol', kind: 'integer', domain: { kind: 'integer', values: [{ value: 0, meaning: 'ip' }, { value: 6, meaning: 'tcp' }, { value: 17, meaning: 'udp' }] } },
  ],
};

const POLLING: ResponseShape = {
  id: 'FIXTURE.read',
  prefix: '#XFIXTURE',
  form: 'read',
  doc: 'polling state',
  fields: [
    { name: 'running', kind: 'integer', domain: { kind: 'integer', min: 0, max: 1 } },
    { name: 'events', kind: 'integer' },
    { name: 'handles', kind: 'integer', domain: { kind: 'integer', min: 0, max: 7 }, repeated: true },
  ],
};

const PEER: ResponseShape = {
  id: 'FIXTURE.peer',
  prefix: '#XFIXTURE',
  form: 'urc',
  doc: 'a peer',
  fields: [
    { name: 'ip', kind: 'quoted', pattern: '^\\d+(?:\\.\\d+){3}$' },
    { name: 'name', kind: 'bare', pattern: '^[a-z.]+$' },
    { name: 'ops', kind: 'literal', literal: '(0,1)' },
  ],
};

test('a line becomes an object with the prefix and named fields', () => {
  assert.deepEqual(parseResponseLine('#XFIXTURE: 0,1,6', OPENED), {
    shapeId: 'FIXTURE.set',
    value: { command: '#XFIXTURE', handle: 0, type: 1, protocol: 6 },
    findings: [],
  });
});

test('a repeated trailing field becomes an array, empty when absent', () => {
  assert.deepEqual(parseResponseLine('#XFIXTURE: 1,1,0,2', POLLING).value, { command: '#XFIXTURE', running: 1, events: 1, handles: [0, 2] });
  assert.deepEqual(parseResponseLine('#XFIXTURE: 0,0', POLLING).value, { command: '#XFIXTURE', running: 0, events: 0, handles: [] });
});

test('quoted fields lose their quotes, bare and literal fields keep their text', () => {
  const parsed = parseResponseLine('#XFIXTURE: "10.0.0.1",peer.example,(0,1)', PEER);
  assert.deepEqual(parsed.findings, []);
  assert.deepEqual(parsed.value, { command: '#XFIXTURE', ip: '10.0.0.1', name: 'peer.example', ops: '(0,1)' });
});

test('the token kind must fit the field kind; each mismatch names its field', () => {
  const findings = parseResponseLine('#XFIXTURE: 10.0.0.1,"peer",(0,1)', PEER).findings;
  assert.deepEqual(findings.map((finding) => [finding.path, finding.problem]), [
    ['/ip', 'unquoted text where a quoted string is required'],
    ['/name', 'a quoted string where an unquoted token is required'],
  ]);
  const integers = parseResponseLine('#XFIXTURE: "0",(1),<6>', OPENED).findings;
  assert.deepEqual(integers.map((finding) => [finding.path, finding.problem]), [
    ['/handle', 'a quoted string where an integer is required'],
    ['/type', 'a parenthesised list where an integer is required'],
    ['/protocol', 'a <placeholder> where an integer is required'],
  ]);
});

test('integers that are too large to be exact are refused', () => {
  const findings = parseResponseLine('#XFIXTURE: 99999999999999999999,1,6', OPENED).findings;
  assert.deepEqual(findings.map((finding) => [finding.path, finding.problem]), [['/handle', 'an integer too large to be exact']]);
});

test('missing and extra fields are counted and named', () => {
  const missing = parseResponseLine('#XFIXTURE: 0', OPENED).findings;
  assert.deepEqual(missing.map((finding) => finding.path), ['/type', '/protocol']);
  assert.match(missing[0]!.message, /missing \(the line has 1 field, FIXTURE\.set has handle, type, protocol\)/);
  assert.equal(missing[0]!.observed, undefined);

  const extra = parseResponseLine('#XFIXTURE: 0,1,6,9,9', OPENED).findings;
  assert.equal(extra.length, 1);
  assert.equal(extra[0]!.path, '');
  assert.equal(extra[0]!.observed, '9,9');
  assert.equal(extra[0]!.column, 18);
  assert.match(extra[0]!.message, /an unexpected 4th field/);
});

test('a framing defect lands on the field it touches, items of a repeated field included', () => {
  const findings = parseResponseLine('#XFIXTURE: 1,1,0, 2', POLLING).findings;
  assert.deepEqual(findings.map((finding) => [finding.path, finding.field, finding.problem]), [['/handles/1', 'handles', 'a space before the value']]);
});

test('the schema is generated from the shape: dialect, id, domains, const, required, no extras', () => {
  const schema = responseSchema(OPENED);
  assert.equal(schema['$schema'], SCHEMA_DIALECT);
  assert.equal(schema['$id'], schemaIdOf('FIXTURE.set'));
  assert.equal(schema['$comment'], 'errata: E2');
  assert.deepEqual(schema['required'], ['command', 'handle', 'type', 'protocol']);
  assert.equal(schema['additionalProperties'], false);
  assert.deepEqual(schema['properties'], {
    command: { const: '#XFIXTURE' },
    handle: { type: 'integer' },
    type: { type: 'integer', enum: [1, 2] },
    protocol: { type: 'integer', enum: [0, 6, 17] },
  });
  assert.deepEqual((responseSchema(POLLING)['properties'] as Record<string, unknown>)['handles'], { type: 'array', items: { type: 'integer', minimum: 0, maximum: 7 } });
  assert.deepEqual(responseSchema(PEER)['properties'], {
    command: { const: '#XFIXTURE' },
    ip: { type: 'string', pattern: '^\\d+(?:\\.\\d+){3}$' },
    name: { type: 'string', pattern: '^[a-z.]+$' },
    ops: { const: '(0,1)' },
  });
});

test('a shape that cannot become a schema says why', () => {
  const twice: ResponseShape = { ...OPENED, id: 'FIXTURE.twice', fields: [OPENED.fields[0]!, OPENED.fields[0]!] };
  assert.throws(() => responseSchema(twice), /FIXTURE\.twice: field name "handle" is used twice/);
  const early: ResponseShape = { ...POLLING, id: 'FIXTURE.early', fields: [POLLING.fields[2]!, POLLING.fields[0]!] };
  assert.throws(() => responseSchema(early), /only the last field may repeat/);
  const noToken: ResponseShape = { ...PEER, id: 'FIXTURE.notoken', fields: [{ name: 'ops', kind: 'literal' }] };
  assert.throws(() => responseSchema(noToken), /literal field "ops" has no literal token/);
});

test('an out-of-domain value gives a finding with the path, the rule in words and the observed value', () => {
  const findings = validateResponseValue(OPENED, { command: '#XFIXTURE', handle: 0, type: 1, protocol: 7 });
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(finding!.path, '/protocol');
  assert.equal(finding!.field, 'protocol');
  assert.equal(finding!.stage, 'schema');
  assert.equal(finding!.keyword, 'enum');
  assert.equal(finding!.expected, 'one of 0, 6, 17');
  assert.equal(finding!.observed, 7);
  assert.equal(finding!.message, 'FIXTURE.set /protocol: expected one of 0, 6, 17, observed 7');
});

test('schema findings cover ranges, items, patterns, consts, the prefix, missing and unknown fields', () => {
  const polling = validateResponseValue(POLLING, { command: '#XFIXTURE', running: 2, events: 0, handles: [0, 9] });
  assert.deepEqual(polling.map((finding) => [finding.path, finding.expected, finding.observed]), [
    ['/running', 'an integer from 0 to 1', 2],
    ['/handles/1', 'an integer from 0 to 7', 9],
  ]);
  const peer = validateResponseValue(PEER, { command: '#XOTHER', ip: '10.0.0', name: 'UPPER', ops: '(0,1,2)', extra: 1 });
  assert.deepEqual(peer.map((finding) => [finding.path, finding.keyword]).sort(), [
    ['/command', 'const'], ['/extra', 'additionalProperties'], ['/ip', 'pattern'], ['/name', 'pattern'], ['/ops', 'const'],
  ]);
  const missing = validateResponseValue(OPENED, { command: '#XFIXTURE', handle: 0, type: 1 });
  assert.deepEqual(missing.map((finding) => [finding.path, finding.problem, finding.expected]), [['/protocol', 'missing', 'one of 0, 6, 17']]);
});

test('an out-of-domain integer is one finding, though it fails enum and range alike', () => {
  const both: ResponseShape = {
    id: 'FIXTURE.both', prefix: '#XFIXTURE', form: 'set', doc: '',
    fields: [{ name: 'cid', kind: 'integer', domain: { kind: 'integer', values: [{ value: 0, meaning: '' }, { value: 1, meaning: '' }], min: 0, max: 1 } }],
  };
  const findings = validateResponseValue(both, { command: '#XFIXTURE', cid: 5 });
  assert.deepEqual(findings.map((finding) => [finding.path, finding.expected]), [['/cid', 'one of 0, 1 (an integer from 0 to 1)']]);
});

test('rules in words for every field kind', () => {
  const rule = (field: FieldSpec) => fieldRule(field);
  assert.equal(rule({ name: 'a', kind: 'integer' }), 'an integer');
  assert.equal(rule({ name: 'a', kind: 'integer', domain: { kind: 'integer', min: 0 } }), 'an integer of at least 0');
  assert.equal(rule({ name: 'a', kind: 'integer', domain: { kind: 'integer', max: 9 } }), 'an integer of at most 9');
  assert.equal(rule({ name: 'a', kind: 'quoted' }), 'a quoted string');
  assert.equal(rule({ name: 'a', kind: 'bare', pattern: '^x$' }), 'an unquoted token matching /^x$/');
  assert.equal(rule({ name: 'a', kind: 'literal', literal: '<cid>' }), 'exactly <cid>');
  assert.equal(rule({ name: 'a', kind: 'integer', repeated: true }), 'zero or more trailing fields, each an integer');
});
