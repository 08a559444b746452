// The parameters of one command line, read the way sdk-nrf's at_parser reads them
// (firmware-notes §2). The firmware tokenises the whole line before the handler runs
// (at_parser_cmd_count_get in sm_at_cb_wrapper): a malformed token anywhere makes the
// command answer ERROR without reaching its handler, so `parseAtArgs` throws in that case.
// Lines are latin1 strings: one character per wire byte, so byte lengths are string lengths.

import { AtParamError, type AtArgs } from './types.ts';
import type { Form } from '../catalogue/types.ts';

type TokenKind = 'command' | 'int' | 'quoted' | 'array' | 'empty' | 'unquoted';

interface Token {
  kind: TokenKind;
  text: string;
}

export interface ParsedCommandLine {
  form: Form;
  args: AtArgs;
}

// The pieces of at_match.re, as anchored regular expressions (sticky flag: match at lastIndex).
const COMMAND = /[Aa][Tt](?:[#%+][A-Za-z0-9]+)?(=\?|\?|=)?/y;
const INTEGER = / ?(0|[+-]?[1-9][0-9]*)(,?)/y;
const QUOTED = / ?"([^"\0]*)"(,?)/y;
const ARRAY = / ?(\([^()\0]+\))(,?)/y;
const EMPTY = / ?,/y;
const UNQUOTED = / ?([A-Za-z0-9][A-Za-z_\-+.0-9 ]*)/y;
const RESPONSE_PREFIXES = ['OK\r\n', 'ERROR\r\n', '+CME ERROR:', '+CMS ERROR:'];

function isLineBreak(char: string | undefined): boolean {
  return char === '\r' || char === '\n';
}

/** Whether tokenising stops at `at` without an error (end of line, a response, or a new line). */
function endsHere(line: string, at: number): boolean {
  if (at >= line.length) return true;
  if (isLineBreak(line[at])) return true; // CR/LF alone, CRLF, or the start of a further line
  const rest = line.slice(at).replace(/^[\r\n]+/, '');
  return RESPONSE_PREFIXES.some((prefix) => rest.startsWith(prefix));
}

function matchAt(pattern: RegExp, line: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(line);
}

/** The longest of the sub-parameter rules that matches at `at` (re2c picks the longest). */
function matchSubparameter(line: string, at: number): { token: Token; end: number; comma: boolean } | undefined {
  const candidates: { token: Token; end: number; comma: boolean }[] = [];
  const integer = matchAt(INTEGER, line, at);
  if (integer) candidates.push({ token: { kind: 'int', text: integer[1]! }, end: INTEGER.lastIndex, comma: integer[2] === ',' });
  const quoted = matchAt(QUOTED, line, at);
  if (quoted) candidates.push({ token: { kind: 'quoted', text: quoted[1]! }, end: QUOTED.lastIndex, comma: quoted[2] === ',' });
  const array = matchAt(ARRAY, line, at);
  if (array) candidates.push({ token: { kind: 'array', text: array[1]! }, end: ARRAY.lastIndex, comma: array[2] === ',' });
  if (matchAt(EMPTY, line, at)) candidates.push({ token: { kind: 'empty', text: '' }, end: EMPTY.lastIndex, comma: true });
  let best: (typeof candidates)[number] | undefined;
  for (const candidate of candidates) if (!best || candidate.end > best.end) best = candidate;
  return best;
}

function tokenize(line: string): { tokens: Token[]; form: Form } {
  const command = matchAt(COMMAND, line, 0);
  if (!command) throw new AtParamError('not an AT command');
  const suffix = command[1];
  const form: Form = suffix === '=?' ? 'test' : suffix === '?' ? 'read' : 'set';
  const tokens: Token[] = [{ kind: 'command', text: command[0].slice(0, command[0].length - (suffix?.length ?? 0)) }];
  let at = COMMAND.lastIndex;
  let nextIsEmpty = false;
  for (;;) {
    if (nextIsEmpty) {
      tokens.push({ kind: 'empty', text: '' });
      nextIsEmpty = false;
      continue;
    }
    if (endsHere(line, at)) return { tokens, form };
    const sub = matchSubparameter(line, at);
    if (!sub) {
      // Neither a command nor a sub-parameter: at_parser then tries an unquoted string,
      // which is not checked for what follows it.
      const unquoted = matchAt(UNQUOTED, line, at);
      if (!unquoted) throw new AtParamError(`malformed parameter at column ${at}`);
      tokens.push({ kind: 'unquoted', text: unquoted[1]! });
      at = UNQUOTED.lastIndex;
      continue;
    }
    const lineGoesOn = sub.end < line.length && !isLineBreak(line[sub.end]);
    if (sub.comma && !lineGoesOn) nextIsEmpty = true;
    else if (!sub.comma && lineGoesOn) throw new AtParamError(`unexpected text after parameter ${tokens.length}`);
    tokens.push(sub.token);
    at = sub.end;
  }
}

class AtParameters implements AtArgs {
  constructor(private readonly tokens: readonly Token[]) {}

  get count(): number {
    return this.tokens.length;
  }

  has(index: number): boolean {
    return index >= 0 && index < this.tokens.length;
  }

  isInteger(index: number): boolean {
    return this.tokens[index]?.kind === 'int';
  }

  uint16(index: number): number {
    return this.integerInRange(index, 0, 0xffff, 'uint16');
  }

  int32(index: number): number {
    return this.integerInRange(index, -0x80000000, 0x7fffffff, 'int32');
  }

  string(index: number, maxBytesExclusive?: number): string {
    const token = this.present(index);
    if (token.kind === 'int' || token.kind === 'empty') throw new AtParamError(`parameter ${index} is not a string`);
    if (maxBytesExclusive !== undefined && token.text.length >= maxBytesExclusive) {
      throw new AtParamError(`parameter ${index} is ${token.text.length} bytes; it must be shorter than ${maxBytesExclusive}`);
    }
    return token.text;
  }

  private present(index: number): Token {
    const token = this.tokens[index];
    if (!token) throw new AtParamError(`parameter ${index} is missing`);
    return token;
  }

  private integerInRange(index: number, min: number, max: number, type: string): number {
    const token = this.present(index);
    if (token.kind !== 'int') throw new AtParamError(`parameter ${index} is not an integer`);
    const value = Number(token.text);
    if (value < min || value > max) throw new AtParamError(`parameter ${index} (${token.text}) is out of ${type} range`);
    return value;
  }
}

/**
 * Reads a command line that already passed the grammar check (it starts with AT).
 * Throws AtParamError where at_parser's count would fail (a malformed token).
 */
export function parseAtArgs(line: string): ParsedCommandLine {
  const { tokens, form } = tokenize(line);
  return { form, args: new AtParameters(tokens) };
}
