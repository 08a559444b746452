// The conformance suite's cucumber-js configuration, built from a few settings. Plain
// JavaScript so that cucumber.mjs (loaded by cucumber-js without TypeScript support) and
// `sm-conformance run` (which calls cucumber's programmatic API) build the same thing.
//
// Facts this relies on (cucumber-js 12.9, Node 20, checked by running it):
// - `import` is loaded in order and by every parallel worker, so the tsx register file
//   first makes the TypeScript step files loadable.
// - A formatter without `:<path>` writes to stdout and only the last such one survives;
//   every file formatter therefore gets a path, and one formatter writes to stdout.
// - `loadConfiguration({ provided })` appends a provided `format` list to the file's, so a
//   programmatic caller should pass `file: false` and this whole configuration instead.

import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the features and the step code are, relative to the project root. Run from the
 * JavaScript build (.build/, tools/build-js.mjs) the step code is JavaScript and needs no tsx.
 */
export const FEATURE_PATHS = ['features/**/*.feature'];
const FROM_BUILD = fileURLToPath(import.meta.url).split(sep).includes('.build');
export const SUPPORT_IMPORTS = FROM_BUILD ? ['steps/**/*.js'] : ['steps/support/register.mjs', 'steps/**/*.ts'];

/**
 * The file formatters of a run, each writing under `reports`. `sm-conformance run` asks for
 * the messages only: it makes every other report from them afterwards
 * (src/report/generate-reports.ts), so cucumber's own html and junit would be written twice.
 */
export function reportFormats(reports, messagesOnly = false) {
  const messages = `message:${reports}/cucumber-messages.ndjson`;
  if (messagesOnly) return [messages];
  return [messages, `html:${reports}/cucumber-report.html`, `junit:${reports}/junit.xml`];
}

/**
 * @param {object} settings
 * @param {string} settings.reports  reports directory (absolute, or relative to the project root)
 * @param {Record<string, unknown>} settings.worldParameters  the run parameters (steps/support/run-parameters.ts)
 * @param {number} [settings.parallel]  worker processes (0: none)
 * @param {string} [settings.stdoutFormat]  the one formatter on stdout (default: progress)
 * @param {string} [settings.tags]  a tag expression selecting scenarios
 * @param {string} [settings.order]  cucumber's order: defined, random or random:<seed>
 * @param {number} [settings.retry]  attempts after a failed one (a scenario that then passes is FLAKY)
 * @param {string} [settings.retryTagFilter]  only scenarios matching this tag expression are retried
 * @param {string} [settings.shard]  `<index>/<total>`: run only this shard of the scenarios
 * @param {boolean} [settings.messagesOnly]  write cucumber's messages only (the caller makes the reports)
 */
export function suiteConfiguration({ reports, worldParameters, parallel = 0, stdoutFormat = 'progress', tags, order, retry, retryTagFilter, shard, messagesOnly = false }) {
  return {
    paths: FEATURE_PATHS,
    import: SUPPORT_IMPORTS,
    format: [stdoutFormat, ...reportFormats(reports, messagesOnly)],
    formatOptions: { junit: { suiteName: 'sm-conformance' } },
    worldParameters: { ...worldParameters, reports },
    parallel,
    ...(tags ? { tags } : {}),
    ...(order ? { order } : {}),
    ...(retry ? { retry } : {}),
    ...(retryTagFilter ? { retryTagFilter } : {}),
    ...(shard ? { shard } : {}),
  };
}
