// The class-data archive of Allure's JVM (src/report/allure-class-archive.ts): made by the
// first report, used by the next, dropped when the JVM refuses it, and never in the way.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classArchive } from '../src/report/allure-class-archive.ts';

const JAVA_VERSION = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK 64-Bit Server VM (build 17.0.15+6, mixed mode, sharing)\n';

function allureHome(version = '2.46.1'): string {
  const home = join(mkdtempSync(join(tmpdir(), 'sm-class-archive-')), 'node_modules', 'allure-commandline');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'package.json'), JSON.stringify({ version }));
  return home;
}

/** The file a JVM given these options would write at exit. */
function dumpedBy(options: string): string {
  const path = /-XX:ArchiveClassesAtExit=(\S+)/.exec(options)?.[1];
  assert.ok(path, `an option that makes the archive: ${options}`);
  return path;
}

describe('the class-data archive of Allure\'s JVM', () => {
  it('is made by the first report, kept once it succeeded, and used by the next one', () => {
    const home = allureHome();
    const first = classArchive('java', JAVA_VERSION, home);
    const partial = dumpedBy(first.jvmOptions);
    writeFileSync(partial, 'classes');
    first.settle({ ok: true, output: '' });
    assert.equal(existsSync(partial), false);
    const next = classArchive('java', JAVA_VERSION, home);
    const used = /^ -XX:SharedArchiveFile=(\S+)$/.exec(next.jvmOptions)?.[1];
    assert.ok(used && existsSync(used), next.jvmOptions);
    assert.match(used, /node_modules\/\.cache\/sm-conformance\/allure-2\.46\.1-[0-9a-f]{16}\.jsa$/);
  });

  it('is not kept from a report that failed', () => {
    const home = allureHome();
    const first = classArchive('java', JAVA_VERSION, home);
    writeFileSync(dumpedBy(first.jvmOptions), 'half');
    first.settle({ ok: false, output: 'allure exited with 1' });
    assert.deepEqual(readdirSync(join(home, '..', '.cache', 'sm-conformance')), []);
    assert.match(classArchive('java', JAVA_VERSION, home).jvmOptions, /ArchiveClassesAtExit/);
  });

  it('is another archive for another java or Allure, and dropped when the JVM refuses it', () => {
    const home = allureHome();
    const first = classArchive('java', JAVA_VERSION, home);
    writeFileSync(dumpedBy(first.jvmOptions), 'classes');
    first.settle({ ok: true, output: '' });
    assert.match(classArchive('java', JAVA_VERSION.replace('17.0.15', '17.0.16'), home).jvmOptions, /ArchiveClassesAtExit/);
    assert.match(classArchive('/opt/jdk/bin/java', JAVA_VERSION, home).jvmOptions, /ArchiveClassesAtExit/);

    const used = classArchive('java', JAVA_VERSION, home);
    assert.match(used.jvmOptions, /SharedArchiveFile/);
    used.settle({ ok: true, output: '[0.012s][warning][cds] The shared archive file was created by a different version or build of HotSpot\nReport successfully generated' });
    assert.match(classArchive('java', JAVA_VERSION, home).jvmOptions, /ArchiveClassesAtExit/, 'the next report makes a new one');
  });

  it('is left out where it cannot be kept', () => {
    const spaced = join(mkdtempSync(join(tmpdir(), 'sm class archive ')), 'node_modules', 'allure-commandline');
    mkdirSync(spaced, { recursive: true });
    writeFileSync(join(spaced, 'package.json'), JSON.stringify({ version: '2.46.1' }));
    assert.equal(classArchive('java', JAVA_VERSION, spaced).jvmOptions, '', 'the allure script splits its options on spaces');
    assert.equal(classArchive('java', JAVA_VERSION, join(tmpdir(), 'no-such-allure')).jvmOptions, '');
  });
});
