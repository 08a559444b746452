// History and trend across runs (issue 12 item 3): two runs into the same reports folder
// give a two-entry trend in the second Allure report; `historyDir` keeps it elsewhere.
// Needs Java (Allure's HTML); without it the test says so and skips.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReports } from '../src/report/generate-reports.ts';
import { messageStream, toNdjson, verdictFeatures } from './report-message-stream.ts';

const HAVE_JAVA = spawnSync('java', ['-version']).status === 0;

/** The trend entries a single-file Allure report embeds. */
async function embeddedTrend(reportHtml: string): Promise<unknown[]> {
  const html = await readFile(reportHtml, 'utf8');
  const base64 = /d\('history\/history-trend\.json','([^']*)'\)/.exec(html)?.[1];
  assert.ok(base64 !== undefined, 'the report embeds a history trend');
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as unknown[];
}

describe('Allure history across runs', { skip: HAVE_JAVA ? false : 'no Java: Allure HTML cannot be generated' }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sm-report-history-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('two runs into the same folder give two trend entries; --history keeps them elsewhere', async () => {
    const reportsDir = join(dir, 'reports');
    const elsewhere = join(dir, 'kept-history');
    const messages = toNdjson(messageStream(verdictFeatures()));
    const once = async (historyDir?: string) => {
      await mkdir(reportsDir, { recursive: true });
      await writeFile(join(reportsDir, 'cucumber-messages.ndjson'), messages);
      return generateReports({ reportsDir, ...(historyDir ? { historyDir } : {}) });
    };
    const first = await once();
    assert.ok(first.paths.allureHtml, first.notes.join('\n'));
    assert.equal((await embeddedTrend(first.paths.allureHtml)).length, 1);
    const second = await once();
    assert.equal((await embeddedTrend(second.paths.allureHtml!)).length, 2);
    const kept = JSON.parse(await readFile(join(reportsDir, 'allure-history', 'history-trend.json'), 'utf8')) as unknown[];
    assert.equal(kept.length, 2);

    const third = await once(elsewhere);
    assert.equal((await embeddedTrend(third.paths.allureHtml!)).length, 1, 'a fresh history folder starts a fresh trend');
    assert.equal(JSON.parse(await readFile(join(elsewhere, 'history-trend.json'), 'utf8')).length, 1);
  });
});

