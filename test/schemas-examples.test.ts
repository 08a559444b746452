// Acceptance: every response line and URC of every spec example parses and validates
// against its catalogue schema, except the lines an erratum says the spec got wrong,
// which must fail with a finding on the field the erratum concerns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResponseLine } from '../src/schemas/response-check.ts';
import { shapeById } from '../src/catalogue/catalogue.ts';
import { SPEC_EXAMPLES } from '../src/catalogue/examples.ts';
import type { SpecExample } from '../src/catalogue/types.ts';

const FINAL_CODES = new Set(['OK', 'ERROR']);

/** Example lines the spec prints wrongly, per an erratum listed on the example. */
const WRONG_BY_ERRATUM: readonly { example: string; line: string; erratum: string; path: string }[] = [
  // The #XAPOLL example leaves <mode> out of the #XRECV header: the line is one field short.
  { example: 'XAPOLL-5', line: '#XRECV: 1,4', erratum: 'E17', path: '/size' },
];

interface ExampleLine {
  example: SpecExample;
  line: string;
  form: SpecExample['form'] | 'urc';
}

function linesOf(example: SpecExample): ExampleLine[] {
  const last = example.response[example.response.length - 1];
  assert.ok(last !== undefined && FINAL_CODES.has(last), `${example.id} ends with a final result code`);
  return [
    ...example.response.slice(0, -1).map((line) => ({ example, line, form: example.form })),
    ...(example.urcs ?? []).map((line) => ({ example, line, form: 'urc' as const })),
  ];
}

const ALL_LINES = SPEC_EXAMPLES.flatMap(linesOf);

test('the spec examples hold response lines and URCs to check', () => {
  assert.ok(SPEC_EXAMPLES.length >= 47, `${SPEC_EXAMPLES.length} examples`);
  assert.ok(ALL_LINES.length >= 40, `${ALL_LINES.length} lines`);
  assert.ok(ALL_LINES.some((entry) => entry.form === 'urc'));
});

for (const { example, line, form } of ALL_LINES) {
  const wrong = WRONG_BY_ERRATUM.find((entry) => entry.example === example.id && entry.line === line);
  if (wrong) continue;
  test(`${example.id}: "${line}" validates against its schema (${example.command} ${form})`, () => {
    const result = checkResponseLine(line, { command: example.command, form });
    assert.deepEqual(result.findings.map((finding) => finding.message), []);
    assert.equal(result.ok, true);
    const shape = shapeById(result.shapeId ?? '');
    assert.ok(shape, `matched a catalogue shape: ${result.shapeId}`);
    assert.equal(shape.prefix, line.slice(0, line.indexOf(':')));
    assert.equal(form === 'urc', shape.form === 'urc', `${result.shapeId} is ${form === 'urc' ? '' : 'not '}a URC shape`);
  });
}

for (const wrong of WRONG_BY_ERRATUM) {
  test(`${wrong.example}: "${wrong.line}" fails validation, as erratum ${wrong.erratum} says`, () => {
    const entry = ALL_LINES.find((each) => each.example.id === wrong.example && each.line === wrong.line);
    assert.ok(entry, `the example index still holds ${wrong.example} "${wrong.line}"`);
    assert.ok(entry.example.errata?.includes(wrong.erratum), `${wrong.example} lists ${wrong.erratum}`);
    const result = checkResponseLine(wrong.line, { command: entry.example.command, form: entry.form });
    assert.equal(result.ok, false);
    assert.ok(shapeById(result.shapeId ?? '')?.errata?.includes(wrong.erratum), `${result.shapeId} names ${wrong.erratum}`);
    const finding = result.findings.find((each) => each.path === wrong.path);
    assert.ok(finding, `a finding at ${wrong.path}: ${result.findings.map((each) => each.message).join('; ')}`);
    assert.ok(finding.message.includes(wrong.path));
  });
}

test('the payload that follows a receive header is not a response line', () => {
  const withPayload = SPEC_EXAMPLES.filter((example) => example.payload !== undefined);
  assert.ok(withPayload.length > 0);
  for (const example of withPayload) assert.ok(!example.response.includes(example.payload!), example.id);
});
