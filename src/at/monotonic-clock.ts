// Wire timestamps come from a monotonic clock in microseconds, so that gaps between bytes
// stay meaningful when the wall clock is adjusted. Injectable so tests can fix time.

export type MicrosecondClock = () => number;

export const monotonicMicroseconds: MicrosecondClock = () => Number(process.hrtime.bigint() / 1000n);
