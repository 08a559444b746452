// The native `d` flag in place of regexp-match-indices' JavaScript indices
// (src/cli/native-match-indices.ts): cucumber-expressions gets it, and still finds every
// parameter's text and where it begins, as the package did.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import '../src/cli/native-match-indices.ts';

const fromCucumber = createRequire(createRequire(import.meta.url).resolve('@cucumber/cucumber-expressions'));
const expressions = fromCucumber('@cucumber/cucumber-expressions') as typeof import('@cucumber/cucumber-expressions');

describe('native match indices for cucumber-expressions', () => {
  it('takes the package\'s place before cucumber-expressions loads it', () => {
    const indices = fromCucumber('regexp-match-indices') as (regexp: RegExp, text: string) => RegExpExecArray | null;
    const match = indices(/a(b)?(c)/, 'xac');
    // the engine's own: a value from the exec itself, not a getter that measures afterwards
    assert.ok(match && 'value' in Object.getOwnPropertyDescriptor(match, 'indices')!, 'indices from the exec itself');
    assert.deepEqual([...match.indices!], [[1, 3], undefined, [2, 3]]);
    assert.ok(!(/a/.exec('a') as RegExpExecArray & { indices?: unknown }).indices, 'the pattern given keeps its flags');
  });

  it('gives every parameter its text and start, optional groups and nested ones included', () => {
    const registry = new expressions.ParameterTypeRegistry();
    const expression = new expressions.CucumberExpression('I send {string} to socket {int}( again)', registry);
    const args = expression.match('I send "AT#XSEND=\\"1\\"" to socket 12 again')!;
    assert.deepEqual(args.map((arg) => [arg.group.value, arg.group.start]), [['"AT#XSEND=\\"1\\""', 7], ['12', 34]]);
    assert.deepEqual(args.map((arg) => arg.getValue(null)), ['AT#XSEND="1"', 12]);
    assert.equal(expression.match('I send "x" to socket 1 twice'), null);
    const regular = new expressions.RegularExpression(/^the response is `(.*)`(?: within (\d+) s)?$/, registry);
    const found = regular.match('the response is `OK`')!;
    assert.deepEqual(found.map((arg) => [arg.group.value, arg.group.start]), [['OK', 17], [undefined, undefined]]);
  });
});
