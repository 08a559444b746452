// The data an #XRECV / #XRECVFROM answer carried, as the wire had it: the raw bytes in
// mode 0, the hex text in mode 1 (firmware-notes §5).

import type { AtResponse } from './at-runner.ts';
import { describeBytes } from './wire-text.ts';

/** The payload bytes of the answer (several payloads: joined in order); throws when it carried none. */
export function receivedData(response: AtResponse): Buffer {
  if (response.payloads.length === 0) throw new Error(`${response.command}: the answer carried no data (${[...response.lines, response.final.text].join(' / ')})`);
  return Buffer.concat(response.payloads.map((payload) => payload.bytes));
}

/**
 * Whether the data ends exactly where the final result code's CRLF begins: no line end of
 * its own and nothing else in between (erratum E13: the spec shows `<data>` on a line, the
 * firmware writes it raw).
 */
export function dataEndsAtFinalCode(response: AtResponse): boolean {
  const last = response.payloads.at(-1);
  if (!last) return false;
  const ending = Buffer.concat([last.bytes, Buffer.from(`\r\n${response.final.text}\r\n`, 'latin1')]);
  const raw = response.raw;
  return raw.length >= ending.length && raw.subarray(raw.length - ending.length).equals(ending);
}

/** Throws, showing both, unless the answer's data is exactly `expected`. */
export function expectReceivedData(response: AtResponse, expected: Buffer): void {
  const observed = receivedData(response);
  if (!observed.equals(expected)) throw new Error(`${response.command}: received data ${describeBytes(observed)}, expected ${describeBytes(expected)}`);
}
