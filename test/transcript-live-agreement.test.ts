// One rule module, live and offline (issue 10 item 4): the lines a device sends that no
// step asked for are judged during the run by the checker `validate` runs, so a run's own
// transcript, fed back through `validate`, gives the same verdicts: in process, through a
// line that passes the device's output one byte at a time, and with URCs the device should
// not have sent.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../src/transcript/finding.ts';
import { UNASKED_LINE_RULES } from '../src/transcript/finding.ts';
import { validateBytes } from '../src/transcript/validation.ts';
import { startTrickleProxy, type TrickleProxy } from './dut-trickle-proxy.ts';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf, type CollectedRun } from './run-in-process.ts';
import { PEER_HOST, serveEmulatorAsBoard, type ServedEmulator } from './run-served-emulator.ts';

/** The framing scenarios: the URC ordering one (framing.feature:40) among them. */
const TAGS = '@framing';
const GUARD = { timeout: 120_000 };

function offlineFindings(reports: string): Finding[] {
  return validateBytes(readFileSync(join(reports, 'transcript.txt'))).findings;
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((finding) => `line ${finding.line} ${finding.verdict} ${finding.rule}: ${finding.message}`).join('\n');
}

/** Transcript lines the live run named in its FAIL reasons (`transcript line N: …`). */
function liveUnaskedLines(run: CollectedRun): number[] {
  return run.scenarios.flatMap((scenario) => scenario.reasons.flatMap((reason) => {
    const match = /^transcript line (\d+): /.exec(reason);
    return match ? [Number(match[1])] : [];
  })).sort((a, b) => a - b);
}

async function runThrough(served: ServedEmulator, proxy: TrickleProxy | undefined, label: string): Promise<{ run: CollectedRun; reports: string }> {
  const reports = reportsDirectory(label);
  const dut = proxy ? proxy.dut : served.dut;
  const run = await runInProcess(['--dut', dut, '--peer-host', PEER_HOST, '--tags', TAGS, '--reports', reports]);
  return { run, reports };
}

describe('live verdicts and validate agree on the run\'s own transcript', () => {
  let served: ServedEmulator;
  let inProcess: CollectedRun;
  let inProcessReports: string;

  before(async () => {
    inProcessReports = reportsDirectory('agreement-in-process');
    inProcess = await runInProcess(['--tags', TAGS, '--reports', inProcessReports]);
    served = await serveEmulatorAsBoard('tcp');
  }, GUARD);

  after(async () => {
    await served?.close();
  });

  it('in process: every scenario PASSes and validate finds no FAIL in its transcript', GUARD, () => {
    assert.equal(inProcess.exitCode, 0, inProcess.out);
    const failures = offlineFindings(inProcessReports).filter((finding) => finding.verdict === 'FAIL');
    assert.deepEqual(failures, [], describeFindings(failures));
  });

  it('device output in 1-byte writes 0-3 ms apart: the in-process verdicts, and validate agrees', GUARD, async () => {
    const [host, port] = served.dut.slice('tcp:'.length).split(/:(?=\d+$)/);
    const proxy = await startTrickleProxy({ target: { host: host!, port: Number(port) }, byteDelay: { maxDelayMs: 3, seed: 40 } });
    try {
      const { run, reports } = await runThrough(served, proxy, 'agreement-trickle');
      assert.deepEqual(verdictsOf(run), verdictsOf(inProcess), run.out);
      const failures = offlineFindings(reports).filter((finding) => finding.verdict === 'FAIL');
      assert.deepEqual(failures, [], describeFindings(failures));
    } finally {
      await proxy.close();
    }
  });

  it('#XAPOLL URCs with polling off FAIL live, and validate FAILs the same lines', GUARD, async () => {
    const [host, port] = served.dut.slice('tcp:'.length).split(/:(?=\d+$)/);
    const proxy = await startTrickleProxy({ target: { host: host!, port: Number(port) }, afterOk: '\r\n#XAPOLL: 0,1\r\n' });
    try {
      const { run, reports } = await runThrough(served, proxy, 'agreement-apoll');
      assert.equal(run.exitCode, 1, `a device that reports events nobody polled must FAIL the run:\n${run.out}`);
      const offline = offlineFindings(reports).filter((finding) => finding.verdict === 'FAIL' && UNASKED_LINE_RULES.has(finding.rule));
      assert.ok(offline.some((finding) => finding.rule === 'urc.not-polled' && /polling is stopped/.test(finding.message)), describeFindings(offline));
      assert.deepEqual(liveUnaskedLines(run), offline.map((finding) => finding.line), 'the live run FAILs exactly the lines validate FAILs');
      const failed = run.scenarios.filter((scenario) => scenario.verdict === 'FAIL').map(scenarioKey);
      assert.equal(failed.length, run.scenarios.length, `every scenario saw such a URC after its reset: ${failed.join(', ')}`);
    } finally {
      await proxy.close();
    }
  });
});
