// Sending commands and checking their answers, in the words of the spec's examples.

import { Given, Then, When } from '@cucumber/cucumber';
import type { ConformanceWorld } from './support/world.ts';

const FINAL_CODES = new Set(['OK', 'ERROR']);

Given('the device is ready', function (this: ConformanceWorld) {
  // The Before hook has already put the device into its known state; this step says so
  // in the scenario's own words and checks that the session is open.
  void this.device;
});

When('I send {wire}', async function (this: ConformanceWorld, line: string) {
  await this.send(line);
});

// `OK`/`ERROR` alone: no information line. Any other line: that line, then OK.
Then('the response is {wire}', function (this: ConformanceWorld, line: string) {
  this.expectResponse(FINAL_CODES.has(line) ? [line] : [line, 'OK']);
});

Then('the response is', function (this: ConformanceWorld, lines: string) {
  this.expectResponse(lines.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
});
