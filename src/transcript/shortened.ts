// Long lines (a 4096-character #XSEND, a hex payload) are shown shortened in findings, so
// a finding reads as one line and the same text is not repeated at length.

const MAX_SHOWN = 80;
const HEAD = 56;
const TAIL = 12;

/** `text` itself when short; else its start and end around `…`, with its length. */
export function shortened(text: string): string {
  if (text.length <= MAX_SHOWN) return text;
  return `${text.slice(0, HEAD)}…${text.slice(-TAIL)} (${text.length} characters)`;
}
