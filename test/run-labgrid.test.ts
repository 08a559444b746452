// `run --dut labgrid:<place>` with the stand-in labgrid-client on PATH and the served
// emulator behind ser2net (RFC 2217) as the place's console: the place is acquired before
// anything touches the board, released after the last report (also when the board cannot be
// opened, and on Ctrl-C), and never released when someone else held it. A board that hangs is
// power-cycled through its place (its reset ladder's `labgrid` rung, the default of a labgrid
// device), and the run goes on where ser2net came back: the stand-in moves the place's port
// on `power cycle`, from a hung emulator (it says Ready, then nothing) to a healthy one (or to
// a closed port: a console that never comes back is a lost link).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveTcp, type TcpServer } from '../src/emulator/serve/tcp-server.ts';
import { PEER_HOST, serveEmulatorAsBoard, type ServedEmulator } from './run-served-emulator.ts';
import { reportsDirectory, runInProcess } from './run-in-process.ts';
import { installLabgridStandIn, type LabgridStandIn } from './labgrid-stand-in.ts';
import { freePort, SER2NET_AVAILABLE, startSer2net, type Exporter } from './lab-exporters.ts';

const GUARD = { timeout: 120_000 };

describe('run --dut labgrid:<place>', { skip: SER2NET_AVAILABLE ? false : 'ser2net is not installed' }, () => {
  let served: ServedEmulator;
  let ser2net: Exporter;
  let standIn: LabgridStandIn | undefined;

  before(async () => {
    served = await serveEmulatorAsBoard('pty');
    ser2net = await startSer2net(served.dut.slice('serial:'.length), 'rfc2217');
  });
  after(async () => {
    standIn?.remove();
    await ser2net?.close();
    await served?.close();
  });

  function place(extra: Record<string, unknown> = {}): LabgridStandIn {
    standIn?.remove();
    standIn = installLabgridStandIn({ 'nrf91-7': { host: '127.0.0.1', port: ser2net.port, speed: 115200, ...extra } });
    return standIn;
  }

  it('acquires before the run, finds the console with env, releases after it; the run passes', GUARD, async () => {
    const lab = place();
    const run = await runInProcess(['--dut', 'labgrid:nrf91-7', '--tags', '@smoke', '--peer-host', PEER_HOST, '--reports', reportsDirectory('labgrid')]);
    assert.equal(run.exitCode, 0, run.out + run.err);
    assert.ok(run.scenarios.length > 0 && run.scenarios.every((scenario) => scenario.verdict === 'PASS'), run.out);
    const calls = lab.calls();
    assert.equal(calls[0], '-p nrf91-7 acquire');
    assert.equal(calls.at(-1), '-p nrf91-7 release');
    assert.ok(calls.slice(1, -1).length >= 2 && calls.slice(1, -1).every((call) => call === '-p nrf91-7 env'), calls.join('\n'));
    assert.equal(lab.places()['nrf91-7']!.acquired, null);
    assert.match(run.out, /verdicts: PASS/);
  });

  it('a place someone else holds: labgrid\'s own line, exit 2, nothing released', GUARD, async () => {
    const lab = place({ acquired: 'ci-7/jenkins' });
    const run = await runInProcess(['--dut', 'labgrid:nrf91-7', '--tags', '@smoke', '--reports', reportsDirectory('labgrid-held')]);
    assert.equal(run.exitCode, 2);
    assert.equal(run.err, 'sm-conformance run: labgrid-client -p nrf91-7 acquire failed (exit 1): labgrid-client: error: place nrf91-7 is not idle (acquired by ci-7/jenkins)\n');
    assert.deepEqual(lab.calls(), ['-p nrf91-7 acquire']);
    assert.equal(lab.places()['nrf91-7']!.acquired, 'ci-7/jenkins');
  });

  it('a console that cannot be opened: one line, exit 2, and the place is released', GUARD, async () => {
    const lab = place({ port: await freePort() });
    const run = await runInProcess(['--dut', 'labgrid:nrf91-7', '--tags', '@smoke', '--reports', reportsDirectory('labgrid-closed')]);
    assert.equal(run.exitCode, 2);
    assert.match(run.err, /^sm-conformance run: rfc2217 target 127\.0\.0\.1:\d+ refused the connection/);
    assert.deepEqual(lab.calls(), ['-p nrf91-7 acquire', '-p nrf91-7 env', '-p nrf91-7 release']);
  });

  it('Ctrl-C during the run releases the place (exit 130)', GUARD, async () => {
    const lab = place();
    const child = spawn(process.execPath, ['bin/sm-conformance.mjs', 'run', '--dut', 'labgrid:nrf91-7', '--tags', '@XSEND or @XRECV', '--reports', reportsDirectory('labgrid-interrupted')], { stdio: 'ignore', env: process.env });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // the worker has found the console (the second env: preflight, then the worker)
      for (let attempt = 0; attempt < 600 && lab.calls().filter((call) => call.endsWith(' env')).length < 2; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill('SIGINT');
      assert.equal(await exited, 130);
    } finally {
      child.kill('SIGKILL');
    }
    assert.equal(lab.calls().at(-1), '-p nrf91-7 release');
    assert.equal(lab.places()['nrf91-7']!.acquired, null);
  });
});

