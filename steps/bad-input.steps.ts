// Bad input the spec forbids but an erratum says the firmware accepts (e.g. E24: any
// #XSOCKET role): the spec's ERROR is a PASS; the firmware's acceptance, a well-formed
// answer ending in OK, is recorded as that erratum (NON-STRICT). Anything else fails.

import { Then } from '@cucumber/cucumber';
import type { ConformanceWorld } from './support/world.ts';

Then('the response is `ERROR`, or as erratum {erratum} says the command is accepted', function (this: ConformanceWorld, erratum: string) {
  const response = this.lastResponse;
  if (response.final.text === 'ERROR' && response.lines.length === 0) return;
  if (response.final.text !== 'OK') {
    throw new Error(`${response.command}: expected ERROR, or (as erratum ${erratum} says) an answer ending in OK; got ${[...response.lines, response.final.text].join(' / ')}`);
  }
  this.expectSchemaConformance();
  this.recordErratum(erratum, `${response.command} was accepted where the spec forbids it`);
});
