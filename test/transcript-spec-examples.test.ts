import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPEC_EXAMPLES } from '../src/catalogue/examples.ts';
import { ERRATA } from '../src/catalogue/errata.ts';
import type { SpecExample } from '../src/catalogue/types.ts';
import type { Finding } from '../src/transcript/finding.ts';
import { validateBytes } from '../src/transcript/validation.ts';
import { exampleAsTerminalLines, exampleAsWire, terminalLog, transcriptOf } from './transcript-fixtures.ts';

/** Errata whose example the validator must flag (the others document text, not wire). */
const FLAGGED: Record<string, { erratum: string; verdict: Finding['verdict'] }[]> = {
  'XSEND-3': [{ erratum: 'E9', verdict: 'NON-STRICT' }],
  'XAPOLL-4': [{ erratum: 'E15', verdict: 'FAIL' }],
  // One finding for the command; its answer (E17) follows from it and is told in it.
  'XAPOLL-5': [{ erratum: 'E16', verdict: 'FAIL' }],
  'XAPOLL-7': [{ erratum: 'E19', verdict: 'NON-STRICT' }],
};

function describe(findings: readonly Finding[]): string {
  return findings.map((finding) => `line ${finding.line} ${finding.verdict} ${finding.rule} [${finding.erratum ?? ''}] ${finding.message}`).join('\n');
}

function judge(example: SpecExample, findings: readonly Finding[], format: string): void {
  const expected = FLAGGED[example.id] ?? [];
  const where = `${example.id} as ${format}:\n${describe(findings)}`;
  if (expected.length === 0) {
    assert.deepEqual(findings, [], where);
    return;
  }
  for (const finding of findings) {
    assert.ok(finding.erratum && example.errata?.includes(finding.erratum), `every finding names one of the example's errata; ${where}`);
  }
  for (const { erratum, verdict } of expected) {
    assert.ok(findings.some((finding) => finding.erratum === erratum && finding.verdict === verdict), `expected a ${verdict} naming ${erratum}; ${where}`);
  }
}

test('the errata the validator names exist in ERRATA', () => {
  const ids = new Set(ERRATA.map((erratum) => erratum.id));
  for (const expected of Object.values(FLAGGED).flat()) assert.ok(ids.has(expected.erratum as `E${number}`), expected.erratum);
});

test('every spec example, as a terminal log, validates clean or with the finding its erratum explains', () => {
  for (const example of SPEC_EXAMPLES) {
    const { findings } = validateBytes(terminalLog(exampleAsTerminalLines(example)));
    judge(example, findings, 'terminal log');
  }
});

test('every spec example, as an sm-conformance transcript of the wire, validates the same way', async () => {
  for (const example of SPEC_EXAMPLES) {
    const { findings, summary } = validateBytes(await transcriptOf(exampleAsWire(example)));
    assert.equal(summary.format, 'transcript');
    judge(example, findings, 'transcript');
  }
});

test('the #XAPOLL set example as one session, with its comments and blank lines, finds only its errata', () => {
  const session = SPEC_EXAMPLES.filter((example) => /^XAPOLL-[1-7]$/.test(example.id));
  const lines = session.flatMap((example) => ['', ...exampleAsTerminalLines(example)]);
  const { findings: all, summary } = validateBytes(terminalLog(lines));
  // The example's #XSEND and #XRECV are an early build's syntax (E15, E16): said once, first.
  assert.match(summary.generation?.message ?? '', /an early nRF Serial Modem build/, describe(all));
  const findings = all.filter((finding) => finding.rule !== 'log.generation');
  const errata = new Set(findings.map((finding) => finding.erratum));
  assert.deepEqual([...errata].sort(), ['E15', 'E16', 'E19'], describe(findings));
  assert.ok(findings.some((finding) => finding.erratum === 'E16' && /\(erratum E17\)/.test(finding.message)), describe(findings));
});
