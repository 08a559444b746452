import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveVerdict, taggedErrata, VERDICT_MEANINGS, VERDICTS, type Evidence, type VerdictContext } from '../src/report/verdict.ts';

const KNOWN = new Set(['E1', 'E15']);
const context = (overrides: Partial<VerdictContext> = {}): VerdictContext => ({ strict: false, tags: [], knownErrata: KNOWN, ...overrides });

const deviation: Evidence = { kind: 'deviation', detail: 'expected OK, got ERROR' };
const erratumE1: Evidence = { kind: 'erratum', erratum: 'E1', detail: '8th socket refused' };
const peerDown: Evidence = { kind: 'environment', detail: 'TCP echo peer refused the connection' };
const noDtls: Evidence = { kind: 'capability-absent', capability: 'dtls', detail: 'the device profile lacks dtls' };
const undefinedStep: Evidence = { kind: 'suite-error', detail: 'step is undefined' };

describe('deriveVerdict', () => {
  const table: { name: string; evidence: Evidence[]; context: VerdictContext; verdict: string }[] = [
    { name: 'no evidence', evidence: [], context: context(), verdict: 'PASS' },
    { name: 'a deviation', evidence: [deviation], context: context(), verdict: 'FAIL' },
    { name: 'a tagged, listed erratum', evidence: [erratumE1], context: context({ tags: ['@XSOCKET', '@erratum:E1'] }), verdict: 'NON-STRICT' },
    { name: 'a tagged, listed erratum under --strict', evidence: [erratumE1], context: context({ strict: true, tags: ['@erratum:E1'] }), verdict: 'FAIL' },
    { name: 'an erratum the scenario is not tagged with', evidence: [erratumE1], context: context({ tags: ['@erratum:E15'] }), verdict: 'FAIL' },
    { name: 'an erratum the catalogue does not list', evidence: [{ kind: 'erratum', erratum: 'E99', detail: 'x' }], context: context({ tags: ['@erratum:E99'] }), verdict: 'FAIL' },
    { name: 'an environment failure', evidence: [peerDown], context: context(), verdict: 'INCONCLUSIVE' },
    { name: 'an environment failure under --strict', evidence: [peerDown], context: context({ strict: true }), verdict: 'INCONCLUSIVE' },
    { name: 'an erratum, then an environment failure', evidence: [erratumE1, peerDown], context: context({ tags: ['@erratum:E1'] }), verdict: 'INCONCLUSIVE' },
    { name: 'a deviation, then an environment failure', evidence: [deviation, peerDown], context: context(), verdict: 'FAIL' },
    { name: 'an absent capability', evidence: [noDtls], context: context(), verdict: 'N/A' },
    { name: 'an absent capability and anything else', evidence: [deviation, peerDown, noDtls], context: context(), verdict: 'N/A' },
    { name: 'a broken suite step', evidence: [undefinedStep], context: context(), verdict: 'FAIL' },
    { name: 'a deviation and an erratum', evidence: [erratumE1, deviation], context: context({ tags: ['@erratum:E1'] }), verdict: 'FAIL' },
  ];
  for (const row of table) {
    it(`${row.name} → ${row.verdict}`, () => {
      assert.equal(deriveVerdict(row.evidence, row.context).verdict, row.verdict);
    });
  }

  it('gives the reasons of the deciding evidence, one line each', () => {
    assert.deepEqual(deriveVerdict([peerDown], context()).reasons, ['TCP echo peer refused the connection']);
    assert.deepEqual(deriveVerdict([erratumE1], context({ tags: ['@erratum:E1'] })).reasons, ['8th socket refused (erratum E1)']);
    assert.match(deriveVerdict([erratumE1], context({ strict: true, tags: ['@erratum:E1'] })).reasons[0]!, /erratum E1.*--strict/);
    assert.match(deriveVerdict([erratumE1], context()).reasons[0]!, /not tagged @erratum:E1/);
    assert.deepEqual(deriveVerdict([], context()).reasons, []);
  });

  it('names the errata shown, once each, also under --strict', () => {
    const twice = [erratumE1, erratumE1];
    assert.deepEqual(deriveVerdict(twice, context({ tags: ['@erratum:E1'] })).errata, ['E1']);
    assert.deepEqual(deriveVerdict(twice, context({ strict: true, tags: ['@erratum:E1'] })).errata, ['E1']);
  });
});

describe('taggedErrata', () => {
  it('reads @erratum:E<n> tags and ignores everything else', () => {
    assert.deepEqual([...taggedErrata(['@XSEND', '@erratum:E15', '@erratum:E2', '@erratum:X', '@example:XSEND-2'])], ['E15', 'E2']);
  });
});

describe('VERDICT_MEANINGS', () => {
  it('maps every verdict to the cucumber status and JUnit result of the design table', () => {
    const mapping = Object.fromEntries(VERDICTS.map((verdict) => [verdict, [VERDICT_MEANINGS[verdict].cucumberStatus, VERDICT_MEANINGS[verdict].junit]]));
    assert.deepEqual(mapping, {
      'PASS': ['passed', 'pass'],
      'NON-STRICT': ['passed', 'pass'],
      'FAIL': ['failed', 'failure'],
      'INCONCLUSIVE': ['skipped', 'skipped'],
      'N/A': ['skipped', 'skipped'],
      'FLAKY': ['passed', 'pass'],
    });
  });
});
