// Unsolicited result codes (#XAPOLL) in the words of the spec:
//
//   Then within 5 seconds the URC `#XAPOLL: <handle>,4` arrives
//   Then within 5 seconds #XAPOLL reports the events 17 for <handle>, in one URC or several
//   Then no `#XAPOLL` URC arrives for <handle>
//   Then no URC arrives
//
// Absence cannot be waited for; it is proved by the device's own ordering instead. The
// firmware runs UART input, commands and URC output on one work queue and flushes queued
// URCs after each command finishes (firmware-notes §1.7), and the link keeps byte order. So
// after `AT` → OK twice, every URC the device had queued before the first `AT` has been
// flushed behind the first OK and therefore received before the second OK. What is not in
// the runner's queue then was not queued on the device when the check began. The step that
// caused the event must come first (e.g. wait until the peer has answered). Before each
// `AT` the harness yields one turn of its event loop: an in-process emulator's socket
// callbacks (a real modem's run concurrently) would otherwise never run between commands
// that complete without touching the network.

import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { Then } from '@cucumber/cucumber';
import type { UrcEvent } from '../src/at/at-runner.ts';
import { addPollReport } from '../src/catalogue/poll-report.ts';
import type { ConformanceWorld } from './support/world.ts';

/** A URC queued on the device is flushed behind the next command's final result code. */
async function flushDeviceUrcs(world: ConformanceWorld): Promise<void> {
  for (let round = 0; round < 2; round += 1) {
    await eventLoopTurn();
    const response = await world.device.runner.send('AT');
    if (response.final.text !== 'OK') throw new Error(`AT answered ${response.final.text} while checking for URCs`);
  }
}

/** The URC's name, '#XAPOLL' for '#XAPOLL: 1,4'. */
function nameOf(template: string): string {
  const colon = template.indexOf(':');
  return colon < 0 ? template : template.slice(0, colon);
}

/** The template with what is already captured filled in, for messages. */
function shown(world: ConformanceWorld, template: string): string {
  try {
    return world.captures.expand(template);
  } catch {
    return template;
  }
}

Then(/^within (\d+) seconds? the URC `([^`]*)` arrives$/, async function (this: ConformanceWorld, seconds: string, template: string) {
  const expected = template;
  try {
    // The first queued or arriving URC that fits the template (captures on the match).
    await this.device.runner.urc(nameOf(expected), { timeoutMs: Number(seconds) * 1000, match: (urc) => this.captures.match(expected, urc.text) });
  } catch (error) {
    const queued = this.device.runner.takeUrcs().filter((event): event is UrcEvent => event.kind === 'urc').map((urc) => `\`${urc.text}\``);
    throw new Error(`no URC \`${shown(this, expected)}\` within ${seconds} s${queued.length > 0 ? `; other URCs: ${queued.join(', ')}` : '; no other URC either'} (${(error as Error).message})`);
  }
});

// POLLIN and POLLHUP of a peer that answers and closes come as `17` when the close has
// arrived by the time the device reports, or as `1` then `16` when it has not (poll-report.ts).
Then(/^within (\d+) seconds? #XAPOLL reports the events (\d+) for (<[A-Za-z][\w-]*>), in one URC or several$/, async function (this: ConformanceWorld, seconds: string, events: string, handle: string) {
  const expected = Number(events);
  const wanted = this.captures.expand(handle);
  const deadline = Date.now() + Number(seconds) * 1000;
  let report = { reported: 0, complete: false };
  const seen: string[] = [];
  while (!report.complete) {
    const remainingMs = Math.max(1, deadline - Date.now());
    const urc = await this.device.runner.urc('#XAPOLL', { timeoutMs: remainingMs, match: (event) => event.text.startsWith(`#XAPOLL: ${wanted},`) }).catch(() => undefined);
    if (!urc) throw new Error(`within ${seconds} s #XAPOLL reported ${seen.length > 0 ? seen.map((text) => `\`${text}\``).join(', ') : 'nothing'} for socket ${wanted}, not all of the events ${expected}`);
    seen.push(urc.text);
    try {
      report = addPollReport(expected, report.reported, Number(urc.text.slice(urc.text.lastIndexOf(',') + 1)));
    } catch (error) {
      throw new Error(`\`${urc.text}\`: expected the events ${expected} for socket ${wanted}, each once: ${(error as Error).message}`);
    }
  }
});

Then(/^no `([^`:]+)` URC arrives for (<[A-Za-z][\w-]*>)$/, async function (this: ConformanceWorld, name: string, handle: string) {
  await flushDeviceUrcs(this);
  const wanted = this.captures.expand(handle);
  const found = await this.device.runner.urc(name, { timeoutMs: 1, match: (urc) => urc.text.startsWith(`${name}: ${wanted},`) }).catch(() => undefined);
  if (found) throw new Error(`\`${found.text}\` arrived; the spec sends no ${name} URC for socket ${wanted} here`);
});

Then('no URC arrives', async function (this: ConformanceWorld) {
  await flushDeviceUrcs(this);
  const urcs = this.device.runner.takeUrcs().filter((event): event is UrcEvent => event.kind === 'urc');
  if (urcs.length > 0) throw new Error(`URCs arrived where the spec sends none: ${urcs.map((urc) => `\`${urc.text}\``).join(', ')}`);
});
