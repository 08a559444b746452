// Checking the device's answers, in the words of the spec's examples; where an erratum
// says the firmware answers differently, the step names the erratum and its answer.

import { Then } from '@cucumber/cucumber';
import { alternativesOf, answerOf } from './support/response-alternatives.ts';
import type { ConformanceWorld } from './support/world.ts';

Then('the response is {wire}', function (this: ConformanceWorld, line: string) {
  this.expectResponse(answerOf(line));
});

Then('the response is', function (this: ConformanceWorld, docString: string) {
  this.expectResponseOf(alternativesOf(docString));
});

Then('the response is {wire}, or as erratum {erratum} says {wire}', function (this: ConformanceWorld, spec: string, erratum: string, firmware: string) {
  this.expectResponseOf([{ lines: answerOf(spec) }, { erratum, lines: answerOf(firmware) }]);
});

Then('the response matches the schema', function (this: ConformanceWorld) {
  this.expectSchemaConformance();
});

Then('the device is still usable', async function (this: ConformanceWorld) {
  await this.expectUsable();
});

// "Then the handles <tcp>, <udp> and <raw> are all different": the device gave each open
// socket a handle of its own.
Then(/^the handles ((?:<[A-Za-z][\w-]*>(?:, | and )?)+) are all different$/, function (this: ConformanceWorld, list: string) {
  this.expectDistinctCaptures([...list.matchAll(/<([A-Za-z][\w-]*)>/g)].map((found) => found[1]!));
});
