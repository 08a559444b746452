import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Envelope } from '@cucumber/messages';
import { ProgressDisplay, RunProgress } from '../src/cli/run-progress.ts';
import { VERDICT_MEDIA_TYPE } from '../src/report/verdict.ts';

const testCase = { testCase: { id: 'c', pickleId: 'p', testSteps: [] } } as unknown as Envelope;
const verdict = (name: string): Envelope => ({ attachment: { mediaType: VERDICT_MEDIA_TYPE, body: JSON.stringify({ verdict: name, reasons: [], errata: [] }), contentEncoding: 'IDENTITY' } }) as unknown as Envelope;
const finished = (willBeRetried = false): Envelope => ({ testCaseFinished: { testCaseStartedId: 's', willBeRetried, timestamp: { seconds: 0, nanos: 0 } } }) as unknown as Envelope;

function progressOf(envelopes: Envelope[]): RunProgress {
  const progress = new RunProgress();
  for (const envelope of envelopes) progress.take(envelope);
  return progress;
}

describe('run progress', () => {
  it('counts scenarios done out of all and the verdicts so far, in the verdicts\' order', () => {
    const progress = progressOf([...Array(12).fill(testCase), verdict('FAIL'), finished(), verdict('PASS'), finished(), verdict('PASS'), finished(), verdict('NON-STRICT'), finished()]);
    assert.equal(progress.line(), '[  4/12] PASS 2 · NON-STRICT 1 · FAIL 1');
    assert.equal(new RunProgress().line(), '[ 0/0]');
  });

  it('does not count an attempt that cucumber will retry', () => {
    const progress = new RunProgress();
    progress.take(testCase);
    assert.equal(progress.take(finished(true)), false);
    assert.equal(progress.take(finished()), true);
    assert.equal(progress.line(), '[ 1/1]');
  });

  it('rewrites one line on a terminal and ends it with a newline', () => {
    const written: string[] = [];
    const progress = progressOf([testCase, testCase, verdict('PASS'), finished()]);
    const display = new ProgressDisplay(progress, { write: (text) => written.push(text), tty: true });
    display.update();
    display.update();
    display.finish();
    assert.deepEqual(written, ['\r[ 1/2] PASS 1\x1b[K', '\r[ 1/2] PASS 1\x1b[K\n']);
  });

  it('prints a plain line now and then in a log, and the last figures at the end', () => {
    const written: string[] = [];
    let now = 0;
    const progress = progressOf([testCase, testCase, testCase]);
    const display = new ProgressDisplay(progress, { write: (text) => written.push(text), tty: false, intervalMs: 1000, now: () => now });
    progress.take(finished());
    display.update();
    now = 500;
    progress.take(finished());
    display.update();
    now = 1500;
    display.update();
    progress.take(finished());
    display.finish();
    assert.deepEqual(written, ['[ 1/3]\n', '[ 2/3]\n', '[ 3/3]\n']);
  });
});
