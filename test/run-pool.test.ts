// A device pool (issue 11 item 3): two emulators served on two pseudo-terminals, run with
// `--dut serial:<a> --dut serial:<b>` (--parallel defaults to the pool size). Both devices are
// used, each worker holds one device for the whole run and no device serves two workers, the
// verdicts equal a run on one of them, and every report names the device, and each device's
// port and identity in its environment. A tty another run holds is refused (lock file), a
// stale lock is taken over.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveEmulatorAsBoard, type ServedEmulator } from './run-served-emulator.ts';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf, type CollectedRun } from './run-in-process.ts';
import { lockDevice } from '../src/dut/device-lock.ts';
import { EMULATOR_IMEI } from '../src/emulator/modem/modem-commands.ts';
import { generateReports } from '../src/report/generate-reports.ts';

/** Enough scenarios that both workers get some, few enough to take seconds. */
const SUBSET = '@XSOCKET or @XSOCKETOPT';
const GUARD = { timeout: 300_000 };

describe('a pool of two devices on two ptys with --parallel 2', () => {
  const served: ServedEmulator[] = [];
  let single: CollectedRun;
  let pooled: CollectedRun;
  let reports: string;
  const lockDirectory = mkdtempSync(join(tmpdir(), 'sm-run-locks-'));

  before(async () => {
    process.env.SM_CONFORMANCE_LOCK_DIR = lockDirectory;
    served.push(await serveEmulatorAsBoard('pty'), await serveEmulatorAsBoard('pty'));
    single = await runInProcess(['--dut', served[0]!.dut, '--tags', SUBSET, '--reports', reportsDirectory('pool-single')]);
    reports = reportsDirectory('pool');
    pooled = await runInProcess(['--dut', served[0]!.dut, '--dut', served[1]!.dut, '--tags', SUBSET, '--reports', reports]);
  }, GUARD);

  after(async () => {
    for (const each of served) await each.close();
    delete process.env.SM_CONFORMANCE_LOCK_DIR;
    rmSync(lockDirectory, { recursive: true, force: true });
  });

  it('uses both devices, one per worker for the whole run, never one device for two workers', () => {
    assert.equal(pooled.exitCode, single.exitCode, pooled.out + pooled.err);
    const devicesOfWorker = new Map<string, Set<string>>();
    for (const scenario of pooled.scenarios) {
      assert.ok(scenario.workerId !== undefined && scenario.device !== undefined, `${scenarioKey(scenario)} names its worker and device`);
      const devices = devicesOfWorker.get(scenario.workerId) ?? new Set();
      devices.add(scenario.device);
      devicesOfWorker.set(scenario.workerId, devices);
    }
    assert.equal(devicesOfWorker.size, 2, 'both workers ran scenarios');
    for (const [worker, devices] of devicesOfWorker) assert.equal(devices.size, 1, `worker ${worker} held one device: ${[...devices].join(', ')}`);
    const held = [...devicesOfWorker.values()].map((devices) => [...devices][0]);
    assert.deepEqual(held.sort(), [served[0]!.dut, served[1]!.dut].sort(), 'each device was held by exactly one worker');
  });

  it('gives the verdicts of a run on one device', () => {
    assert.deepEqual([...verdictsOf(pooled).entries()].sort(), [...verdictsOf(single).entries()].sort());
  });

  it('names the device in the JUnit testcase, the matrix and the per-device transcripts', () => {
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    for (const each of served) {
      assert.match(junit, new RegExp(`<property name="device" value="${each.dut}"/>`));
      assert.match(junit, new RegExp(`<testcase name="[^"]* \\[${each.dut}\\]"`));
    }
    const matrix = JSON.parse(readFileSync(join(reports, 'verdict-matrix.json'), 'utf8')) as { devices: { devices: string[]; rows: unknown[] } };
    assert.deepEqual([...matrix.devices.devices].sort(), served.map((each) => each.dut).sort());
    assert.match(readFileSync(join(reports, 'verdict-matrix.html'), 'utf8'), /<table id="devices">/);
    assert.match(pooled.out, /transcript-serial_[^\n]*\n[^\n]*transcript-serial_/);
  });

  it('the environment of every report names each device with its own port and identity', async () => {
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    const matrix = readFileSync(join(reports, 'verdict-matrix.html'), 'utf8');
    // made again from the run's messages alone, as `merge` does, with Allure's results (no Java needed)
    const again = reportsDirectory('pool-environment');
    await generateReports({ reportsDir: again, messagesFile: join(reports, 'cucumber-messages.ndjson'), allure: 'results' });
    const allure = readFileSync(join(again, 'allure-results', 'environment.properties'), 'utf8');
    const key = (text: string): string => text.replace(/([=: ])/g, '\\$1');
    for (const each of served) {
      const device = `device[${each.dut}]`;
      assert.ok(junit.includes(`<property name="${device}.port" value="${each.dut.slice('serial:'.length)}"/>`), `${device}.port in junit.xml`);
      for (const [field, value] of [['manufacturer', 'Nordic Semiconductor ASA (sm-conformance emulator)'], ['serial-number', EMULATOR_IMEI]]) {
        assert.ok(junit.includes(`<property name="${device}.${field}" value="${value}"/>`), `${device}.${field} in junit.xml`);
        assert.ok(matrix.includes(`<li>${device}.${field}: ${value}</li>`), `${device}.${field} in the matrix`);
        assert.ok(allure.includes(`${key(`${device}.${field}`)}=${value}\n`), `${device}.${field} in Allure's environment`);
      }
      assert.match(allure, new RegExp(`${key(device).replace(/[[\]\\/.]/g, '\\$&')}\\.sm-version="sm-conformance emulator`));
    }
    assert.ok(!/^device\.(manufacturer|port)/m.test(allure) && !junit.includes('name="device.manufacturer"'), 'no device stands for the pool');
  });

  it('refuses a tty another live run holds, in one line with exit 2, and takes over a stale lock', async () => {
    const holder: ChildProcess = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      mkdirSync(lockDirectory, { recursive: true });
      const lockFile = join(lockDirectory, `${encodeURIComponent(realpathSync(served[1]!.dut.slice('serial:'.length)))}.lock`);
      writeFileSync(lockFile, `${holder.pid}\n`);
      const refused = await runInProcess(['--dut', served[0]!.dut, '--dut', served[1]!.dut, '--tags', '@XSOCKET and @read', '--reports', reportsDirectory('pool-busy')]);
      assert.equal(refused.exitCode, 2);
      assert.match(refused.err, /^sm-conformance run: \/.* is in use by another sm-conformance run \(process \d+, lock .*\)\n$/);
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
      const lock = lockDevice(served[1]!.dut.slice('serial:'.length));
      assert.equal(readFileSync(lockFile, 'utf8').trim(), String(process.pid), 'the stale lock is taken over');
      lock.release();
    } finally {
      holder.kill();
    }
  });
});
