// Order independence (issue 10 item 6): a scenario's verdict must not depend on which
// scenarios ran before it. `--tags @XSEND` alone once failed three data-mode scenarios
// (a stream peer was read as one stream across connections, so bytes a previous scenario's
// connection delivered late were taken for this one's); the same subset in a random order
// (`--order random:<seed>`, cucumber's own option) must give the same verdicts.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf } from './run-in-process.ts';

const GUARD = { timeout: 120_000 };

describe('verdicts do not depend on the order of scenarios', () => {
  it('run --tags @XSEND alone, in file order and in a random order, FAILs nothing and agrees', GUARD, async () => {
    const defined = await runInProcess(['--tags', '@XSEND', '--reports', reportsDirectory('order-defined')]);
    const failed = defined.scenarios.filter((scenario) => scenario.verdict === 'FAIL');
    assert.deepEqual(failed.map((scenario) => `${scenarioKey(scenario)}: ${scenario.reasons.join('; ')}`), []);
    assert.equal(defined.exitCode, 0);

    const random = await runInProcess(['--tags', '@XSEND', '--order', 'random:20261204', '--reports', reportsDirectory('order-random')]);
    assert.notDeepEqual(random.scenarios.map(scenarioKey), defined.scenarios.map(scenarioKey), 'the scenarios ran in another order');
    assert.deepEqual(verdictsOf(random), verdictsOf(defined));
  });
});
