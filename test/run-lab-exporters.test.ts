// The suite through the exporters a lab puts in front of a board, run here in front of the
// served emulator: Debian's ser2net in raw TCP and in RFC 2217 mode in front of its pty, and
// pyserial's rfc2217_server.py (in front of the emulator served on TCP, through pyserial's
// socket:// port: on a pty that server fails to set DTR/RTS, see dut-rfc2217.test.ts). Each
// gives exactly the verdicts of the direct pty run. A representative subset of the suite
// (sending, data mode, receiving binary payloads, framing) keeps this to seconds per run.
// Without --device-host: the device's servers sit on fixed loopback ports (1234) that other
// runs on the machine may hold; run-serial.test.ts covers them. Here those few scenarios are
// INCONCLUSIVE in every run alike.

import { before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { PEER_HOST, serveEmulatorAsBoard } from './run-served-emulator.ts';
import { reportsDirectory, runInProcess, scenarioKey, verdictsOf, type CollectedRun } from './run-in-process.ts';
import { PYSERIAL_SERVER_AVAILABLE, SER2NET_AVAILABLE, startPyserialRfc2217Server, startSer2net, type Exporter } from './lab-exporters.ts';

const TAGS = '@XSEND or @XRECV or @framing or @smoke';
const GUARD = { timeout: 300_000 };

function runThrough(dut: string, label: string): Promise<CollectedRun> {
  return runInProcess(['--dut', dut, '--tags', TAGS, '--peer-host', PEER_HOST, '--reports', reportsDirectory(label)]);
}

/** Serves a board on `transport`, puts `exporter` in front of it, runs the subset through `dutOf(exporter)`. */
async function runBehind(transport: 'pty' | 'tcp', start: (device: string) => Promise<Exporter>, dutOf: (exporter: Exporter) => string, label: string): Promise<CollectedRun> {
  const served = await serveEmulatorAsBoard(transport);
  try {
    const device = transport === 'pty' ? served.dut.slice('serial:'.length) : `socket://${served.dut.slice('tcp:'.length)}`;
    const exporter = await start(device);
    try {
      return await runThrough(dutOf(exporter), label);
    } finally {
      await exporter.close();
    }
  } finally {
    await served.close();
  }
}

function assertSameVerdicts(run: CollectedRun, direct: CollectedRun): void {
  assert.equal(run.exitCode, 0, run.out + run.err);
  const expected = verdictsOf(direct);
  assert.deepEqual([...verdictsOf(run).keys()].sort(), [...expected.keys()].sort(), 'the same scenarios ran');
  const differences = run.scenarios.filter((scenario) => scenario.verdict !== expected.get(scenarioKey(scenario)));
  assert.deepEqual(differences.map((scenario) => `${scenarioKey(scenario)}: ${scenario.verdict} (${scenario.reasons.join('; ')})`), []);
}

describe('the suite through ser2net and pyserial\'s RFC 2217 server', { skip: SER2NET_AVAILABLE ? false : 'ser2net is not installed' }, () => {
  let direct: CollectedRun;

  before(async () => {
    const served = await serveEmulatorAsBoard('pty');
    try {
      direct = await runThrough(served.dut, 'lab-direct');
    } finally {
      await served.close();
    }
    assert.equal(direct.exitCode, 0, direct.out + direct.err);
    assert.ok(direct.scenarios.length >= 20, `${direct.scenarios.length} scenarios`);
  }, GUARD);

  it('ser2net raw (tcp:) in front of the pty gives the direct verdicts', GUARD, async () => {
    assertSameVerdicts(await runBehind('pty', (device) => startSer2net(device, 'raw'), (exporter) => `tcp:127.0.0.1:${exporter.port}`, 'lab-ser2net-raw'), direct);
  });

  it('ser2net RFC 2217 (rfc2217://…?ign_set_control, as labgrid writes it) in front of the pty gives the direct verdicts', GUARD, async () => {
    const run = await runBehind('pty', (device) => startSer2net(device, 'rfc2217'), (exporter) => `rfc2217://127.0.0.1:${exporter.port}?ign_set_control`, 'lab-ser2net-rfc2217');
    assertSameVerdicts(run, direct);
  });

  it('ser2net RFC 2217 without ign_set_control: the same verdicts, and the unacknowledged DTR/RTS are warnings in the report', GUARD, async () => {
    const run = await runBehind('pty', (device) => startSer2net(device, 'rfc2217'), (exporter) => `rfc2217:127.0.0.1:${exporter.port}`, 'lab-ser2net-rfc2217-warned');
    assertSameVerdicts(run, direct);
    assert.match(run.err, /^warning: the RFC 2217 server did not acknowledge SET-CONTROL DTR ON/m);
    assert.match(readFileSync(run.reports!.paths.matrixHtml, 'utf8'), /device\.warnings: the RFC 2217 server did not acknowledge SET-CONTROL DTR ON/);
  });

  it('pyserial\'s rfc2217_server.py gives the direct verdicts', { ...GUARD, skip: PYSERIAL_SERVER_AVAILABLE ? false : 'pyserial\'s rfc2217_server.py is not installed' }, async () => {
    // it serves one client at a time and needs up to 3 s to let the preflight's connection go:
    // the worker's connection waits in its backlog meanwhile, hence a longer timeout
    const run = await runBehind('tcp', (device) => startPyserialRfc2217Server(device), (exporter) => `rfc2217:127.0.0.1:${exporter.port}?timeout=10`, 'lab-pyserial');
    assertSameVerdicts(run, direct);
  });
});
