// Errors that are not the device's fault. Steps and the World throw them; the cucumber
// support turns them into INCONCLUSIVE or N/A (a skipped scenario with its reason)
// instead of a failure, so a dead peer or an absent feature never reads as a FAIL.

/** A peer, the network or the host failed, so the device's behaviour cannot be judged. */
export class EnvironmentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvironmentError';
  }
}

/** The device profile says the device lacks something the scenario needs. */
export class CapabilityAbsentError extends Error {
  constructor(readonly capability: string, message = `the device profile lacks ${capability}`) {
    super(message);
    this.name = 'CapabilityAbsentError';
  }
}

/**
 * The link to the device (serial port, TCP or RFC 2217 connection) went away: the lab
 * failed, not the device, so the scenario in progress is INCONCLUSIVE.
 */
export class DeviceLinkLostError extends EnvironmentError {
  constructor(readonly lostAt: Date, detail?: string) {
    super(`device link lost at ${lostAt.toISOString()}${detail ? ` (${detail})` : ''}`);
    this.name = 'DeviceLinkLostError';
  }
}
