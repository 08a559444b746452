// The single-file Allure HTML report, made by allure-commandline (Allure 2, needs Java).
// Without Java the run goes on and says in one line how to get the report later. Allure's
// page may load an analytics script: analytics is switched off (ALLURE_NO_ANALYTICS) and
// the page is checked, and cleaned if a tracker is still in it, since a lab hands this
// file to customers who open it offline.

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classArchive } from './allure-class-archive.ts';

export type AllureHtmlOutcome =
  | { kind: 'written'; path: string; removedTrackers: number; trackerLeft: boolean }
  | { kind: 'skipped'; reason: string };

export interface AllureHtmlOptions {
  resultsDir: string;
  reportDir: string;
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /** The java command (default: java on PATH, or $JAVA_HOME/bin/java). */
  java?: string;
}

/** Hosts and calls of analytics that must not be in a report handed to a customer. */
const TRACKER = /googletagmanager|google-analytics|gtag\(|analytics\.js/i;
const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script>/gi;
/** A bundle shorter than this is a snippet, judged and removed as a whole. */
const SNIPPET_CHARS = 4096;

/** allure-commandline's package folder. */
function allureHome(): string {
  return dirname(createRequire(import.meta.url).resolve('allure-commandline/package.json'));
}

export function allureCommandPath(): string {
  return join(allureHome(), 'dist', 'bin', 'allure');
}

export function howToGetAllureReport(resultsDir: string, reportDir: string): string {
  return `Allure HTML needs Java 17+: install it (e.g. apt-get install openjdk-17-jre-headless), then run: ALLURE_NO_ANALYTICS=true npx allure generate --single-file --clean ${resultsDir} -o ${reportDir}`;
}

/**
 * JVM options for one short batch job (unless ALLURE_OPTS says otherwise): the C1 compiler
 * only and the parallel collector halve Allure's time on a full suite (8 s → 3.5-5 s on
 * two cores), since the default JIT spends the run compiling code it then hardly uses.
 */
const BATCH_JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseParallelGC';

/** The plugins the report uses (the file says why). */
const PLUGINS_CONFIG = fileURLToPath(new URL('./allure-plugins.yml', import.meta.url));

export async function generateAllureHtml(options: AllureHtmlOptions): Promise<AllureHtmlOutcome> {
  const environment: NodeJS.ProcessEnv = { ...process.env, ALLURE_NO_ANALYTICS: 'true' };
  if (options.java) environment.JAVA_HOME = dirname(dirname(options.java));
  const java = options.java ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
  const probe = await runCommand(java, ['-version'], environment, 20_000);
  if (!probe.ok) return { kind: 'skipped', reason: `${probe.reason}. ${howToGetAllureReport(options.resultsDir, options.reportDir)}` };
  // JVM options a user gives in ALLURE_OPTS are theirs alone.
  const archive = environment.ALLURE_OPTS === undefined ? classArchive(java, probe.output, allureHome()) : undefined;
  environment.ALLURE_OPTS ??= `${BATCH_JVM_OPTIONS}${archive?.jvmOptions ?? ''}`;

  const result = await runCommand(allureCommandPath(), ['generate', '--config', PLUGINS_CONFIG, '--single-file', '--clean', options.resultsDir, '-o', options.reportDir], environment, options.timeoutMs ?? 120_000);
  archive?.settle(result);
  if (!result.ok) return { kind: 'skipped', reason: `allure generate failed: ${result.reason}` };
  const path = join(options.reportDir, 'index.html');
  const { removed: removedTrackers, trackerLeft } = await cleanTrackers(path);
  return { kind: 'written', path, removedTrackers, trackerLeft };
}

/** The code a script runs: its inline body, or the decoded body of a data: URL. */
function scriptCode(script: string): string {
  const tag = script.slice(0, script.indexOf('>') + 1);
  const data = /src="data:[^;"]*(?:;[^,;"]*)*;base64,([^"]+)"/i.exec(tag);
  if (data) return Buffer.from(data[1]!, 'base64').toString('utf8');
  return script.slice(tag.length);
}

function scriptTag(script: string): string {
  return script.slice(0, script.indexOf('>') + 1);
}

/** Drops every small script (or external one) that loads or calls analytics; returns how many. */
export async function removeTrackers(htmlPath: string): Promise<number> {
  return (await cleanTrackers(htmlPath)).removed;
}

/**
 * removeTrackers, and whether analytics code is left in a script it must keep, in one pass
 * over the page (a full suite's is 16 MB, its app bundle base64 inside).
 */
export async function cleanTrackers(htmlPath: string): Promise<{ removed: number; trackerLeft: boolean }> {
  const html = await readFile(htmlPath, 'utf8');
  let removed = 0;
  let trackerLeft = false;
  const cleaned = html.replace(SCRIPT, (script) => {
    const tag = scriptTag(script);
    const external = /\ssrc="https?:/i.test(tag);
    const code = scriptCode(script);
    const inTag = TRACKER.test(tag);
    const inCode = TRACKER.test(code);
    // The report's app bundle is kept whole (without it there is no report); only a tracker
    // snippet or an external tracker script goes.
    if ((external && inTag) || (code.length < SNIPPET_CHARS && inCode)) {
      removed++;
      return '';
    }
    trackerLeft ||= inTag || inCode;
    return script;
  });
  if (removed > 0) await writeFile(htmlPath, cleaned);
  return { removed, trackerLeft };
}

/** Whether any script of a page, data: bundles decoded, holds analytics code. */
export function hasTracker(html: string): boolean {
  for (const script of html.match(SCRIPT) ?? []) {
    if (TRACKER.test(scriptTag(script)) || TRACKER.test(scriptCode(script))) return true;
  }
  return false;
}

type CommandOutcome = { ok: true; output: string } | { ok: false; reason: string; output: string };

function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const settle = (value: { ok: true } | { ok: false; reason: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...value, output });
    };
    let child: ReturnType<typeof spawn>;
    try {
      // A process group of its own: a Ctrl-C at the terminal is for the run, which lets the
      // report finish; the run ends the group itself if it has to exit first.
      child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (error) {
      resolve({ ok: false, reason: `${command}: ${(error as Error).message}`, output: '' });
      return;
    }
    const endGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.on('exit', endGroup);
    child.on('exit', () => process.off('exit', endGroup));
    const timer = setTimeout(() => {
      endGroup();
      settle({ ok: false, reason: `${command} did not finish within ${timeoutMs} ms` });
    }, timeoutMs);
    const keep = (chunk: Buffer): void => {
      if (output.length < 4000) output += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', (error: NodeJS.ErrnoException) => {
      settle({ ok: false, reason: error.code === 'ENOENT' ? `Java was not found (${command})` : `${command}: ${error.message}` });
    });
    child.on('close', (code) => {
      if (code === 0) settle({ ok: true });
      else settle({ ok: false, reason: `${command} exited with ${code}: ${output.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}
