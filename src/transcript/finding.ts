// What the validator reports: one finding per deviation, tied to a line of the input, a
// rule and the part of the spec (or firmware notes) the rule comes from.

/**
 * FAIL: deviates from the spec. NON-STRICT: deviates exactly as a listed erratum says the
 * firmware does (the finding names it). WARN: legal, but suspicious (e.g. a command the
 * device rightly refused).
 */
export type FindingVerdict = 'FAIL' | 'NON-STRICT' | 'WARN';

export interface Finding {
  /** 1-based line of the input the finding is about. */
  line: number;
  rule: RuleId;
  verdict: FindingVerdict;
  /** The spec section the rule comes from, by its title (or the ITU-T V.250 section for framing). */
  section: string;
  /** The spec's own words the rule rests on (a syntax line, a field's description). */
  quote?: string;
  message: string;
  /** The erratum (e.g. 'E15') that explains a NON-STRICT finding or a spec example's FAIL. */
  erratum?: string;
}

/** Every rule the validator checks, with what it requires (shown in summaries and JUnit). */
export const RULES = {
  'command.syntax': 'a command line has the form AT<sep><name>[=<parameters>|?|=?]',
  'command.form': 'the command supports the form used (read/test)',
  'command.parameter-count': 'a command has the parameters its syntax requires, and no more',
  'command.parameter-type': 'integer parameters are integers, string parameters quoted strings',
  'command.parameter-domain': 'each parameter value is in the domain the spec gives',
  'response.line': 'each response line matches a shape of the command that was sent',
  'response.answer': 'a response repeats what the command asked (handle, type, mode), derives the rest from it (protocol from type) and reports no more bytes than were sent or asked for',
  'response.line-count': 'a response line that is not repeatable appears once',
  'response.final': 'every command gets exactly one final result code',
  'response.unsolicited': 'no line arrives outside a response unless it is a well-formed URC (or a modem notification)',
  'response.error-after-line': 'a command that failed prints no information line',
  'payload.size': 'a #XRECV/#XRECVFROM payload has exactly the announced size',
  'payload.hex': 'a hex-mode payload is 2*size uppercase hex characters',
  'urc.inside-response': 'URCs never arrive inside a command response',
  'urc.not-polled': '#XAPOLL URCs arrive only for sockets being polled',
  'state.handle': 'socket handles are used only while open',
  'state.socket-limit': 'at most the allowed number of sockets are open',
  'datamode.entry': 'data mode is entered with OK alone',
  'datamode.exit': 'data mode is left with #XDATAMODE after the terminator',
  'datamode.device-output': 'the device prints nothing while in data mode',
  'framing': 'the device output is framed as the firmware frames it',
  'log.generation': 'the log is written in the spec\'s syntax, not in an older or newer firmware generation\'s',
} as const;

export type RuleId = keyof typeof RULES;

/**
 * The rules about lines no command asked for (URCs, stray lines): the live run judges the
 * lines its steps did not ask for by these, with the same checker `validate` runs.
 */
export const UNASKED_LINE_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['response.unsolicited', 'urc.inside-response', 'urc.not-polled']);

/** Where findings go, in input order. */
export type FindingSink = (finding: Finding) => void;
