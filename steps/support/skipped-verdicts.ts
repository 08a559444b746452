// INCONCLUSIVE and N/A scenarios are skipped in cucumber, with their reason. cucumber-js 12
// can skip only by a step or hook returning 'skipped' (a thrown error always fails, and
// 'skipped' carries no message), so every step and hook is wrapped: an EnvironmentError or
// CapabilityAbsentError becomes evidence for the verdict, a log line with the reason, and
// 'skipped'. Everything else is rethrown untouched.

import { setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import { CapabilityAbsentError, DeviceLinkLostError, EnvironmentError } from '../../src/blame/verdict-errors.ts';
import { DETACHED } from '../../src/dut/network-attach.ts';
import { ConformanceWorld } from './world.ts';
import { runStopSignal } from './worker-session.ts';

type Definition = (this: unknown, ...args: unknown[]) => unknown;

setDefinitionFunctionWrapper((definition: Definition) => async function (this: unknown, ...args: unknown[]): Promise<unknown> {
  // Ctrl-C stops the run after the step in progress: the scenario's remaining steps are not run.
  const stop = this instanceof ConformanceWorld && !isHookCall(args) ? runStopSignal().requested() : undefined;
  try {
    if (stop) throw new EnvironmentError(`not run to the end: ${stop.reason}`);
    return await definition.apply(this, args);
  } catch (caught) {
    if (!(this instanceof ConformanceWorld)) throw caught;
    // Whatever a step saw once the link was gone (a closed link, a missing answer) is the lab's doing.
    const lostAt = this.device.linkLostAt;
    const error = lostAt && !(caught instanceof EnvironmentError) ? new DeviceLinkLostError(lostAt) : caught;
    if (error instanceof EnvironmentError) {
      this.evidence.push({ kind: 'environment', detail: error.message });
      this.log(`INCONCLUSIVE: ${error.message}`);
      return 'skipped';
    }
    if (error instanceof CapabilityAbsentError) {
      this.evidence.push({ kind: 'capability-absent', capability: error.capability, detail: error.message });
      this.log(`N/A: ${error.message}`);
      return 'skipped';
    }
    // A network scenario that failed while the device left the network judged the network,
    // not the device (and the next network scenario attaches again).
    if (this.usesNetwork && await this.device.attachment.detachedDuringScenario().catch(() => false)) {
      this.evidence.push({ kind: 'environment', detail: DETACHED });
      this.log(`INCONCLUSIVE: ${DETACHED} (the step had failed: ${(error as Error).message?.split('\n', 1)[0]})`);
      return 'skipped';
    }
    throw error;
  }
});

/**
 * Hooks get cucumber's hook parameter (with the pickle) first; step definitions get their
 * step's arguments (text, numbers, a table). Either way cucumber appends a callback.
 */
function isHookCall(args: readonly unknown[]): boolean {
  const first = args[0];
  return typeof first === 'object' && first !== null && 'pickle' in first && 'gherkinDocument' in first;
}
