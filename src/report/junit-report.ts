// JUnit XML from the scenario results, because cucumber's own junit formatter knows nothing
// of verdicts (design: Verdicts, JUnit column): one testsuite per feature file, one
// testcase per scenario, the verdict (and errata, examples) as properties; FAIL is a
// failure, INCONCLUSIVE and N/A are skipped with their reason, NON-STRICT passes. The run's
// environment (each device's connection and identity) is every testsuite's properties, where
// JUnit keeps them (Surefire writes its system properties the same way).

import { escapeMarkup } from './markup-escape.ts';
import type { ScenarioResult } from './scenario-results.ts';
import { VERDICT_MEANINGS } from './verdict.ts';
import { failureText } from './verdict-explanation.ts';

export interface JunitOptions {
  suiteName?: string;
  /** ISO time of the run's start. */
  timestamp?: string;
  /** The run's environment (run-environment.ts environmentEntries). */
  environment?: readonly [string, string][];
}

export function renderJunit(scenarios: readonly ScenarioResult[], options: JunitOptions = {}): string {
  const suiteName = options.suiteName ?? 'sm-conformance';
  const byFeature = new Map<string, ScenarioResult[]>();
  for (const scenario of scenarios) {
    const list = byFeature.get(scenario.uri) ?? [];
    list.push(scenario);
    byFeature.set(scenario.uri, list);
  }
  const totals = counts(scenarios);
  // Several devices run the same scenarios: the device in the name keeps each testcase distinct.
  const named = new Set(scenarios.map((scenario) => scenario.device)).size > 1;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="${escapeMarkup(suiteName)}" tests="${scenarios.length}" failures="${totals.failures}" skipped="${totals.skipped}" errors="0" time="${seconds(totals.ms)}">`);
  for (const [uri, list] of byFeature) {
    const suite = counts(list);
    const feature = list[0]!.featureName;
    out.push(`  <testsuite name="${escapeMarkup(feature)}" file="${escapeMarkup(uri)}" tests="${list.length}" failures="${suite.failures}" skipped="${suite.skipped}" errors="0" time="${seconds(suite.ms)}"${options.timestamp ? ` timestamp="${escapeMarkup(options.timestamp)}"` : ''}>`);
    if (options.environment && options.environment.length > 0) {
      out.push('    <properties>', ...options.environment.map(([name, value]) => `      <property name="${escapeMarkup(name)}" value="${escapeMarkup(value)}"/>`), '    </properties>');
    }
    for (const scenario of list) out.push(...testcase(scenario, feature, named));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function testcase(scenario: ScenarioResult, feature: string, deviceInName: boolean): string[] {
  const reason = scenario.reasons.join('; ');
  const properties: [string, string][] = [['verdict', scenario.verdict], ['status', scenario.status.toLowerCase()]];
  if (scenario.device !== undefined) properties.push(['device', scenario.device]);
  for (const tag of scenario.deviceTags ?? []) properties.push(['device-tag', tag]);
  const name = deviceInName && scenario.device !== undefined ? `${scenario.name} [${scenario.device}]` : scenario.name;
  if (reason) properties.push(['reason', reason]);
  if (scenario.trace.command) properties.push(['command', scenario.trace.command]);
  if (scenario.trace.form) properties.push(['form', scenario.trace.form]);
  for (const example of scenario.trace.examples) properties.push(['example', example]);
  for (const erratum of scenario.errata) properties.push(['erratum', erratum]);
  const out = [`    <testcase name="${escapeMarkup(name)}" classname="${escapeMarkup(feature)}" file="${escapeMarkup(scenario.uri)}"${scenario.line ? ` line="${scenario.line}"` : ''} time="${seconds(scenario.durationMs)}">`];
  out.push('      <properties>');
  for (const [name, value] of properties) out.push(`        <property name="${name}" value="${escapeMarkup(value)}"/>`);
  out.push('      </properties>');
  const junit = VERDICT_MEANINGS[scenario.verdict].junit;
  if (junit === 'skipped') out.push(`      <skipped message="${escapeMarkup(`${scenario.verdict}: ${reason || VERDICT_MEANINGS[scenario.verdict].meaning}`)}"/>`);
  if (junit === 'failure') {
    out.push(`      <failure message="${escapeMarkup(reason || 'FAIL')}" type="${escapeMarkup(scenario.verdict)}">${escapeMarkup(failureText(scenario))}</failure>`);
  }
  // Surefire's rerun format: each failed attempt before the last is a flakyFailure of a
  // testcase that passed in the end, a rerunFailure of one that failed every time.
  const rerun = junit === 'failure' ? 'rerunFailure' : 'flakyFailure';
  for (const attempt of scenario.failedAttempts ?? []) out.push(`      <${rerun} message="${escapeMarkup(attempt)}" type="${scenario.verdict}"/>`);
  out.push(`      <system-out>${escapeMarkup(`verdict: ${scenario.verdict}${reason ? ` (${reason})` : ''}\ntags: ${scenario.tags.join(' ')}`)}</system-out>`);
  out.push('    </testcase>');
  return out;
}

function counts(scenarios: readonly ScenarioResult[]): { failures: number; skipped: number; ms: number } {
  let failures = 0;
  let skipped = 0;
  let ms = 0;
  for (const scenario of scenarios) {
    const junit = VERDICT_MEANINGS[scenario.verdict].junit;
    if (junit === 'failure') failures++;
    if (junit === 'skipped') skipped++;
    ms += scenario.durationMs;
  }
  return { failures, skipped, ms };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
