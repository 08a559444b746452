// A device can print any line; a pattern that backtracks exponentially on a bad one would
// freeze the harness, and a regular expression cannot be interrupted. So the check runs in a
// child process that is killed if it has not answered long after a linear scan would have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';

const HANG_GUARD_MS = 30_000;

test('a long malformed address list is rejected without catastrophic backtracking', async () => {
  // Each address with several colons used to split in as many ways, multiplied across addresses.
  const addresses = Array.from({ length: 14 }, () => 'ab:ab:ab:ab:ab:').join(' ');
  const line = `#XGETADDRINFO: "${addresses} z"`;
  const script = `
    import { checkResponseLine } from ${JSON.stringify(new URL('../src/schemas/response-check.ts', import.meta.url).href)};
    const check = checkResponseLine(${JSON.stringify(line)}, { command: '#XGETADDRINFO', form: 'set' });
    process.stdout.write(JSON.stringify({ ok: check.ok, messages: check.findings.map((f) => f.message) }));
  `;
  const output = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: HANG_GUARD_MS },
      (error, stdout) => (error ? reject(new Error(`the check did not finish: ${error.message}`)) : resolve(stdout)));
  });
  const result = JSON.parse(output) as { ok: boolean; messages: string[] };
  assert.equal(result.ok, false);
  assert.match(result.messages.join('\n'), /ip_addresses/);
});
