import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badInputs, UNKNOWN_HANDLE, type BadInput } from '../src/catalogue/bad-input.ts';
import { commandByName, COMMANDS } from '../src/catalogue/catalogue.ts';
import { BAD_INPUT_PLANS } from '../src/catalogue/bad-input-features.ts';
import { checkCommandLine } from '../src/transcript/command-check.ts';

const OPTIONS = { closedHandle: '<closed>', unknownHandle: UNKNOWN_HANDLE };

function inputsOf(name: string, bases: readonly string[]): BadInput[] {
  return badInputs(commandByName(name)!, bases, OPTIONS);
}

function byDescription(inputs: readonly BadInput[], description: string): BadInput {
  const found = inputs.find((input) => input.description === description);
  assert.ok(found, `no bad input '${description}' in ${inputs.map((input) => input.description).join(' | ')}`);
  return found;
}

test('#XSOCKET: below/above listed values, missing, empty, wrong type, leading zero; role 2 only as E24', () => {
  const inputs = inputsOf('#XSOCKET', ['AT#XSOCKET=1,1,0']);
  assert.equal(byDescription(inputs, '<op> 0, below its values 1, 2').line, 'AT#XSOCKET=0,1,0');
  assert.equal(byDescription(inputs, '<op> 3, above its values 1, 2').line, 'AT#XSOCKET=3,1,0');
  assert.equal(byDescription(inputs, '<type> missing').line, 'AT#XSOCKET=1');
  assert.equal(byDescription(inputs, '<type> empty').line, 'AT#XSOCKET=1,,0');
  assert.equal(byDescription(inputs, '<op> as a string "1"').line, 'AT#XSOCKET="1",1,0');
  assert.equal(byDescription(inputs, '<role> with a leading zero 00').line, 'AT#XSOCKET=1,1,00');
  assert.equal(byDescription(inputs, '<role> 2, above its values 0, 1').firmwareAcceptsAs, 'E24');
  assert.equal(byDescription(inputs, '<op> 3, above its values 1, 2').firmwareAcceptsAs, undefined);
  // The optional <cid> is appended with its default as the base value; it is never "missing".
  assert.equal(byDescription(inputs, '<cid> 11, above its maximum 10').line, 'AT#XSOCKET=1,1,0,11');
  assert.ok(!inputs.some((input) => input.description === '<cid> missing'));
});

test('#XSEND: hex limits 2800/2802 (E10), malformed hex, handles unknown and closed', () => {
  const inputs = inputsOf('#XSEND', ['AT#XSEND=<handle>,0,0,"Test TCP"', 'AT#XSEND=<handle>,1,0,"48656C6C6F"']);
  const accepted = byDescription(inputs, '<data> of 2802 characters, over the 2800 the spec allows');
  assert.equal(accepted.firmwareAcceptsAs, 'E10');
  assert.equal(accepted.line, `AT#XSEND=<handle>,1,0,"${'AB'.repeat(1401)}"`);
  assert.equal(byDescription(inputs, '<data> of 2804 characters, over the 2800 the spec allows').firmwareAcceptsAs, undefined);
  assert.equal(byDescription(inputs, '<data> with an odd count of hex digits').line, 'AT#XSEND=<handle>,1,0,"ABC"');
  assert.equal(byDescription(inputs, '<handle> of a closed socket').line, 'AT#XSEND=<closed>,0,0,"Test TCP"');
  assert.equal(byDescription(inputs, `<handle> ${UNKNOWN_HANDLE}, a handle no socket has`).kind, 'unknown-handle');
  assert.equal(byDescription(inputs, '<handle> with a leading zero 0<handle>').line, 'AT#XSEND=0<handle>,0,0,"Test TCP"');
  // Text data (mode 0) has no limit and no format: only missing, empty and wrong type; hex adds the rest.
  assert.deepEqual(inputs.filter((input) => input.parameter === 'data').map((input) => input.kind), ['missing', 'empty', 'wrong-type', 'not-hex', 'odd-hex', 'overlong', 'overlong']);
});

