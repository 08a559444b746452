import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, RESPONSE_SHAPES, shapesFor } from '../src/catalogue/catalogue.ts';
import { ERRATA, erratumById } from '../src/catalogue/errata.ts';
import { exampleById, SPEC_EXAMPLES } from '../src/catalogue/examples.ts';
import { invocationOf } from '../src/catalogue/command-line.ts';

test('the index holds the spec\'s 47 example command lines, ids unique', () => {
  assert.equal(SPEC_EXAMPLES.length, 47);
  const ids = SPEC_EXAMPLES.map((example) => example.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('examples are numbered 1..n per section, sections in spec order', () => {
  const sectionOrder = COMMANDS.map((command) => command.name);
  let previous = -1;
  const counters = new Map<string, number>();
  for (const example of SPEC_EXAMPLES) {
    const position = sectionOrder.indexOf(example.section);
    assert.ok(position >= previous, `${example.id} out of section order`);
    previous = position;
    const number = (counters.get(example.section) ?? 0) + 1;
    counters.set(example.section, number);
    assert.equal(example.id, `${example.section.slice(1)}-${number}`);
  }
  assert.deepEqual([...counters.keys()], sectionOrder, 'every command has examples');
});

test('each example names the command and form its line invokes, and ends its response with a final code', () => {
  for (const example of SPEC_EXAMPLES) {
    const invocation = invocationOf(example.line);
    assert.equal(example.command, invocation?.command, example.id);
    assert.equal(example.form, invocation?.form, example.id);
    assert.match(example.response.at(-1) ?? '', /^(OK|ERROR)$/, example.id);
    assert.ok(!example.response.includes(''), `${example.id} keeps a blank line`);
  }
  assert.equal(exampleById('XAPOLL-2')?.command, '#XSOCKET');
  assert.equal(exampleById('XAPOLL-2')?.section, '#XAPOLL');
  assert.equal(exampleById('XSOCKET-5')?.form, 'read');
  assert.equal(exampleById('XSOCKET-6')?.form, 'test');
  assert.equal(exampleById('XCLOSE-2')?.form, 'set');
  assert.equal(exampleById('XNOPE-1'), undefined);
});

test('payloads, URCs and data-mode input are kept apart from the response lines', () => {
  assert.deepEqual(exampleById('XRECV-1'), {
    id: 'XRECV-1', section: '#XRECV', command: '#XRECV', form: 'set', line: 'AT#XRECV=0,0,0,10',
    response: ['#XRECV: 0,0,7', 'OK'], payload: 'Test OK', errata: ['E13'],
  });
  assert.equal(exampleById('XRECVFROM-2')?.payload, '54657374205A4D');
  assert.deepEqual(exampleById('XSEND-3')?.dataModeInput, ['Test datamode with flags', '+++']);
  assert.deepEqual(exampleById('XSEND-3')?.response, ['OK']);
  assert.deepEqual(exampleById('XAPOLL-3')?.urcs, ['#XAPOLL: 1,4']);
  assert.deepEqual(exampleById('XAPOLL-4')?.urcs, ['#XAPOLL: 1,4', '#XAPOLL: 1,17']);
  assert.deepEqual(exampleById('XAPOLL-5')?.errata, ['E16', 'E17', 'E13']);
  assert.ok(SPEC_EXAMPLES.every((example) => !JSON.stringify(example).includes('//')), 'comment lines are not device output');
});

test('example errata and errata examples point at each other', () => {
  for (const example of SPEC_EXAMPLES) {
    for (const id of example.errata ?? []) {
      const erratum = erratumById(id);
      assert.ok(erratum, `${example.id} cites unknown ${id}`);
      assert.ok(erratum.examples?.includes(example.id), `${id} does not list ${example.id}`);
    }
  }
  for (const erratum of ERRATA) {
    for (const id of erratum.examples ?? []) {
      assert.ok(exampleById(id)?.errata?.includes(erratum.id), `${erratum.id} lists ${id}, which does not cite it`);
    }
  }
});

test('every information line of an example has a shape of its command and form, with as many fields', () => {
  for (const example of SPEC_EXAMPLES) {
    const shapes = shapesFor(example.command, example.form);
    for (const line of example.response.filter((text) => text !== 'OK' && text !== 'ERROR')) {
      const candidates = shapes.filter((shape) => line.startsWith(`${shape.prefix}: `));
      assert.ok(candidates.length > 0, `${example.id}: no shape for ${line}`);
      if (example.form === 'test') continue;
      const fieldCount = line.slice(line.indexOf(': ') + 2).split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).length;
      const fits = candidates.some((shape) => shape.fields.length === fieldCount || shape.fields.at(-1)?.repeated);
      // The #XAPOLL example's '#XRECV: 1,4' lacks <mode>: erratum E17.
      assert.equal(fits, !example.errata?.includes('E17'), `${example.id}: ${line} has ${fieldCount} fields`);
    }
    for (const urc of example.urcs ?? []) {
      assert.ok(RESPONSE_SHAPES.some((shape) => shape.form === 'urc' && urc.startsWith(`${shape.prefix}: `)), `${example.id}: ${urc}`);
    }
  }
});
