// `sm-conformance emulate --pty`: serial programs that are not ours drive the emulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { startEmulateCli, type RunningEmulator } from './emulator-serve-cli.ts';

// A python3 standard-library client: raw termios at 9600 baud (a pty ignores the speed).
const PYTHON_CLIENT = `
import os, select, sys, termios, time, tty
fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
tty.setraw(fd)
attrs = termios.tcgetattr(fd)
attrs[4] = attrs[5] = termios.B9600
termios.tcsetattr(fd, termios.TCSANOW, attrs)
answers = []
for command in sys.argv[2:]:
    os.write(fd, command.encode() + b"\\r")
    got = b""
    deadline = time.time() + 5
    while not (got.endswith(b"OK\\r\\n") or got.endswith(b"ERROR\\r\\n")) and time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            got += os.read(fd, 4096)
    answers.append(got)
os.close(fd)
sys.stdout.write(repr(answers))
`;

function runPythonClient(device: string, commands: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', PYTHON_CLIENT, device, ...commands]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
  });
}

function serialExchange(port: SerialPort, command: string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const onData = (chunk: Buffer): void => {
      got += chunk.toString('latin1');
      if (/(OK|ERROR)\r\n$/.test(got)) {
        port.off('data', onData);
        resolve(got);
      }
    };
    port.on('data', onData);
    port.write(`${command}\r`);
  });
}

describe('emulate --pty', () => {
  const link = join(mkdtempSync(join(tmpdir(), 'sm-pty-')), 'modem');
  let running: RunningEmulator;

  before(async () => {
    running = await startEmulateCli(['--pty', link]);
  });

  after(async () => {
    if (running.child.exitCode === null) await running.stop();
  });

  it('says where it serves and links the path to the device end', () => {
    assert.match(running.line, /^serving SM emulator \(profile firmware\) on pty .* -> \/dev\/pts\/\d+$/);
    assert.match(readlinkSync(link), /^\/dev\/pts\/\d+$/);
  });

  it('answers node-serialport', async () => {
    const port = new SerialPort({ path: link, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    try {
      const answer = await serialExchange(port, 'AT');
      assert.ok(answer.endsWith('\r\nOK\r\n'), JSON.stringify(answer));
      assert.equal(await serialExchange(port, 'AT+CGMM'), '\r\nnRF9151 SM emulator\r\n\r\nOK\r\n');
      assert.equal(await serialExchange(port, 'AT#XSOCKET=1,1,0'), '\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n');
      assert.equal(await serialExchange(port, 'AT#XCLOSE'), '\r\n#XCLOSE: 0,0\r\n\r\nOK\r\n');
    } finally {
      await new Promise<void>((resolve) => port.close(() => resolve()));
    }
  });

  it("answers python3's standard library (termios, raw)", async () => {
    const answers = await runPythonClient(link, ['AT', 'AT+CGMI', 'AT#XSOCKET=1,1,0', 'AT#XCLOSE']);
    assert.equal(
      answers,
      "[b'\\r\\nOK\\r\\n', b'\\r\\nNordic Semiconductor ASA (sm-conformance emulator)\\r\\n\\r\\nOK\\r\\n', " +
        "b'\\r\\n#XSOCKET: 0,1,6\\r\\n\\r\\nOK\\r\\n', b'\\r\\n#XCLOSE: 0,0\\r\\n\\r\\nOK\\r\\n']",
    );
  });

  it('stops on SIGTERM with exit code 0 and removes the link', async () => {
    assert.equal(await running.stop(), 0);
    assert.equal(existsSync(link), false);
  });
});