test('hostnames: 129 characters are refused by both, 128 (spec yes, firmware no, E11) is no bad input', () => {
  const inputs = inputsOf('#XCONNECT', ['AT#XCONNECT=<handle>,"test.server.com",1234']);
  const overlong = inputs.filter((input) => input.kind === 'overlong');
  assert.deepEqual(overlong.map((input) => input.description), ['<url> of 129 characters, over the 128 the spec allows']);
  assert.equal(/"([^"]*)"/.exec(overlong[0]!.line)![1]!.length, 129);
});

test('listed values with a gap get the value between them (#XAPOLL events 2)', () => {
  const inputs = inputsOf('#XAPOLL', ['AT#XAPOLL=1,5,<handle>']);
  assert.equal(byDescription(inputs, '<events> 2, between its values 0, 1, 4, 5').line, 'AT#XAPOLL=1,2,<handle>');
  assert.equal(byDescription(inputs, '<events> missing').line, 'AT#XAPOLL=1');
  // handle2 directly follows the base and is tried; handle3 … cannot be reached.
  assert.ok(inputs.some((input) => input.parameter === 'handle2'));
  assert.ok(!inputs.some((input) => input.parameter === 'handle3'));
});

test('unrefused parameters keep every bad value but those outside the domain', () => {
  const inputs = badInputs(commandByName('#XRECV')!, ['AT#XRECV=<handle>,0,0,1,10'], { ...OPTIONS, unrefused: ['flags'] });
  const kinds = inputs.filter((input) => input.parameter === 'flags').map((input) => input.kind);
  assert.deepEqual(kinds, ['missing', 'empty', 'wrong-type', 'leading-zeros']);
});

test('a base that is not a set command of the command is refused', () => {
  assert.throws(() => inputsOf('#XSEND', ['AT#XRECV=1,0,0,1']), /not a set command of #XSEND/);
  assert.throws(() => inputsOf('#XBIND', ['AT#XBIND=1,2,3']), /more arguments/);
});

// The transcript validator's command checker must judge every derived line as the
// derivation does: the two share one domain rule (src/catalogue/parameter-domain.ts).
test('the command checker judges every derived line invalid, or firmware-accepted under the same erratum', () => {
  for (const command of COMMANDS) {
    const plan = BAD_INPUT_PLANS[command.name];
    if (!plan) continue;
    const inputs = badInputs(command, plan.bases, { ...OPTIONS, ...(plan.unrefused ? { unrefused: Object.keys(plan.unrefused) } : {}) });
    assert.ok(inputs.length > 0, command.name);
    for (const input of inputs) {
      if (input.kind === 'unknown-handle' || input.kind === 'closed-handle') continue; // the device's state decides
      const line = input.line.replace(/<handle>/g, '1');
      const issues = checkCommandLine(line).issues;
      if (input.firmwareAcceptsAs) {
        assert.ok(issues.some((issue) => issue.kind === 'firmware-accepts' && issue.erratum === input.firmwareAcceptsAs), `${line}: ${JSON.stringify(issues)}`);
        assert.ok(!issues.some((issue) => issue.kind === 'invalid'), line);
      } else {
        assert.ok(issues.some((issue) => issue.kind === 'invalid'), `${command.name} ${input.description}: the checker finds ${line.slice(0, 80)} valid: ${JSON.stringify(issues)}`);
      }
    }
  }
});

test('every parameter of every set form gets at least one bad value', () => {
  for (const command of COMMANDS) {
    const plan = BAD_INPUT_PLANS[command.name];
    const set = command.forms.set;
    if (!set.supported) continue;
    assert.ok(plan, `${command.name} has no bad-input plan`);
    const inputs = badInputs(command, plan.bases, OPTIONS);
    const reached = set.parameters.filter((parameter) => !/^handle[3-8]$/.test(parameter.name));
    for (const parameter of reached) assert.ok(inputs.some((input) => input.parameter === parameter.name), `${command.name} <${parameter.name}>`);
  }
});
