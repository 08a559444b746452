// Errors of the AT runner. Their messages carry the wire as received (escaped), because a
// conformance failure is only useful if it shows what the device actually sent.

import { escapeBytes } from './byte-escape.ts';

function receivedText(received: Buffer): string {
  return `received ${received.length} byte${received.length === 1 ? '' : 's'}: "${escapeBytes(received)}"`;
}

/** No final result code (or no awaited URC) before the deadline. */
export class AtTimeoutError extends Error {
  constructor(
    /** The command line, or a description of the awaited URC. */
    readonly subject: string,
    readonly deadlineMs: number,
    /** Every byte received since the write (or since the wait began). */
    readonly received: Buffer,
    expectation: string,
  ) {
    super(`${subject}: ${expectation} within the ${deadlineMs} ms deadline; ${receivedText(received)}`);
  }
}

/** The link closed or failed while a command or a URC wait was in progress. */
export class AtLinkClosedError extends Error {
  constructor(readonly subject: string, readonly received: Buffer, readonly linkError?: Error) {
    super(`${subject}: the device link closed${linkError ? ` (${linkError.message})` : ''} before the answer came; ${receivedText(received)}`);
  }
}

/**
 * A command the device is known to answer without its final result code (it let a deadline
 * pass that way before) answered its lines and went quiet: no final code after them.
 */
export class AtNoFinalCodeError extends Error {
  constructor(readonly subject: string, readonly received: Buffer, readonly quietMs: number) {
    super(`${subject}: no final result code after the answer's lines (quiet for ${quietMs} ms; this command's final code went missing before, so the device gets no second full deadline); ${receivedText(received)}`);
  }
}
