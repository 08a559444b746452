// The example CI workflows (docs/ci/*.yml) are YAML a runner accepts, and every
// `sm-conformance <command> --option` they call exists, so a lab copying them gets no usage error.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { COMMANDS, isCommandName } from '../src/cli/command-table.ts';

const DIRECTORY = new URL('../docs/ci/', import.meta.url);

describe('docs/ci workflows', () => {
  const files = readdirSync(DIRECTORY).filter((name) => name.endsWith('.yml'));

  it('the emulator run, a board on a self-hosted runner and a sharded matrix merged at the end', () => {
    assert.deepEqual(files.sort(), ['board.yml', 'emulator.yml', 'sharded.yml']);
  });

  for (const file of files) {
    it(`${file}: parses, and calls only commands and options sm-conformance has`, () => {
      const text = readFileSync(new URL(file, DIRECTORY), 'utf8');
      const workflow = parse(text) as { jobs: Record<string, { steps: { run?: string }[] }> };
      const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));
      const calls = runs.flatMap((run) => [...run.matchAll(/sm-conformance (\w+)([^|&;\n]*)/g)]);
      assert.ok(calls.length > 0);
      for (const [, command, rest] of calls) {
        assert.ok(isCommandName(command!), `${file}: sm-conformance ${command}`);
        for (const [, option] of rest!.matchAll(/--([a-z][a-z-]*)/g)) {
          assert.ok(Object.hasOwn(COMMANDS[command as keyof typeof COMMANDS].options, option!), `${file}: sm-conformance ${command} --${option}`);
        }
      }
    });
  }
});
