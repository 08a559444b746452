// Data mode (#XSEND / #XSENDTO mode 2, firmware-notes §6): once the device answered OK every
// byte written is payload, up to the terminator; the device then announces the end with
// `#XDATAMODE: <status>`. Writes here are raw: nothing waits for a final result code.
//
//   When I write `Test datamode with flags` in data mode
//   And I leave data mode with `+++`
//   Then within 5 seconds the URC `#XDATAMODE: 0` arrives      (steps/urc.steps.ts)

import { When } from '@cucumber/cucumber';
import { bytesOfHex, bytesOfText } from '../src/at/wire-text.ts';
import type { ConformanceWorld } from './support/world.ts';

When('I write {wire} in data mode', async function (this: ConformanceWorld, text: string) {
  await this.device.runner.writeRaw(bytesOfText(this.captures.expand(text)));
});

When('I write hex {wire} in data mode', async function (this: ConformanceWorld, hex: string) {
  await this.device.runner.writeRaw(bytesOfHex(this.captures.expand(hex)));
});

When('I leave data mode with {wire}', async function (this: ConformanceWorld, terminator: string) {
  await this.device.runner.writeRaw(bytesOfText(terminator));
});
