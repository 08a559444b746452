// AT framing (firmware-notes §1): terminators, echo, line length, and URCs kept out of
// responses.
//
//   When I send `AT` terminated by CRLF
//   Then the device echoed the command
//   When I send `AT#XSEND=<handle>,0,0,"…"` with … filled to 4097 characters
//   Then no URC came inside the response

import { Then, When } from '@cucumber/cucumber';
import { RESPONSE_SHAPES } from '../src/catalogue/catalogue.ts';
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

/** Line starts of every URC the catalogue knows (`\r\n#XAPOLL:`). */
const URC_STARTS = [...new Set(RESPONSE_SHAPES.filter((shape) => shape.form === 'urc').map((shape) => `\r\n${shape.prefix}:`))];

// The runner routes a URC to its queue wherever it comes, so the lines of a response look
// right even if a URC broke into it; only the bytes from the write to the final code tell.
// A URC before the response's first line is not inside it: the device flushed it after the
// previous answer, before it read this command (over a pty or UART the host's write and
// that flush cross). Only a URC after the response has begun breaks the rule.
Then('no URC came inside the response', function (this: ConformanceWorld) {
  const response = this.lastResponse;
  const text = response.raw.toString('latin1');
  const begun = responseStart(text);
  const inside = URC_STARTS.find((start) => text.indexOf(start, begun) >= 0);
  if (inside) throw new Error(`${response.command}: a URC (${inside.trim()}) came inside the response, before its final result code`);
});

/** Offset of the first line of `text` that is neither empty nor a URC: where the response begins. */
function responseStart(text: string): number {
  let offset = 0;
  for (const line of text.split('\r\n')) {
    if (line !== '' && !URC_STARTS.some((start) => line.startsWith(start.slice(2)))) return offset;
    offset += line.length + 2;
  }
  return text.length;
}
