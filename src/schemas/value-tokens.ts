// A response line cut into its prefix and value tokens, the way the firmware prints them:
// `<PREFIX>: <token>,<token>,...`, exactly one space after the colon and none around commas
// (firmware-notes §1.3). The cut is lenient, so that a report can still name every field of
// a malformed line, and the verdict strict: each deviation from that framing is a defect.
// One pass over the characters, no regular expressions on the value part: lines can be long
// (hex payload headers, address lists) and a benchmark counts lines per second.

export type TokenKind =
  | 'integer'      // 0, -5, 258 (no sign '+', no leading zeros, no '-0': at_parser's integer)
  | 'quoted'       // "192.168.0.1": no escapes, may hold commas and spaces
  | 'list'         // (1,2,3)
  | 'placeholder'  // <handle>, <0,1,4,5>
  | 'bare'         // anything else up to the next comma: 0xc02b, test.server.com, 01, ...
  | 'empty';       // nothing between two commas, or after a trailing comma

export interface ValueToken {
  kind: TokenKind;
  /** The token as printed, quotes and brackets included, surrounding spaces excluded. */
  text: string;
  /** 1-based column of the token's first character in the line. */
  column: number;
}

export interface LineDefect {
  /** Index of the token concerned; undefined when the defect concerns the prefix. */
  tokenIndex?: number;
  /** 1-based column where the defect starts. */
  column: number;
  /** What is wrong, in words. */
  problem: string;
  /** The offending text. */
  observed: string;
}

export interface TokenizedLine {
  line: string;
  /** Everything before the first ':' (the whole line when there is none). */
  prefix: string;
  tokens: ValueToken[];
  defects: LineDefect[];
}

const SPACE = 0x20;
const QUOTE = 0x22;
const OPEN_PAREN = 0x28;
const COMMA = 0x2c;
const LESS_THAN = 0x3c;

// Prefixes are short, so these anchored patterns cost nothing and cannot backtrack far.
const UPPERCASE_PREFIX = /^[#+%][A-Z][A-Z0-9_]*$/;
const ANY_CASE_PREFIX = /^[#+%][A-Za-z][A-Za-z0-9_]*$/;

/** at_parser's integer: `0`, or an optional '-' then a non-zero digit and more digits. */
export function isIntegerText(text: string): boolean {
  const length = text.length;
  let index = text.charCodeAt(0) === 0x2d ? 1 : 0;
  if (index >= length) return false;
  const first = text.charCodeAt(index);
  if (first === 0x30) return length === 1;
  if (first < 0x31 || first > 0x39) return false;
  for (index++; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

function prefixDefect(prefix: string): LineDefect | undefined {
  if (UPPERCASE_PREFIX.test(prefix)) return undefined;
  if (ANY_CASE_PREFIX.test(prefix)) {
    return { column: 1, problem: `the prefix must be uppercase (${prefix.toUpperCase()})`, observed: prefix };
  }
  if (prefix.trimEnd() !== prefix) return { column: prefix.trimEnd().length + 1, problem: "a space before ':'", observed: prefix };
  return { column: 1, problem: "a malformed prefix: expected '#', '+' or '%', then uppercase letters, digits or '_'", observed: prefix };
}

/** Where the bracketed token opened at `start` ends (one past its closing character). */
function closingEnd(line: string, start: number, closing: string, what: string, tokenIndex: number, defects: LineDefect[]): number {
  const close = line.indexOf(closing, start + 1);
  if (close >= 0) return close + 1;
  defects.push({ tokenIndex, column: start + 1, problem: `an unterminated ${what} (no closing ${closing})`, observed: line.slice(start) });
  return line.length;
}

export function tokenizeResponseLine(line: string): TokenizedLine {
  const defects: LineDefect[] = [];
  const tokens: ValueToken[] = [];
  const colon = line.indexOf(':');
  if (colon < 0) {
    defects.push({ column: line.length + 1, problem: "no ':' after the prefix", observed: line });
    return { line, prefix: line, tokens, defects };
  }
  const prefix = line.slice(0, colon);
  const badPrefix = prefixDefect(prefix);
  if (badPrefix) defects.push(badPrefix);

  const length = line.length;
  let position = colon + 1;
  if (position >= length) return { line, prefix, tokens, defects };
  while (line.charCodeAt(position) === SPACE) position++;
  const spaces = position - colon - 1;
  if (spaces !== 1) {
    defects.push({
      tokenIndex: 0,
      column: colon + 2,
      problem: spaces === 0 ? "no space after ':' (the firmware prints exactly one)" : `${spaces} spaces after ':' (the firmware prints exactly one)`,
      observed: line.slice(colon, position + 1),
    });
  }

  for (let tokenIndex = 0; ; tokenIndex++) {
    if (tokenIndex > 0) {
      const spacesFrom = position;
      while (line.charCodeAt(position) === SPACE) position++;
      if (position > spacesFrom) {
        defects.push({ tokenIndex, column: spacesFrom + 1, problem: 'a space before the value', observed: line.slice(spacesFrom - 1, position + 1) });
      }
    }
    const start = position;
    const code = line.charCodeAt(start);
    let kind: TokenKind;
    let end: number;
    if (code === QUOTE) {
      kind = 'quoted';
      end = closingEnd(line, start, '"', 'quoted string', tokenIndex, defects);
    } else if (code === OPEN_PAREN) {
      kind = 'list';
      end = closingEnd(line, start, ')', 'list', tokenIndex, defects);
    } else if (code === LESS_THAN) {
      kind = 'placeholder';
      end = closingEnd(line, start, '>', 'placeholder', tokenIndex, defects);
    } else {
      end = start;
      let control = -1;
      while (end < length) {
        const scan = line.charCodeAt(end);
        if (scan === COMMA || scan === SPACE) break;
        if ((scan < SPACE || scan === 0x7f) && control < 0) control = end;
        end++;
      }
      if (control >= 0) {
        defects.push({ tokenIndex, column: control + 1, problem: `a control character 0x${line.charCodeAt(control).toString(16).padStart(2, '0')} in the value`, observed: line.slice(start, end) });
      }
      const text = line.slice(start, end);
      kind = end === start ? 'empty' : isIntegerText(text) ? 'integer' : 'bare';
    }
    tokens.push({ kind, text: line.slice(start, end), column: start + 1 });

    position = end;
    while (line.charCodeAt(position) === SPACE) position++;
    if (position < length && line.charCodeAt(position) !== COMMA) {
      let junkEnd = line.indexOf(',', position);
      if (junkEnd < 0) junkEnd = length;
      defects.push({ tokenIndex, column: end + 1, problem: 'unexpected text after the value', observed: line.slice(end, junkEnd) });
      position = junkEnd;
    } else if (position > end) {
      defects.push({ tokenIndex, column: end + 1, problem: 'a space after the value', observed: line.slice(start, position) });
    }
    if (position >= length) break;
    position++; // the comma; a trailing comma leaves an empty last token
  }
  return { line, prefix, tokens, defects };
}
