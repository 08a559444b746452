// `run --dut labgrid:<place>` with the stand-in labgrid-client on PATH and the served
// emulator behind ser2net (RFC 2217) as the place's console: the place is acquired before
// anything touches the board, released after the last report (also when the board cannot be
// opened, and on Ctrl-C), and never released when someone else held it.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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
