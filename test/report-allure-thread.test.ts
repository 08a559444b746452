// The Allure results' thread (src/report/allure-results-thread.ts): it writes what the
// in-process replay writes; a thread that ends before its work is done costs no result (they
// are written on the main thread from the messages); a process that exits under it leaves no
// staging folder.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AllureResultsThread } from '../src/report/allure-results-thread.ts';
import { writeAllureResults } from '../src/report/allure-results.ts';
import { scenarioResults } from '../src/report/scenario-results.ts';
import { messageStream, verdictFeatures } from './report-message-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'sm-allure-thread-'));
const messages = messageStream(verdictFeatures());

/** Each result's name and status, and the files beside them by kind. */
function written(resultsDir: string): { results: string[]; kinds: Record<string, number> } {
  const names = readdirSync(resultsDir);
  const results = names.filter((name) => name.endsWith('-result.json')).map((name) => {
    const result = JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as { name: string; status: string };
    return `${result.name}: ${result.status}`;
  }).sort();
  const kinds: Record<string, number> = {};
  for (const name of names) {
    const kind = name.replace(/^[0-9a-f-]{36}-/, '');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return { results, kinds };
}

describe('Allure results on a thread', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes what the in-process replay writes', async () => {
    const thread = AllureResultsThread.start(join(dir, 'thread'));
    for (const message of messages) thread.push(message);
    assert.equal(await thread.finish({ environment: [['device.adapter', 'emulator']] }, { envelopes: messages, scenarios: scenarioResults(messages).scenarios }), 5);
    await writeAllureResults(messages, scenarioResults(messages).scenarios, { resultsDir: join(dir, 'in-process'), environment: [['device.adapter', 'emulator']] });
    assert.deepEqual(written(join(dir, 'thread')), written(join(dir, 'in-process')));
    assert.equal(written(join(dir, 'thread')).results.length, 5);
  });

  it('loses no result when the thread ends before its work is done', async () => {
    const thread = AllureResultsThread.start(join(dir, 'ended'));
    for (const message of messages.slice(0, 20)) thread.push(message);
    await (thread as unknown as { worker: Worker }).worker.terminate();
    for (const message of messages.slice(20)) thread.push(message);
    assert.equal(await thread.finish({ environment: [['device.adapter', 'emulator']] }, { envelopes: messages, scenarios: scenarioResults(messages).scenarios }), 5);
    assert.deepEqual(written(join(dir, 'ended')), written(join(dir, 'in-process')));
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.partial-')), []);
  });

  it('leaves no staging folder when the process exits under it', () => {
    const resultsDir = join(dir, 'exited');
    const script = `
      import { AllureResultsThread } from ${JSON.stringify(new URL('../src/report/allure-results-thread.ts', import.meta.url).href)};
      import { messageStream, verdictFeatures } from ${JSON.stringify(new URL('./report-message-stream.ts', import.meta.url).href)};
      import { existsSync, readdirSync } from 'node:fs';
      const thread = AllureResultsThread.start(${JSON.stringify(resultsDir)});
      for (const message of messageStream(verdictFeatures())) thread.push(message);
      const staging = ${JSON.stringify(resultsDir)} + '.partial-' + process.pid;
      for (let waits = 0; waits < 1500 && !(existsSync(staging) && readdirSync(staging).some((name) => name.endsWith('-result.json'))); waits++) await new Promise((resolve) => setTimeout(resolve, 20));
      process.stdout.write(existsSync(staging) ? 'staged' : 'not staged');
      process.exit(0);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });
    assert.equal(child.stdout, 'staged', child.stderr);
    assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('exited')), []);
    assert.equal(existsSync(resultsDir), false);
  });
});
