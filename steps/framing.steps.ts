// AT framing (firmware-notes §1): terminators, echo, line length, and URCs kept out of
// responses.
//
//   When I send `AT` terminated by CRLF
//   Then the device echoed the command
//   When I send `AT#XSEND=<handle>,0,0,"…"` with … filled to 4097 characters
//   Then no URC came inside the response

import { Then, When } from '@cucumber/cucumber';
import type { ConformanceWorld } from './support/world.ts';

When('I send {wire} terminated by CRLF', async function (this: ConformanceWorld, line: string) {
  await this.send(line, { terminator: '\r\n' });
});

const FILLER = '…';

// The line is measured after placeholders are expanded, so a handle of any width gives
// exactly the length the scenario names.
When('I send {wire} with … filled to {int} characters', async function (this: ConformanceWorld, template: string, length: number) {
  const line = this.captures.expand(template);
  const fixed = line.length - FILLER.length;
  if (!line.includes(FILLER) || fixed > length) throw new Error(`cannot fill \`${template}\` to ${length} characters`);
  await this.send(line.replace(FILLER, 'x'.repeat(length - fixed)));
});

Then('the device echoed the command', function (this: ConformanceWorld) {
  const response = this.lastResponse;
  if (response.echo !== response.command) throw new Error(`expected the echo \`${response.command}\`, got ${response.echo === undefined ? 'no echo' : `\`${response.echo}\``}`);
});

Then('the device did not echo the command', function (this: ConformanceWorld) {
  const response = this.lastResponse;
  if (response.echo !== undefined) throw new Error(`echo is off, yet the device echoed \`${response.echo}\``);
});

// The runner routes a URC to its queue wherever it comes, so the lines of a response look
// right even if a URC broke into it. The rule is judged on the wire by the checker that
// `validate` runs (urc.inside-response): a URC before the response's first line is not
// inside it, since the device flushed it before it read this command.
Then('no URC came inside the response', function (this: ConformanceWorld) {
  this.expectNoUrcInsideResponse();
});
