// The scenarios behind the verdict table, for the terminal at the end of a run: every FAIL
// with its reason, every NON-STRICT with its errata, INCONCLUSIVE and N/A grouped by reason
// (52 scenarios without peers share one reason; the reason is what a reader acts on).
// Device text is printed escaped: a device's bytes never drive the terminal.
//
// One section per verdict that is not PASS, in the order of SECTIONS; a verdict added to the
// model gets its listing by one entry there. With several devices (a pool), each line names
// the device that ran the scenario.

import { printable } from '../at/byte-escape.ts';
import type { ScenarioResult } from './scenario-results.ts';
import type { Verdict } from './verdict.ts';

type Listing = (scenarios: readonly ScenarioResult[], where: (scenario: ScenarioResult) => string) => string[];

/** Where a scenario is: `features/06-xbind.feature:19`. */
export function scenarioLocation(scenario: ScenarioResult): string {
  return `${scenario.uri}${scenario.line !== undefined ? `:${scenario.line}` : ''}`;
}

/** The location, and the device that ran it when the run had several. */
function locator(scenarios: readonly ScenarioResult[]): (scenario: ScenarioResult) => string {
  const several = new Set(scenarios.map((scenario) => scenario.device)).size > 1;
  return (scenario) => `${scenarioLocation(scenario)}${several && scenario.device !== undefined ? ` [${printable(scenario.device)}]` : ''}`;
}

function firstReason(scenario: ScenarioResult): string {
  return printable(scenario.reasons[0] ?? scenario.message?.split('\n', 1)[0] ?? 'no reason recorded');
}

/** One line per scenario: where, what, why. */
const eachWithReason: Listing = (scenarios, where) => scenarios.map((scenario) => {
  const more = scenario.reasons.length > 1 ? ` (+${scenario.reasons.length - 1} more)` : '';
  return `  ${where(scenario)}  ${printable(scenario.name)}: ${firstReason(scenario)}${more}`;
});

/** One line per scenario with how it went: the retry that passed and the attempt that failed. */
const eachWithAttempts: Listing = (scenarios, where) => scenarios.map((scenario) => `  ${where(scenario)}  ${printable(scenario.name)}: ${printable(scenario.reasons.slice(0, 2).join(': '))}`);

/** One line per scenario with the errata it showed. */
const eachWithErrata: Listing = (scenarios, where) => scenarios.map((scenario) => `  ${where(scenario)}  ${printable(scenario.name)}  [${scenario.errata.join(', ') || 'no erratum recorded'}]`);

/** One block per reason: the reason and how many, then where, several to a line. */
const groupedByReason: Listing = (scenarios, where) => {
  const groups = new Map<string, ScenarioResult[]>();
  for (const scenario of scenarios) {
    const reason = firstReason(scenario);
    groups.set(reason, [...(groups.get(reason) ?? []), scenario]);
  }
  return [...groups].sort(([, a], [, b]) => b.length - a.length).flatMap(([reason, members]) => [
    `  ${reason} (${members.length}):`,
    ...wrapped(members.map(where), '    ', 100),
  ]);
};

const SECTIONS: readonly (readonly [Exclude<Verdict, 'PASS'>, Listing])[] = [
  ['FAIL', eachWithReason],
  ['FLAKY', eachWithAttempts],
  ['NON-STRICT', eachWithErrata],
  ['INCONCLUSIVE', groupedByReason],
  ['N/A', groupedByReason],
];

/** The listings of every verdict that occurred, each headed `VERDICT (n):`; '' when all passed. */
export function renderVerdictListing(scenarios: readonly ScenarioResult[]): string {
  const where = locator(scenarios);
  const blocks = SECTIONS.flatMap(([verdict, listing]) => {
    const members = scenarios.filter((scenario) => scenario.verdict === verdict);
    const heading = verdict === 'FLAKY' ? `FLAKY (${members.length}; failed, then passed on --retry):` : `${verdict} (${members.length}):`;
    return members.length === 0 ? [] : [[heading, ...listing(members, where)].join('\n')];
  });
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

function wrapped(items: readonly string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && indent.length + line.length + 1 + item.length > width) {
      lines.push(`${indent}${line}`);
      line = '';
    }
    line = line === '' ? item : `${line} ${item}`;
  }
  if (line !== '') lines.push(`${indent}${line}`);
  return lines;
}
