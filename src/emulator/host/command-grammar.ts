// What the firmware does with a finished line before any handler sees it (sm_at_host.c
// cmd_send, cmd_grammar_check; firmware-notes §1.1): skip everything before the first
// "AT"/"at" pair, check the grammar, and find which command the line names.

/**
 * The command text as the firmware goes on to use it: from the first "AT" pair (any case)
 * on, cut at the first NUL (the firmware handles the line as a C string from here).
 * A line with no "AT" pair is returned whole; the grammar check then rejects it.
 */
export function commandText(line: string): string {
  const start = startsWithAt(line) ? 0 : line.search(/[Aa][Tt]/);
  const fromAt = start < 0 ? line : line.slice(start);
  const nul = fromAt.indexOf('\0');
  return nul < 0 ? fromAt : fromAt.slice(0, nul);
}

/** Whether `text` starts with "AT" in any case (told without a regular expression: it runs on every command). */
export function startsWithAt(text: string): boolean {
  // `| 0x20` lowers an ASCII capital and changes no other character into a or t.
  return (text.charCodeAt(0) | 0x20) === 0x61 /* a */ && (text.charCodeAt(1) | 0x20) === 0x74 /* t */;
}

// AT, ATE0, ATE1, AT<sep><name>, then nothing, `?`, `=`, `=?`, or `=<anything>`.
const GRAMMAR = /^[Aa][Tt](?:|[Ee][01]|[+%#][A-Za-z0-9_]+(?:\?|=(?:\?|[^?][^]*)?)?)$/;

export function passesGrammarCheck(text: string): boolean {
  return GRAMMAR.test(text);
}

/**
 * The name a command module is registered under: 'AT', 'ATE0', 'ATE1', or the
 * separator and name ('#XSOCKET', '+CGMI'). Assumes the grammar check passed.
 */
export function commandName(text: string): string {
  const rest = text.slice(2);
  if (rest === '') return 'AT';
  if (/^[Ee][01]$/.test(rest)) return `ATE${rest[1]}`;
  return /^[+%#][A-Za-z0-9_]+/.exec(rest)![0];
}
