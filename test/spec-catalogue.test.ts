import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS, commandByName, RESPONSE_SHAPES, shapeById, shapesByPrefix, shapesFor } from '../src/catalogue/catalogue.ts';
import { erratumById } from '../src/catalogue/errata.ts';
import { SPEC_EXAMPLES } from '../src/catalogue/examples.ts';
import type { CommandSpec, Form } from '../src/catalogue/types.ts';

const SPEC_TEXT = readFileSync(new URL('../../shared/spec/socket_at_commands.rst', import.meta.url), 'utf8');
const SPEC_LINES = SPEC_TEXT.split('\n').map((line) => line.trim());
const FORMS: Form[] = ['set', 'read', 'test'];

/** The spec's section titles ("Socket #XSOCKET", …), in order. */
function sectionTitles(): string[] {
  const lines = SPEC_TEXT.split('\n');
  return lines.flatMap((line, index) => (/^=+$/.test(lines[index + 1] ?? '') && line.includes('#X') ? [line] : []));
}

function sectionText(command: CommandSpec): string {
  const start = SPEC_TEXT.indexOf(`${command.title}\n=`);
  const next = COMMANDS[COMMANDS.indexOf(command) + 1];
  return SPEC_TEXT.slice(start, next ? SPEC_TEXT.indexOf(`${next.title}\n=`) : undefined);
}

test('the catalogue holds the 15 commands in spec order, with their section titles', () => {
  assert.equal(COMMANDS.length, 15);
  assert.deepEqual(COMMANDS.map((command) => command.title), sectionTitles());
  assert.deepEqual(COMMANDS.map((command) => command.order), COMMANDS.map((_, index) => index + 1));
  for (const command of COMMANDS) assert.ok(command.title.endsWith(command.name), command.title);
});

test('every command declares set, read and test, supported exactly where the spec says so', () => {
  for (const command of COMMANDS) {
    const text = sectionText(command);
    for (const form of FORMS) {
      const spec = command.forms[form];
      assert.ok(spec, `${command.name} ${form}`);
      const unsupported = text.includes(`The ${form} command is not supported.`);
      assert.equal(spec.supported, !unsupported, `${command.name} ${form}`);
    }
  }
});

test('syntax and requirement texts are quoted from the spec', () => {
  for (const command of COMMANDS) {
    const text = sectionText(command);
    assert.ok(text.includes(command.summary.split('. ')[0]!), `${command.name} summary`);
    for (const form of FORMS) {
      const spec = command.forms[form];
      assert.ok(text.includes(spec.requirement), `${command.name} ${form} requirement: ${spec.requirement}`);
      if (spec.supported) assert.ok(SPEC_LINES.includes(spec.syntax), `${command.name} ${form} syntax: ${spec.syntax}`);
    }
  }
});

test('every <parameter> of a syntax is declared, and every declared parameter is in the syntax', () => {
  for (const command of COMMANDS) {
    for (const form of FORMS) {
      const spec = command.forms[form];
      if (!spec.supported) continue;
      const inSyntax = [...spec.syntax.matchAll(/<([a-z_0-9]+)>/g)].map((match) => match[1]!);
      const declared = spec.parameters.map((parameter) => parameter.name);
      for (const name of inSyntax) assert.ok(declared.includes(name), `${command.name} ${form}: <${name}> not declared`);
      // The #XAPOLL syntax elides <handle3> … <handle7> with "...".
      const elided = command.name === '#XAPOLL' ? ['handle3', 'handle4', 'handle5', 'handle6', 'handle7'] : [];
      for (const name of declared) assert.ok(inSyntax.includes(name) || elided.includes(name), `${command.name} ${form}: ${name} not in syntax`);
      assert.equal(new Set(declared).size, declared.length, `${command.name} ${form}: duplicate parameter`);
    }
  }
});

