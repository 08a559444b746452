// The CLI explains itself (issue 12 item 9): every command answers --help and -h from the
// command table, the help lists every option of the README's synopsis with its default and
// allowed values, the fault profiles and the exit codes; bad option values are one line, exit 2.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, after } from 'node:test';
import { commandHelp } from '../src/cli/command-help.ts';
import { COMMANDS, type CommandName } from '../src/cli/command-table.ts';
import { FAULT_NAMES } from '../src/emulator/types.ts';

const ROOT = new URL('../', import.meta.url);
const BIN = new URL('bin/sm-conformance.mjs', ROOT).pathname;

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `sm-conformance <command> …` lines of the README's "Commands" block, per command. */
function readmeSynopsis(): Map<string, string> {
  const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
  const block = /## Commands\s+```\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'the README has a Commands block');
  const byCommand = new Map<string, string>();
  let current: string | undefined;
  for (const line of block.split('\n')) {
    if (line.startsWith('sm-conformance ')) current = /^sm-conformance (\w+)/.exec(line)?.[1];
    if (current) byCommand.set(current, `${byCommand.get(current) ?? ''} ${line}`);
  }
  return byCommand;
}

describe('help', () => {
  const synopsis = readmeSynopsis();

  it('the README lists every command of the table, and the help every option of the README', () => {
    assert.deepEqual([...synopsis.keys()].sort(), Object.keys(COMMANDS).sort());
    for (const [command, text] of synopsis) {
      const help = commandHelp(command as CommandName);
      const options = [...text.matchAll(/--([a-z][a-z0-9-]*)/g)].map((match) => match[1]!);
      assert.ok(options.length > 0 || command === 'validate', `${command} has options in the README`);
      for (const option of options) {
        assert.match(help, new RegExp(`^  --${option}\\b`, 'm'), `${command} --help describes --${option}`);
      }
      // and nothing the README does not know of
      for (const option of Object.keys(COMMANDS[command as CommandName].options)) {
        assert.ok(options.includes(option), `the README's synopsis of ${command} lists --${option}`);
      }
    }
  });

  it('run --help gives defaults, allowed values, one line per fault profile and the exit codes', () => {
    const help = commandHelp('run');
    assert.match(help, /--parallel N .*default: 1/);
    assert.match(help, /--profile <profile> .*one of: firmware, doc; default: firmware/);
    for (const fault of FAULT_NAMES) assert.match(help, new RegExp(`^  ${fault} +\\S`, 'm'));
    assert.match(help, /exit codes:\n +0 .*\n +1 .*\n +2 /);
    assert.match(help, /--pool <file> .*not with --peer-host \(one device per run: run each device on its own, then sm-conformance merge\)/);
  });

  for (const command of Object.keys(COMMANDS)) {
    it(`${command} --help and -h print the same help, exit 0`, () => {
      const long = cli(command, '--help');
      const short = cli(command, '-h');
      assert.equal(long.status, 0, long.stderr);
      assert.equal(short.status, 0, short.stderr);
      assert.equal(short.stdout, long.stdout);
      assert.match(long.stdout, new RegExp(`^usage: sm-conformance ${command} `));
      assert.match(long.stdout, /exit codes:/);
    });
  }

  it('--version prints the package version', () => {
    const version = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version: string }).version;
    const result = cli('--version');
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `sm-conformance ${version}\n`);
  });
});

describe('bad option values: one line, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sm-cli-help-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a directory');

  const cases: [string[], RegExp][] = [
    [['run', '--parallel', '0'], /--parallel must be an integer from 1 to 64, not '0'/],
    [['run', '--reports', file], /--reports .* is a file, not a directory/],
    [['run', '--history', file], /--history .* is a file, not a directory/],
    [['run', '--fault', 'gremlins'], /unknown fault 'gremlins' \(--fault is one of: wrong-protocol/],
    [['run', '-x'], /unknown option -x/],
    [['emulate', '--tcp', '0', '--termination', 'cr-lf'], /unknown termination 'cr-lf'/],
    [['validate', '--max-sockets', 'x', 'file'], /--max-sockets must be an integer/],
    [['coverage', '--nope'], /unknown option --nope/],
    [['peers', '--host', 'example'], /--host must be an IP address/],
    [['run', '--dut', 'serial:/dev/a', '--dut', 'serial:/dev/b', '--peer-host', '127.0.0.1'], /^sm-conformance run: --peer-host takes one device per run, not a pool of 2: the network peers are one set, and each device's worker is a process of its own .*join the folders with sm-conformance merge \(sm-conformance run --help lists the options\)\n$/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const result = cli(...args);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    });
  }
});
