// Steps that only the verdict fixture uses, to produce each kind of evidence on demand.

import { When } from '@cucumber/cucumber';
import { EnvironmentError } from '../../src/blame/verdict-errors.ts';
import type { ConformanceWorld } from '../../steps/support/world.ts';

When('the echo peer is unreachable', function () {
  throw new EnvironmentError('the TCP echo peer refused the connection');
});

When('the device shows erratum {word}', function (this: ConformanceWorld, erratum: string) {
  this.recordErratum(erratum, 'the device behaves as the firmware does');
});