test('parameters carry the wire types and limits of the spec and the firmware', () => {
  const parameter = (command: string, name: string) => {
    const set = commandByName(command)!.forms.set;
    assert.ok(set.supported);
    return set.parameters.find((candidate) => candidate.name === name)!;
  };
  assert.deepEqual(parameter('#XCONNECT', 'url').domain, { kind: 'string', maxBytes: 128, firmwareMaxBytes: 127, format: 'hostname' });
  assert.deepEqual(parameter('#XSENDTO', 'url').errata, ['E11']);
  assert.deepEqual(parameter('#XSENDTO', 'port').domain, { kind: 'integer', min: 0, max: 65535 });
  assert.equal(parameter('#XBIND', 'port').wire, 'uint16');
  const hexData = parameter('#XSEND', 'data').variants?.find((variant) => variant.when.values.includes(1));
  assert.deepEqual(hexData?.domain, { kind: 'string', format: 'hex', maxBytes: 2800, firmwareMaxBytes: 2802 });
  assert.deepEqual(parameter('#XSEND', 'data').requiredWhen, { parameter: 'mode', values: [0, 1] });
  assert.deepEqual(parameter('#XRECV', 'data_len'), { ...parameter('#XRECV', 'data_len'), wire: 'int32', optional: true, default: 2048 });
  const dataLength = parameter('#XRECV', 'data_len').domain;
  assert.deepEqual(dataLength.kind === 'integer' && [dataLength.min, dataLength.max], [0, 2048]);
  assert.equal(parameter('#XSOCKET', 'type').wire, 'int32');
  assert.equal(parameter('#XSOCKET', 'op').wire, 'uint16');
  const role = parameter('#XSOCKET', 'role').domain;
  assert.deepEqual(role.kind === 'integer' && role.firmwareRange, { min: 0, max: 65535, erratum: 'E24' });
  assert.equal(parameter('#XSOCKET', 'cid').default, 0);
  const flags = parameter('#XRECV', 'flags').domain;
  assert.deepEqual(flags.kind === 'integer' && flags.values?.map((entry) => entry.value), [0, 2, 64, 256]);
  const fromFlags = parameter('#XRECVFROM', 'flags').domain;
  assert.deepEqual(fromFlags.kind === 'integer' && fromFlags.values?.map((entry) => entry.value), [0, 2, 64]);
  for (const command of COMMANDS) {
    for (const form of FORMS) {
      const spec = command.forms[form];
      if (!spec.supported) continue;
      for (const each of spec.parameters) {
        assert.ok(['uint16', 'int32', 'string'].includes(each.wire), `${command.name}.${each.name}`);
        assert.equal(each.wire === 'string', each.domain.kind === 'string', `${command.name}.${each.name}: wire and domain disagree`);
      }
    }
  }
});

test('shape ids are unique and every lookup finds what the catalogue declares', () => {
  const ids = RESPONSE_SHAPES.map((shape) => shape.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ['XSOCKET.set', 'XSOCKET.read', 'XSOCKET.test', 'XAPOLL.urc', 'XAPOLL.read', 'XAPOLL.test', 'XSEND.exit', 'XSENDTO.exit', 'XRECV.set', 'XRECVFROM.set', 'XGETADDRINFO.set.failure', 'XSSOCKETOPT.set.ciphersuite', 'XSSOCKETOPT.set.hostname']) {
    assert.equal(shapeById(id)?.id, id, id);
  }
  for (const shape of RESPONSE_SHAPES) {
    assert.ok(shape.id.startsWith(`${shape.prefix.slice(1)}.`) || shape.form === 'exit', shape.id);
    assert.ok(shape.doc.length > 0, shape.id);
  }
  assert.equal(shapeById('XNOPE.set'), undefined);
  assert.equal(commandByName('XSOCKET'), commandByName('#XSOCKET'));
  assert.equal(commandByName('#xsocket'), undefined);
  assert.deepEqual(shapesFor('#XAPOLL', 'urc').map((shape) => shape.id), ['XAPOLL.urc']);
  assert.deepEqual(shapesFor('#XSEND', 'exit').map((shape) => ({ id: shape.id, prefix: shape.prefix })), [{ id: 'XSEND.exit', prefix: '#XDATAMODE' }]);
  assert.deepEqual(shapesFor('#XCLOSE', 'read'), []);
  assert.deepEqual(shapesFor('#XBIND', 'set'), []);
  assert.deepEqual(shapesFor('#XNOPE', 'set'), []);
  assert.deepEqual(shapesByPrefix('#XAPOLL').map((shape) => shape.id), ['XAPOLL.read', 'XAPOLL.test', 'XAPOLL.urc']);
  assert.deepEqual(shapesByPrefix('#XDATAMODE').map((shape) => shape.id), ['XSEND.exit', 'XSENDTO.exit']);
});

