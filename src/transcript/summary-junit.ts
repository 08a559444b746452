// JUnit XML of a validation for CI systems: one testcase per rule. A rule with FAIL
// findings is a failure; NON-STRICT findings are recorded as a property and in the
// output; WARN findings only in the output. Device text is escaped as XML data.

import { RULES, type Finding } from './finding.ts';
import { erratumText } from './errata-quotes.ts';
import { RULE_IDS, type ValidationSummary } from './validation-report.ts';

// XML 1.0 cannot carry most control characters even escaped; show them as \xHH.
function xmlText(text: string): string {
  return text
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function findingLine(finding: Finding): string {
  const erratum = finding.erratum ? ` [${finding.erratum}]` : '';
  const quote = finding.quote ? `: "${finding.quote}"` : '';
  const text = finding.erratum ? erratumText(finding.erratum) : undefined;
  return `line ${finding.line}: ${finding.verdict}${erratum}: ${finding.message} (spec: ${finding.section}${quote})${text ? ` (${text})` : ''}`;
}

export function summaryJunit(summary: ValidationSummary): string {
  const suiteName = `sm-conformance validate ${summary.input}`;
  const cases = RULE_IDS.map((rule) => {
    const counts = summary.byRule[rule];
    const examples = summary.examples[rule] ?? [];
    const name = `${rule}: ${RULES[rule]}`;
    if (!counts) return `    <testcase classname="validate" name="${xmlText(name)}"/>`;
    const shownNote = (count: number) => (examples.length < count ? `\n(first ${examples.length} of ${count} findings shown)` : '');
    const total = counts.FAIL + counts['NON-STRICT'] + counts.WARN;
    const output = xmlText(examples.map(findingLine).join('\n') + shownNote(total));
    const parts = [`    <testcase classname="validate" name="${xmlText(name)}">`];
    if (counts['NON-STRICT'] > 0) {
      const errata = [...new Set(examples.flatMap((finding) => (finding.erratum ? [finding.erratum] : [])))].join(',');
      parts.push(`      <properties><property name="verdict" value="NON-STRICT"/><property name="errata" value="${xmlText(errata)}"/></properties>`);
    }
    if (counts.FAIL > 0) {
      const first = examples.find((finding) => finding.verdict === 'FAIL');
      parts.push(`      <failure message="${xmlText(`${counts.FAIL} FAIL finding(s)${first ? `; first at line ${first.line}: ${first.message}` : ''}`)}" type="FAIL">${output}</failure>`);
    }
    parts.push(`      <system-out>${output}</system-out>`, '    </testcase>');
    return parts.join('\n');
  });
  const failures = RULE_IDS.filter((rule) => (summary.byRule[rule]?.FAIL ?? 0) > 0).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(suiteName)}" tests="${RULE_IDS.length}" failures="${failures}">`,
    `  <testsuite name="${xmlText(suiteName)}" tests="${RULE_IDS.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
