// The ring on Allure's overview says which share of the scenarios PASSed as the spec says.
//
// Allure 2 (2.46) writes passed / (passed + failed + broken) in the ring: NON-STRICT and
// FLAKY are passed there (the design's table), INCONCLUSIVE and N/A skipped and left out,
// so a run with no strict PASS beyond them reads 100 %. No result status or summary
// number can change that without calling a device's erratum a failure. So the report gets
// one small script of its own, run after Allure's app as a plugin's script would be (Allure
// installs plugins only into its own home, inside node_modules): when the app draws the
// ring, its caption becomes PASS / all scenarios, floored as Allure floors it, so it reads
// 100 % only when every scenario PASSed, with "strict PASS" under it and the count by
// verdict as its tooltip. The arcs, the statuses and every other number stay Allure's.

import { open } from 'node:fs/promises';
import type { VerdictMatrix } from './verdict-matrix.ts';
import { VERDICTS } from './verdict.ts';

/** Where Allure's app draws a status ring's caption: the overview's summary and the Graphs tab's status chart. */
const RING_CAPTIONS = '.summary-widget__chart .chart__caption, .status-widget__content .chart__caption';

export interface RingCaption {
  /** e.g. `96.01%`; undefined when the run had no scenario (Allure's own `???` stays). */
  share?: string;
  label: string;
  /** The count by verdict, e.g. `506 PASS · 21 NON-STRICT of 527 scenarios`. */
  tooltip: string;
}

/** Every verdict that occurred with its count, e.g. `506 PASS · 21 NON-STRICT` (empty for no scenario). */
export function verdictCounts(totals: VerdictMatrix['totals']): string {
  return VERDICTS.filter((verdict) => totals[verdict] > 0).map((verdict) => `${totals[verdict]} ${verdict}`).join(' · ');
}

export function ringCaption(totals: VerdictMatrix['totals']): RingCaption {
  const tooltip = `${verdictCounts(totals) || 'no verdict'} of ${totals.scenarios} scenarios`;
  if (totals.scenarios === 0) return { label: 'strict PASS', tooltip };
  // Floored to hundredths, as Allure does: one scenario that is not a PASS never shows as 100.
  const share = Math.floor((totals.PASS / totals.scenarios) * 10_000) / 100;
  return { share: `${share}%`, label: 'strict PASS', tooltip };
}

/** The script that sets the caption each time the app draws a ring (it redraws on every visit). */
export function ringScript(caption: RingCaption): string {
  const data = JSON.stringify({ ...caption, selector: RING_CAPTIONS }).replace(/</g, '\\u003c');
  return `<script>
(function () {
  var ring = ${data};
  var SVG = 'http://www.w3.org/2000/svg';
  function mark() {
    var captions = document.querySelectorAll(ring.selector);
    for (var i = 0; i < captions.length; i++) {
      var caption = captions[i];
      if (caption.getAttribute('data-sm-verdicts') !== null) continue;
      caption.setAttribute('data-sm-verdicts', 'strict-pass');
      if (ring.share !== undefined) caption.textContent = ring.share;
      var label = document.createElementNS(SVG, 'text');
      label.setAttribute('class', 'chart__caption');
      label.setAttribute('data-sm-verdicts', 'label');
      label.setAttribute('dy', '3.4em');
      label.setAttribute('style', 'font-size: 13px');
      label.textContent = ring.label;
      var title = document.createElementNS(SVG, 'title');
      title.textContent = ring.tooltip;
      label.appendChild(title);
      caption.parentNode.appendChild(label);
    }
  }
  new MutationObserver(mark).observe(document.documentElement, { childList: true, subtree: true });
  mark();
})();
</script>`;
}

/** How much of the page's end is read to find `</body>` (Allure ends it with a few short lines). */
const TAIL_BYTES = 4096;

/**
 * Adds the script to a single-file Allure report, just before `</body>`. The page is tens of
 * megabytes for a full suite: only its end is read and rewritten.
 */
export async function showStrictPassInRing(htmlPath: string, totals: VerdictMatrix['totals']): Promise<void> {
  const file = await open(htmlPath, 'r+');
  try {
    const { size } = await file.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const tail = Buffer.alloc(size - start);
    await file.read(tail, 0, tail.length, start);
    const end = tail.lastIndexOf('</body>');
    const at = end < 0 ? tail.length : end;
    await file.write(Buffer.concat([Buffer.from(`${ringScript(ringCaption(totals))}\n`), tail.subarray(at)]), 0, undefined, start + at);
  } finally {
    await file.close();
  }
}
