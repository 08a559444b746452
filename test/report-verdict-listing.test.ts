// The terminal's listing of the scenarios behind the verdict table (issue 12 item 8): every
// FAIL with its reason, every NON-STRICT with its errata, INCONCLUSIVE and N/A grouped by
// reason, device bytes escaped.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioResult } from '../src/report/scenario-results.ts';
import { traceabilityOf } from '../src/report/traceability-tags.ts';
import type { Verdict } from '../src/report/verdict.ts';
import { renderVerdictListing } from '../src/report/verdict-listing-text.ts';

function scenario(line: number, name: string, verdict: Verdict, reasons: string[], errata: string[] = []): ScenarioResult {
  return {
    id: `id-${line}`, name, uri: 'features/x.feature', line, featureName: 'X', tags: [], trace: traceabilityOf([]),
    status: verdict === 'FAIL' ? 'FAILED' : 'PASSED', verdict, reasons, errata, verdictRecorded: true, durationMs: 1, steps: [],
  };
}

describe('renderVerdictListing', () => {
  it('lists FAIL, NON-STRICT with errata, INCONCLUSIVE and N/A by reason, in that order', () => {
    const text = renderVerdictListing([
      scenario(1, 'passes', 'PASS', []),
      scenario(2, 'breaks', 'FAIL', ['AT#XSOCKET?: expected `OK`; got `ERROR`', 'and more']),
      scenario(3, 'seven sockets', 'NON-STRICT', ['the 8th socket gives ERROR (erratum E1)'], ['E1']),
      scenario(4, 'no peer a', 'INCONCLUSIVE', ['this run has no network peers']),
      scenario(5, 'no peer b', 'INCONCLUSIVE', ['this run has no network peers']),
      scenario(6, 'server', 'INCONCLUSIVE', ['a loopback client cannot reach a server on this device']),
      scenario(7, 'dtls', 'N/A', ['the device profile lacks dtls']),
    ]);
    assert.equal(text, [
      'FAIL (1):',
      '  features/x.feature:2  breaks: AT#XSOCKET?: expected `OK`; got `ERROR` (+1 more)',
      '',
      'NON-STRICT (1):',
      '  features/x.feature:3  seven sockets  [E1]',
      '',
      'INCONCLUSIVE (3):',
      '  this run has no network peers (2):',
      '    features/x.feature:4 features/x.feature:5',
      '  a loopback client cannot reach a server on this device (1):',
      '    features/x.feature:6',
      '',
      'N/A (1):',
      '  the device profile lacks dtls (1):',
      '    features/x.feature:7',
      '',
    ].join('\n'));
  });

  it('prints nothing when every scenario passed', () => {
    assert.equal(renderVerdictListing([scenario(1, 'passes', 'PASS', [])]), '');
  });

  it('escapes device bytes: no escape sequence reaches the terminal', () => {
    const text = renderVerdictListing([scenario(2, 'colours', 'FAIL', ['got `\x1b[2J\x1b]0;owned\x07\u009b31m`'])]);
    assert.ok(!/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(text), JSON.stringify(text));
    assert.match(text, /got `\\x1b\[2J\\x1b\]0;owned\\x07\\x9b31m`/);
  });

  it('lists FLAKY with the attempt that failed, and names the device when several ran', () => {
    const flaky = { ...scenario(8, 'wobbles', 'FLAKY', ['failed, then passed on attempt 2', 'attempt 1: no URC arrived']), device: 'board-a' };
    const other = { ...scenario(9, 'fine', 'PASS', []), device: 'board-b' };
    assert.equal(renderVerdictListing([flaky, other]), [
      'FLAKY (1; failed, then passed on --retry):',
      '  features/x.feature:8 [board-a]  wobbles: failed, then passed on attempt 2: attempt 1: no URC arrived',
      '',
    ].join('\n'));
  });
});
