// How #XAPOLL may report a set of events (revents bits, e.g. 17 = POLLIN + POLLHUP): in one
// URC, or spread over several when they happen apart (data, then the peer's close), each bit
// once. Whether they come together is timing, not protocol.

export interface PollReport {
  /** Bits reported so far. */
  reported: number;
  /** Every expected bit has been reported. */
  complete: boolean;
}

/**
 * Adds one URC's `revents` to what was reported before; throws when it carries a bit that
 * is not expected or was already reported.
 */
export function addPollReport(expected: number, before: number, revents: number): PollReport {
  if (!Number.isInteger(revents) || revents <= 0) throw new RangeError(`revents ${revents} is not a positive bit field`);
  const unexpected = revents & ~expected;
  if (unexpected !== 0) throw new RangeError(`revents ${revents} has bits (${unexpected}) outside the expected ${expected}`);
  const repeated = revents & before;
  if (repeated !== 0) throw new RangeError(`revents ${revents} reports bits (${repeated}) already reported`);
  const reported = before | revents;
  return { reported, complete: reported === expected };
}
