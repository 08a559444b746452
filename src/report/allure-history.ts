// Allure's history (trend, retries, flaky marks) across runs into the same reports folder.
// Allure reads the previous history from `<results>/history/` and writes the new one next to
// its report; the single-file report embeds it instead (`d('history/<name>.json','<base64>')`),
// so it is taken from the page and kept in a folder of its own (`--history`, default
// `<reports>/allure-history`), outside the results folder that every run replaces.

import { mkdir, readdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';

const EMBEDDED_HISTORY = /d\('history\/([\w.-]+\.json)','([A-Za-z0-9+/=]*)'\)/g;

/** Copies the kept history into the results (nothing to copy on the first run). */
export async function seedAllureHistory(historyDir: string, resultsDir: string): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(historyDir)).filter((name) => name.endsWith('.json'));
  } catch {
    return 0;
  }
  if (names.length === 0) return 0;
  await mkdir(join(resultsDir, 'history'), { recursive: true });
  await Promise.all(names.map((name) => copyFile(join(historyDir, name), join(resultsDir, 'history', name))));
  return names.length;
}

/** Saves the history a single-file report carries; returns how many files were kept. */
export async function keepAllureHistory(reportHtml: string, historyDir: string): Promise<number> {
  const html = await readFile(reportHtml, 'utf8');
  const files = [...html.matchAll(EMBEDDED_HISTORY)].map((match) => ({ name: match[1]!, content: Buffer.from(match[2]!, 'base64') }));
  if (files.length === 0) return 0;
  await mkdir(historyDir, { recursive: true });
  await Promise.all(files.map((file) => writeFile(join(historyDir, file.name), file.content)));
  return files.length;
}

/** The number of runs the kept trend holds, so that this run is labelled as the next one. */
export async function runsInHistory(historyDir: string): Promise<number> {
  try {
    const trend = JSON.parse(await readFile(join(historyDir, 'history-trend.json'), 'utf8')) as unknown[];
    return Array.isArray(trend) ? trend.length : 0;
  } catch {
    return 0;
  }
}