test('only the receive headers carry a payload, and it names their own fields', () => {
  const withPayload = RESPONSE_SHAPES.filter((shape) => shape.payload);
  assert.deepEqual(withPayload.map((shape) => shape.id), ['XRECV.set', 'XRECVFROM.set']);
  for (const shape of withPayload) {
    const names = shape.fields.map((field) => field.name);
    assert.ok(names.includes(shape.payload!.sizeField) && names.includes(shape.payload!.modeField), shape.id);
  }
});

test('test responses, joined from their literal fields, are the spec examples\' lines', () => {
  const testShapes = RESPONSE_SHAPES.filter((shape) => shape.form === 'test');
  assert.equal(testShapes.length, 5);
  for (const shape of testShapes) {
    assert.ok(shape.fields.every((field) => field.kind === 'literal'), shape.id);
    const line = `${shape.prefix}: ${shape.fields.map((field) => field.literal).join(',')}`;
    const example = SPEC_EXAMPLES.find((candidate) => candidate.command === shape.prefix && candidate.form === 'test');
    assert.equal(line, example?.response[0], shape.id);
  }
});

test('every erratum a parameter or shape cites exists, and command data mode names a real parameter', () => {
  for (const command of COMMANDS) {
    const cited: string[] = [];
    for (const form of FORMS) {
      const spec = command.forms[form];
      if (!spec.supported) continue;
      for (const parameter of spec.parameters) cited.push(...(parameter.errata ?? []));
      for (const shape of spec.responses) cited.push(...(shape.errata ?? []));
    }
    for (const shape of command.unsolicited ?? []) cited.push(...(shape.errata ?? []));
    for (const id of cited) assert.ok(erratumById(id), `${command.name} cites unknown ${id}`);
    if (command.dataMode) {
      const set = command.forms.set;
      assert.ok(set.supported && set.parameters.some((parameter) => parameter.name === command.dataMode!.parameter), command.name);
    }
  }
  assert.deepEqual(COMMANDS.filter((command) => command.dataMode).map((command) => command.name), ['#XSEND', '#XSENDTO']);
});

test('field patterns compile and accept the values the spec shows', () => {
  const patterns = RESPONSE_SHAPES.flatMap((shape) => shape.fields.flatMap((field) => (field.pattern ? [{ id: `${shape.id}.${field.name}`, regex: new RegExp(field.pattern) }] : [])));
  const accepts = (id: string, value: string) => assert.ok(patterns.find((entry) => entry.id === id)!.regex.test(value), `${id} refuses ${value}`);
  const refuses = (id: string, value: string) => assert.ok(!patterns.find((entry) => entry.id === id)!.regex.test(value), `${id} accepts ${value}`);
  accepts('XRECVFROM.set.ip_addr', '192.168.1.100');
  accepts('XACCEPT.set.ip_addr', '192.168.0.2');
  accepts('XRECVFROM.set.ip_addr', '2a02:c207:2051:8976::1');
  refuses('XRECVFROM.set.ip_addr', 'test.server.com');
  accepts('XGETADDRINFO.set.ip_addresses', '2404:6800:4004:824::200e');
  accepts('XGETADDRINFO.set.ip_addresses', '142.251.42.142 2404:6800:4004:824::200e');
  refuses('XGETADDRINFO.set.ip_addresses', '142.251.42.142  1.2.3.4');
  refuses('XGETADDRINFO.set.ip_addresses', '');
  accepts('XGETADDRINFO.set.failure.error', 'EAI_NONAME');
  accepts('XGETADDRINFO.set.failure.error', 'not found');
  accepts('XSSOCKETOPT.set.ciphersuite.value', '0xc02b');
  refuses('XSSOCKETOPT.set.ciphersuite.value', '0xC02B');
  accepts('XSSOCKETOPT.set.hostname.value', 'test.server.com');
});
