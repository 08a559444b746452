// Java's class-data sharing (AppCDS, Java 13+) for Allure's JVM: the first report dumps the
// classes it loaded into an archive (-XX:ArchiveClassesAtExit), every later one maps that
// archive at start (-XX:SharedArchiveFile) instead of reading, parsing and verifying some
// four thousand classes from Allure's jars again. Start-up is most of a report's JVM time.
//
// The archive is a cache: kept under node_modules/.cache/sm-conformance, named by what makes
// one valid (the java command, its version text, Allure's version), written under a name of
// its own and renamed only after a report succeeded, deleted when the JVM says it cannot use
// it (the next report makes a new one). Whatever goes wrong costs the speed-up, never the
// report: a JVM given an archive it cannot map runs without it.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ClassArchive {
  /** JVM options to add (empty when there is no archive to use or make). */
  jvmOptions: string;
  /** After the report's JVM exited: keep a new archive, or drop one the JVM refused. */
  settle(outcome: { ok: boolean; output: string }): void;
}

const NO_ARCHIVE: ClassArchive = { jvmOptions: '', settle: () => undefined };

/** What the JVM prints when it cannot map an archive (another JVM build, a damaged file). */
const ARCHIVE_REFUSED = /\[cds\].*(error|mismatch|unable|fail|not match|could not)|shared archive file.*(was created by|does not match|fail)/i;

/** `allureHome`: allure-commandline's package folder; `javaVersion`: what `java -version` printed. */
export function classArchive(java: string, javaVersion: string, allureHome: string): ClassArchive {
  let allureVersion: string;
  try {
    allureVersion = (JSON.parse(readFileSync(join(allureHome, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return NO_ARCHIVE;
  }
  // allureHome is <node_modules>/allure-commandline: the cache is the node_modules one.
  const cacheDir = join(dirname(allureHome), '.cache', 'sm-conformance');
  // The allure script splits its JVM options on white space.
  if (/\s/.test(cacheDir)) return NO_ARCHIVE;
  const key = createHash('sha256').update(`${java}\n${javaVersion.trim()}\n${allureVersion}`).digest('hex').slice(0, 16);
  const archive = join(cacheDir, `allure-${allureVersion}-${key}.jsa`);
  if (existsSync(archive)) {
    return {
      jvmOptions: ` -XX:SharedArchiveFile=${archive}`,
      settle: ({ output }) => {
        if (ARCHIVE_REFUSED.test(output)) rmSync(archive, { force: true });
      },
    };
  }
  try {
    mkdirSync(cacheDir, { recursive: true });
  } catch {
    return NO_ARCHIVE;
  }
  const partial = `${archive}.partial-${process.pid}`;
  return {
    jvmOptions: ` -XX:ArchiveClassesAtExit=${partial}`,
    settle: ({ ok }) => {
      try {
        if (ok && existsSync(partial)) renameSync(partial, archive);
      } catch {
        // another run's archive took the name first: as good as this one
      } finally {
        rmSync(partial, { force: true });
      }
    },
  };
}
