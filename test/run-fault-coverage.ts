// Which scenarios "cover" the rule an emulator fault breaks, decided from what each scenario
// saw on the wire in a healthy run: a scenario covers the rule when its own steps (not the
// reset before it) received the construct that the fault breaks. A fault run must then FAIL
// exactly these scenarios and leave every other verdict as the healthy run had it.

import { unescapeBytes } from '../src/at/byte-escape.ts';
import type { ScenarioResult } from '../src/report/scenario-results.ts';
import type { WireFaultName as FaultName } from '../src/emulator/types.ts';
import { scenarioKey } from './run-in-process.ts';

/** What a scenario's own steps sent and received, as text (latin1), in all and step by step. */
export interface ScenarioWire {
  tx: string;
  rx: string;
  steps: { tx: string; rx: string }[];
}

export function scenarioWire(scenario: ScenarioResult): ScenarioWire {
  const steps: ScenarioWire['steps'] = [];
  for (const step of scenario.steps) {
    if (step.hook) continue;
    const wire = { tx: [] as Buffer[], rx: [] as Buffer[] };
    for (const attachment of step.attachments) {
      if (attachment.mediaType !== 'text/plain') continue;
      for (const line of attachment.body.split('\n')) {
        const match = /^\d+\.\d+ (tx|rx) (.*)$/.exec(line);
        if (match) wire[match[1] as 'tx' | 'rx'].push(unescapeBytes(Buffer.from(match[2]!, 'latin1')));
      }
    }
    steps.push({ tx: Buffer.concat(wire.tx).toString('latin1'), rx: Buffer.concat(wire.rx).toString('latin1') });
  }
  return { tx: steps.map((step) => step.tx).join(''), rx: steps.map((step) => step.rx).join(''), steps };
}

/** Hex payloads of #XRECV / #XRECVFROM answers in mode 1 (the bytes after each header). */
function hexPayloads(rx: string): string[] {
  const payloads: string[] = [];
  for (const match of rx.matchAll(/#XRECV(?:FROM)?: \d+,1,(\d+)[^\r]*\r\n/g)) {
    const start = match.index + match[0].length;
    payloads.push(rx.slice(start, start + 2 * Number(match[1])));
  }
  return payloads;
}

/** The construct each fault breaks, as a healthy scenario's wire shows it. */
/** `flaky` breaks no rule of its own, only now and then: test/run-retry.test.ts shows its FLAKY. */
export type RuleFault = Exclude<FaultName, 'flaky'>;

export const FAULT_COVERAGE: Readonly<Record<RuleFault, { rule: string; covers: (wire: ScenarioWire) => boolean }>> = {
  'wrong-protocol': { rule: '#XSOCKET answers protocol 6 for a TCP socket', covers: (wire) => /#XSOCKET: \d+,1,6\r\n/.test(wire.rx) },
  'missing-ok': { rule: 'every command ends in a final result code (the reset before every scenario, too)', covers: () => true },
  'space-after-colon': { rule: 'one space after the colon of an information line or URC', covers: (wire) => /(^|\n)[#+%][A-Z]+: /.test(wire.rx) },
  'lf-only': { rule: 'lines end in CRLF (the reset before every scenario, too)', covers: () => true },
  // `#XAPOLL: 0,0` is also the read command's answer: only a step that did not read counts
  'drop-apoll': { rule: 'a polled event is reported with #XAPOLL', covers: (wire) => wire.steps.some((step) => !step.tx.includes('AT#XAPOLL?') && /#XAPOLL: \d+,\d+\r\n/.test(step.rx)) },
  'lowercase-hex': { rule: 'mode-1 data is uppercase hex', covers: (wire) => hexPayloads(wire.rx).some((hex) => /[A-F]/.test(hex)) },
  'lose-payload-byte': { rule: 'an #XRECV / #XRECVFROM header announces exactly the bytes that follow', covers: (wire) => /#XRECV(?:FROM)?: \d+,[01],[1-9]/.test(wire.rx) },
  'late-response': { rule: 'the final result code arrives within the command deadline (the reset, too)', covers: () => true },
  'silence': { rule: 'the device answers (the reset, too)', covers: () => true },
  // the reset closes sockets too, but it finds its way to the known state without that OK;
  // a refused #XCLOSE still ends in ERROR
  'close-without-ok': { rule: '#XCLOSE ends in its OK', covers: (wire) => wire.steps.some((step) => step.tx.includes('AT#XCLOSE') && step.rx.includes('\r\nOK\r\n')) },
};

export interface FaultComparison {
  /** Covering scenarios that did not FAIL: the suite misses the fault there. */
  missed: string[];
  /** Scenarios that do not cover the rule but changed verdict. */
  disturbed: string[];
  failed: number;
  covering: number;
}

export function compareFaultRun(healthy: readonly ScenarioResult[], faulty: readonly ScenarioResult[], fault: RuleFault): FaultComparison {
  const faultyByKey = new Map(faulty.map((scenario) => [scenarioKey(scenario), scenario]));
  const comparison: FaultComparison = { missed: [], disturbed: [], failed: 0, covering: 0 };
  for (const scenario of healthy) {
    const key = scenarioKey(scenario);
    const verdict = faultyByKey.get(key)?.verdict ?? 'missing';
    if (verdict === 'FAIL') comparison.failed += 1;
    if (FAULT_COVERAGE[fault].covers(scenarioWire(scenario))) {
      comparison.covering += 1;
      if (verdict !== 'FAIL') comparison.missed.push(`${key} (${verdict})`);
    } else if (verdict !== scenario.verdict) {
      comparison.disturbed.push(`${key} (${scenario.verdict} → ${verdict})`);
    }
  }
  return comparison;
}