describe('a hung board in a labgrid place: power-cycled through the place, the run goes on where its console came back', () => {
  let hung: TcpServer;
  const healthy: ServedEmulator[] = [];
  let standIn: LabgridStandIn | undefined;

  before(async () => {
    hung = await serveTcp(0, { fault: 'silence' });
    healthy.push(await serveEmulatorAsBoard('tcp'), await serveEmulatorAsBoard('tcp'));
  });
  after(async () => {
    standIn?.remove();
    await hung?.close();
    for (const each of healthy) await each.close();
  });

  /** nrf91-7 hangs until its power cycle, which moves its console to a healthy board's port; nrf91-8 is healthy. */
  function lab(): LabgridStandIn {
    standIn?.remove();
    const portOf = (served: ServedEmulator): number => Number(served.dut.split(':').at(-1));
    standIn = installLabgridStandIn({
      'nrf91-7': { host: '127.0.0.1', port: hung.port, protocol: 'raw', port_after_power_cycle: portOf(healthy[0]!) },
      'nrf91-8': { host: '127.0.0.1', port: portOf(healthy[1]!), protocol: 'raw' },
    });
    return standIn;
  }

  function assertPowerCycledThenPassed(run: Awaited<ReturnType<typeof runInProcess>>, reports: string, transcript: string): void {
    assert.equal(run.exitCode, 0, run.out + run.err);
    const boardScenarios = run.scenarios.filter((scenario) => scenario.device === undefined || scenario.device === 'labgrid:nrf91-7' || scenario.device === 'board-7');
    assert.ok(boardScenarios.length > 0 && boardScenarios.every((scenario) => scenario.verdict === 'PASS'), run.out);
    const newPort = healthy[0]!.dut.split(':').at(-1);
    const messages = readFileSync(join(reports, 'cucumber-messages.ndjson'), 'utf8');
    assert.equal(messages.split(`reset (the device stopped answering): labgrid: labgrid-client -p nrf91-7 power cycle, then reconnected to nrf91-7 (tcp://127.0.0.1:${newPort})`).length - 1, 1, 'one power cycle, in the scenario\'s report');
    const wire = readFileSync(join(reports, transcript), 'utf8');
    assert.match(wire, /labgrid place nrf91-7 power-cycled: reconnecting/);
    assert.match(wire, new RegExp(`reset ladder: labgrid brought the device back \\(labgrid-client -p nrf91-7 power cycle, then reconnected to nrf91-7 \\(tcp://127\\.0\\.0\\.1:${newPort}\\)\\)`));
  }

  it('--dut labgrid:<place>: the place is power-cycled, its console looked up again, and every scenario passes on the new port', GUARD, async () => {
    const place = lab();
    const reports = reportsDirectory('labgrid-hung');
    const run = await runInProcess(['--dut', 'labgrid:nrf91-7', '--tags', '@smoke', '--reports', reports]);
    assertPowerCycledThenPassed(run, reports, 'transcript.txt');
    assert.deepEqual(place.calls(), ['-p nrf91-7 acquire', '-p nrf91-7 env', '-p nrf91-7 env', '-p nrf91-7 power cycle', '-p nrf91-7 env', '-p nrf91-7 release']);
  });

  it('a console that does not come back after the power cycle is a lost link: INCONCLUSIVE, the rest not run, exit 3', GUARD, async () => {
    standIn?.remove();
    standIn = installLabgridStandIn({ 'nrf91-7': { host: '127.0.0.1', port: hung.port, protocol: 'raw', port_after_power_cycle: await freePort() } });
    const run = await runInProcess(['--dut', 'labgrid:nrf91-7', '--tags', '@smoke', '--reconnect', '1', '--reports', reportsDirectory('labgrid-gone')]);
    assert.equal(run.exitCode, 3, run.out + run.err);
    assert.deepEqual(run.scenarios.map((scenario) => scenario.verdict), ['INCONCLUSIVE', 'INCONCLUSIVE', 'INCONCLUSIVE']);
    assert.match(run.scenarios[0]!.reasons.join('; '), /^device link lost at /);
    assert.ok(run.scenarios.slice(1).every((scenario) => /^not run: device link lost at .*not back within 1 s: tcp target 127\.0\.0\.1:\d+ refused the connection/.test(scenario.reasons.join('; '))), run.out);
    assert.ok(standIn.calls().includes('-p nrf91-7 power cycle'));
    assert.equal(standIn.calls().at(-1), '-p nrf91-7 release');
  });

  // Which worker takes which scenario is cucumber's scheduling (a worker that starts late may
  // get none), so both boards hang until their power cycle: whichever board ran scenarios shows
  // that its own place, never the other's, was power-cycled, and a board that ran none was not.
  it('pool devices (--pool): each place is power-cycled by the worker that holds it, never by the other', GUARD, async () => {
    const hungToo = await serveTcp(0, { fault: 'silence' });
    try {
      standIn?.remove();
      const portOf = (served: ServedEmulator): number => Number(served.dut.split(':').at(-1));
      standIn = installLabgridStandIn({
        'nrf91-7': { host: '127.0.0.1', port: hung.port, protocol: 'raw', port_after_power_cycle: portOf(healthy[0]!) },
        'nrf91-8': { host: '127.0.0.1', port: hungToo.port, protocol: 'raw', port_after_power_cycle: portOf(healthy[1]!) },
      });
      const reports = reportsDirectory('labgrid-pool-hung');
      const pool = join(reports, 'pool.yaml');
      writeFileSync(pool, '- id: board-7\n  dut: labgrid:nrf91-7\n- id: board-8\n  dut: labgrid:nrf91-8\n');
      const run = await runInProcess(['--pool', pool, '--tags', '@smoke', '--reports', reports]);
      assert.equal(run.exitCode, 0, run.out + run.err);
      assert.ok(run.scenarios.length > 0 && run.scenarios.every((scenario) => scenario.verdict === 'PASS'), run.out);
      const calls = standIn.calls();
      const boards = [['board-7', 'nrf91-7', healthy[0]!], ['board-8', 'nrf91-8', healthy[1]!]] as const;
      for (const [board, place, cameBack] of boards) {
        const ran = run.scenarios.some((scenario) => scenario.device === board);
        const ownCalls = calls.filter((call) => call.startsWith(`-p ${place} `));
        assert.equal(ownCalls.filter((call) => call.endsWith('power cycle')).length, ran ? 1 : 0, `${board} ran ${ran ? 'scenarios' : 'none'}: ${ownCalls.join(', ')}`);
        if (!ran) continue;
        const wire = readFileSync(join(reports, `transcript-${board}.txt`), 'utf8');
        assert.match(wire, new RegExp(`reset ladder: labgrid brought the device back \\(labgrid-client -p ${place} power cycle, then reconnected to ${place} \\(tcp://127\\.0\\.0\\.1:${portOf(cameBack)}\\)\\)`));
        assert.doesNotMatch(wire, new RegExp(`-p ${boards.find(([other]) => other !== board)![1]} power cycle`));
      }
      assert.ok(calls.filter((call) => call.endsWith('power cycle')).length >= 1, calls.join('\n'));
      assert.deepEqual(calls.filter((call) => call.endsWith('release')).sort(), ['-p nrf91-7 release', '-p nrf91-8 release']);
    } finally {
      await hungToo.close();
    }
  });
});
