// Allure's categories.json: failures sorted by what went wrong, matched (Java regular
// expressions, whole message, DOTALL) on the messages the harness produces: the
// AtRunner's deadline errors, the AtReader's framing reasons, the World's response
// mismatches (`<command>: expected ..., got ...`), the schema findings, the peers' checks,
// and the verdict reasons (`INCONCLUSIVE: ...`, `--strict`). A failure may sit in several.
// NON-STRICT scenarios pass, and are listed by erratum: one category per erratum of the
// catalogue, matching passed results whose verdict names it.

import { ERRATA } from '../catalogue/errata.ts';

export interface AllureCategory {
  name: string;
  description?: string;
  matchedStatuses?: ('failed' | 'broken' | 'passed' | 'skipped' | 'unknown')[];
  messageRegex?: string;
  traceRegex?: string;
}

const FAILED: AllureCategory['matchedStatuses'] = ['failed', 'broken'];

export const CONFORMANCE_CATEGORIES: readonly AllureCategory[] = [
  {
    name: 'Timeout',
    description: 'No final result code (or no awaited URC) within the command deadline: a silent or late device.',
    matchedStatuses: FAILED,
    messageRegex: '(?s).*(within the \\d+ ms deadline|timed out|does not answer AT).*',
  },
  {
    name: 'Framing error',
    description: 'Bytes that do not frame as AT lines: LF-only line ends, payloads of the wrong length, overlong lines.',
    matchedStatuses: FAILED,
    messageRegex: '(?s).*(framing|line ended with LF only|payload not followed by CRLF|line longer than|exceeds the limit of).*',
  },
  {
    name: 'Schema mismatch',
    description: "A response line's fields do not match its JSON Schema (see the schema-failure attachment for the ajv path).",
    matchedStatuses: FAILED,
    messageRegex: '(?s).*(does not match the schema|unreadable line|[A-Z]+\\.(set|read|test|urc|exit) (/\\S*|line)( \\(column \\d+\\))?: ).*',
  },
  {
    name: 'Unexpected ERROR',
    description: 'The device answered ERROR where the spec expects a response and OK.',
    matchedStatuses: FAILED,
    messageRegex: '(?s).*expected (?:(?!got ).)*`OK`(?:(?!got ).)*got .*`(ERROR|\\+CME ERROR[^`]*)`.*',
  },
  {
    name: 'Unexpected URC',
    description: 'An unsolicited line the scenario did not expect, or an expected URC that never came.',
    matchedStatuses: FAILED,
    messageRegex: '(?s).*(unexpected URC|no URC |URCs? arrived|` arrived; the spec sends no).*',
  },
  {
    name: 'Peer mismatch',
    description: 'What a network peer received (or sent back) differs from what the device was asked to transfer.',
    matchedStatuses: FAILED,
    messageRegex: '(?s).*\\bpeer\\b.*(receive|expected|got|sent).*',
  },
  {
    name: 'Erratum deviation under --strict',
    description: 'The device deviates exactly as a listed erratum says the firmware does; --strict counts that as FAIL.',
    matchedStatuses: FAILED,
    messageRegex: '(?s).*--strict.*',
  },
  {
    name: 'Response mismatch',
    description: 'Any other difference between the expected and the observed response.',
    matchedStatuses: FAILED,
    messageRegex: '(?s).*expected .*got .*',
  },
  {
    name: 'Inconclusive (environment)',
    description: 'A peer, the network or the host failed; the device could not be judged.',
    matchedStatuses: ['skipped'],
    messageRegex: '(?s)INCONCLUSIVE.*',
  },
  {
    name: 'Not applicable (device profile)',
    description: "The device's capability profile says the feature is absent.",
    matchedStatuses: ['skipped'],
    messageRegex: '(?s)N/A.*',
  },
];

/** The static categories, then one per erratum for the NON-STRICT results that name it. */
export function conformanceCategories(): AllureCategory[] {
  return [
    ...CONFORMANCE_CATEGORIES,
    ...ERRATA.map((erratum) => ({
      name: `NON-STRICT ${erratum.id}: ${shortened(erratum.specText, 70)}`,
      description: `The device deviates as erratum ${erratum.id} says the firmware does. The spec says: "${erratum.specText}" The firmware: ${erratum.firmware}`,
      matchedStatuses: ['passed' as const],
      messageRegex: `(?s)NON-STRICT: .*\\(erratum ${erratum.id}\\).*`,
    })),
  ];
}

function shortened(text: string, length: number): string {
  const plain = text.replace(/``/g, '');
  return plain.length <= length ? plain : `${plain.slice(0, length - 1)}…`;
}
