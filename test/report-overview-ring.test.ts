// The share Allure's overview ring shows (src/report/allure-overview-ring.ts): strict PASS
// among all scenarios, floored so that it reads 100 % only when every scenario PASSed.
// The ring in a browser: test/report-browser.test.ts.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ringCaption, showStrictPassInRing } from '../src/report/allure-overview-ring.ts';
import type { VerdictMatrix } from '../src/report/verdict-matrix.ts';

function totals(counts: Partial<VerdictMatrix['totals']>): VerdictMatrix['totals'] {
  const all = { 'PASS': 0, 'NON-STRICT': 0, 'FAIL': 0, 'INCONCLUSIVE': 0, 'N/A': 0, 'FLAKY': 0, ...counts };
  return { ...all, scenarios: Object.values(all).reduce((sum, count) => sum + count, 0) };
}

describe('the overview ring caption', () => {
  it('is the share of strict PASS among all scenarios, every other verdict counting against it', () => {
    assert.deepEqual(ringCaption(totals({ 'PASS': 506, 'NON-STRICT': 21 })), { share: '96.01%', label: 'strict PASS', tooltip: '506 PASS · 21 NON-STRICT of 527 scenarios' });
    for (const verdict of ['NON-STRICT', 'FAIL', 'INCONCLUSIVE', 'N/A', 'FLAKY'] as const) {
      assert.equal(ringCaption(totals({ 'PASS': 2, [verdict]: 1 })).share, '66.66%', verdict);
    }
    assert.equal(ringCaption(totals({ PASS: 527 })).share, '100%');
  });

  it('never rounds up to 100 % and leaves Allure\'s own caption for an empty run', () => {
    assert.equal(ringCaption(totals({ 'PASS': 99_999, 'FLAKY': 1 })).share, '99.99%');
    assert.equal(ringCaption(totals({ 'PASS': 0, 'N/A': 3 })).share, '0%');
    assert.equal(ringCaption(totals({})).share, undefined);
  });

  it('is set by a script placed just before the end of the page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-ring-'));
    try {
      const path = join(dir, 'index.html');
      await writeFile(path, '<html><body><script src="data:app"></script></body></html>');
      await showStrictPassInRing(path, totals({ 'PASS': 1, 'NON-STRICT': 1 }));
      const html = await readFile(path, 'utf8');
      assert.match(html, /<script src="data:app"><\/script><script>\n[\s\S]*"share":"50%"[\s\S]*<\/script>\n<\/body><\/html>$/);
      assert.equal(html.match(/<\/script>/g)!.length, 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
