// The coverage and verdict matrix as one self-contained HTML page: commands × forms with
// each cell's verdict, the spec examples inside it, links to the scenarios behind it; then
// the examples, errata and scenarios with anchors (`#example-XSOCKET-1`, `#erratum-E15`,
// `#scenario-3`, numbered from 1). No script at all, and a content security policy that
// forbids one: every device text is escaped, and even a missed one cannot run.
//
// It fits a 1400 px window: a cell shows counts by verdict and opens (<details>) to its
// scenarios; a long name (a bad-input scenario quotes a 2,800-character command) is cut in
// links, with the whole in the link's title and in the scenario list, where text wraps.

import { SPEC_EXAMPLES } from '../catalogue/examples.ts';
import { ERRATA } from '../catalogue/errata.ts';
import { escapeMarkup } from './markup-escape.ts';
import type { ScenarioResult } from './scenario-results.ts';
import { VERDICTS } from './verdict.ts';
import { failingStep, shownError } from './verdict-explanation.ts';
import type { CellVerdict, ScenarioRef, VerdictMatrix } from './verdict-matrix.ts';
import type { DeviceMatrix } from './device-matrix.ts';

export interface MatrixPageOptions {
  title?: string;
  /** Other reports of the run, linked from the page head (relative hrefs). */
  links?: readonly { label: string; href: string }[];
  /** Lines such as 'device: emulator (firmware)'. */
  environment?: readonly string[];
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:1360px;overflow-wrap:anywhere}
table{border-collapse:collapse;margin:1em 0;width:100%;table-layout:fixed}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
#matrix th:first-child{width:16%}#examples td:first-child,#errata td:first-child{width:8em}#examples td:last-child{width:30%}
summary{cursor:pointer}.counts{font-size:12px}
.v{display:inline-block;padding:0 6px;border-radius:3px;font-weight:600;font-size:12px}
.PASS{background:#c8f0c8}.NON-STRICT{background:#fff0b3}.FAIL{background:#f8c0c0}.FLAKY{background:#f8d8a8}.INCONCLUSIVE{background:#d8d8f8}.NA{background:#e8e8e8}.NOT-COVERED{background:#fff;border:1px dashed #999}
pre{background:#f6f6f6;padding:6px;white-space:pre-wrap;word-break:break-all}
ul{margin:0;padding-left:1.2em}.muted{color:#777}`;

export function renderMatrixHtml(matrix: VerdictMatrix, results: readonly ScenarioResult[], options: MatrixPageOptions = {}): string {
  const title = options.title ?? 'sm-conformance: coverage and verdicts';
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">`);
  out.push(`<title>${escapeMarkup(title)}</title><style>${STYLE}</style></head><body>`);
  out.push(`<h1>${escapeMarkup(title)}</h1>`);
  if (options.links && options.links.length > 0) out.push(`<p>${options.links.map((link) => `<a href="${escapeMarkup(link.href)}">${escapeMarkup(link.label)}</a>`).join(' · ')}</p>`);
  if (options.environment && options.environment.length > 0) out.push(`<ul>${options.environment.map((line) => `<li>${escapeMarkup(line)}</li>`).join('')}</ul>`);
  out.push(`<p id="totals">${matrix.totals.scenarios} scenarios: ${VERDICTS.map((verdict) => `${badge(verdict)} ${matrix.totals[verdict]}`).join(' ')}; spec examples covered ${matrix.examples.covered}/${matrix.examples.total}</p>`);
  if (matrix.examples.uncovered.length > 0) out.push(`<p>Spec examples with no scenario: ${matrix.examples.uncovered.map((id) => `<a href="#example-${escapeMarkup(id)}">${escapeMarkup(id)}</a>`).join(', ')}</p>`);

  out.push('<h2>Matrix</h2><table id="matrix"><tr><th>command</th><th>set</th><th>read</th><th>test</th></tr>');
  for (const row of matrix.commands) {
    out.push(`<tr><th>${escapeMarkup(row.command)}<br><span class="muted">${escapeMarkup(row.title)}</span><br>${badge(row.verdict)}</th>`);
    for (const cell of row.forms) {
      const parts = [`${badge(cell.verdict)}${cell.supported ? '' : ' <span class="muted">(not supported: ERROR)</span>'}`];
      if (cell.scenarios.length > 0) {
        parts.push(`<details><summary class="counts">${countsText(cell.scenarios)}</summary><ol class="cell-scenarios">${cell.scenarios.map((ref) => `<li>${badge(ref.verdict)} ${scenarioLink(ref)}</li>`).join('')}</ol></details>`);
      }
      if (cell.examples.length > 0) {
        parts.push(`<div class="examples">${cell.examples.map((example) => `<a href="#example-${escapeMarkup(example.id)}">${escapeMarkup(example.id)}</a> ${badge(example.verdict)}`).join(' ')}</div>`);
      }
      out.push(`<td data-cell="${escapeMarkup(`${row.command} ${cell.form}`)}">${parts.join('')}</td>`);
    }
    out.push('</tr>');
  }
  out.push('</table>');
  if (matrix.other.length > 0) out.push(`<details><summary>Scenarios of no single command: ${countsText(matrix.other)}</summary><ol>${matrix.other.map((ref) => `<li>${badge(ref.verdict)} ${scenarioLink(ref)}</li>`).join('')}</ol></details>`);
  if (matrix.devices.devices.length > 1) out.push(...deviceMatrixHtml(matrix.devices));

  out.push('<h2>Spec examples</h2><table id="examples"><tr><th>id</th><th>example</th><th>verdict</th></tr>');
  const exampleVerdicts = new Map(matrix.commands.flatMap((row) => row.forms.flatMap((form) => form.examples.map((example) => [example.id, example] as const))));
  for (const example of SPEC_EXAMPLES) {
    const cell = exampleVerdicts.get(example.id);
    const lines = [example.line, ...(example.payload !== undefined ? [example.payload] : []), ...example.response].join('\n');
    out.push(`<tr id="example-${escapeMarkup(example.id)}"><td>${escapeMarkup(example.id)}</td><td><pre>${escapeMarkup(lines)}</pre></td><td>${badge(cell?.verdict ?? 'NOT COVERED')} ${scenarioLinks(cell?.scenarios ?? [])}</td></tr>`);
  }
  out.push('</table>');

  out.push('<h2>Errata</h2><table id="errata"><tr><th>id</th><th>the spec says</th><th>the firmware does</th></tr>');
  for (const erratum of ERRATA) {
    out.push(`<tr id="erratum-${escapeMarkup(erratum.id)}"><td>${escapeMarkup(erratum.id)}</td><td>${escapeMarkup(erratum.specText)}</td><td>${escapeMarkup(erratum.firmware)}</td></tr>`);
  }
  out.push('</table>');

  out.push('<h2>Scenarios</h2><ol id="scenarios">');
  for (const scenario of matrix.scenarios) {
    const result = results[scenario.index];
    const where = `${scenario.uri}${scenario.line !== undefined ? `:${scenario.line}` : ''}`;
    const on = scenario.device !== undefined ? ` on ${scenario.device}` : '';
    out.push(`<li id="scenario-${scenario.index + 1}">${badge(scenario.verdict)} <strong>${escapeMarkup(scenario.name)}</strong> <span class="muted">${escapeMarkup(`${where}${on}`)} ${escapeMarkup(scenario.tags.join(' '))}</span>`);
    if (scenario.reasons.length > 0) out.push(`<ul>${scenario.reasons.map((reason) => `<li>${escapeMarkup(reason)}</li>`).join('')}</ul>`);
    if (result && (scenario.verdict === 'FAIL' || scenario.verdict === 'FLAKY')) out.push(...failureEvidence(result));
    out.push('</li>');
  }
  out.push('</ol></body></html>');
  return `${out.join('\n')}\n`;
}

/** Device × scenario: a row per scenario, a column per device. */
function deviceMatrixHtml(devices: DeviceMatrix): string[] {
  const out = [`<h2>Devices</h2><table id="devices"><tr><th>scenario</th>${devices.devices.map((device) => `<th>${escapeMarkup(device)}</th>`).join('')}</tr>`];
  for (const row of devices.rows) {
    const cells = devices.devices.map((device) => {
      const cell = row.cells[device];
      return cell ? `<td><a href="#scenario-${cell.index + 1}">${badge(cell.verdict)}</a></td>` : '<td></td>';
    });
    out.push(`<tr><td>${escapeMarkup(row.name)} <span class="muted">${escapeMarkup(`${row.uri}${row.line !== undefined ? `:${row.line}` : ''}`)}</span></td>${cells.join('')}</tr>`);
  }
  out.push('</table>');
  return out;
}

/** A failed scenario's message and wire, so the page alone shows what the device sent. */
function failureEvidence(result: ScenarioResult): string[] {
  const out: string[] = [];
  const failed = failingStep(result);
  if (failed?.message) out.push(`<pre>${escapeMarkup(shownError(failed.message, failed.exceptionType, failed.stack))}</pre>`);
  for (const step of result.steps) {
    for (const attachment of step.attachments) {
      if (attachment.mediaType !== 'text/plain') continue;
      out.push(`<details><summary>${escapeMarkup(`${step.text}: ${attachment.fileName ?? 'attachment'}`)}</summary><pre>${escapeMarkup(attachment.body)}</pre></details>`);
    }
  }
  return out;
}

function badge(verdict: CellVerdict): string {
  const className = verdict === 'N/A' ? 'NA' : verdict.replace(' ', '-');
  return `<span class="v ${className}">${escapeMarkup(verdict)}</span>`;
}

function scenarioLinks(refs: readonly ScenarioRef[]): string {
  if (refs.length <= 3) return refs.map(scenarioLink).join(', ');
  return `<details><summary class="counts">${countsText(refs)}</summary><ol>${refs.map((ref) => `<li>${badge(ref.verdict)} ${scenarioLink(ref)}</li>`).join('')}</ol></details>`;
}

/** A link to the scenario's entry (numbered from 1), its name cut when long (whole in the title). */
function scenarioLink(ref: ScenarioRef): string {
  const name = ref.name.length <= LINK_NAME_CHARS ? ref.name : `${ref.name.slice(0, LINK_NAME_CHARS - 1)}… (${ref.name.length} characters)`;
  return `<a href="#scenario-${ref.index + 1}" title="${escapeMarkup(`${ref.verdict}: ${ref.name}`)}">${escapeMarkup(name)}</a>`;
}

const LINK_NAME_CHARS = 120;

/** `12 scenarios: PASS 11 · FAIL 1`, the verdicts that occur, in the model's order. */
function countsText(refs: readonly ScenarioRef[]): string {
  const counts = VERDICTS.map((verdict) => [verdict, refs.filter((ref) => ref.verdict === verdict).length] as const).filter(([, count]) => count > 0);
  return `${refs.length} scenario${refs.length === 1 ? '' : 's'}: ${counts.map(([verdict, count]) => `${badge(verdict)} ${count}`).join(' ')}`;
}
