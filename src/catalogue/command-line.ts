// How a printed command line such as `AT#XSEND=1,2,512` names its command and form, and
// its arguments. Used by the examples index and the example extractor, so both agree.

import type { Form } from './types.ts';

export interface Invocation {
  /** '#XSEND' */
  command: string;
  form: Form;
  /** Raw argument tokens as printed (quotes kept), e.g. ['1', '"echo"']; empty for read/test. */
  arguments: readonly string[];
}

const COMMAND_LINE = /^AT([#+%][A-Za-z0-9_]+)(=\?|\?|=(.*))?$/;

/** The command, form and arguments of a command line; undefined when it is not one. */
export function invocationOf(line: string): Invocation | undefined {
  const match = COMMAND_LINE.exec(line);
  if (!match) return undefined;
  const [, command, suffix, argumentText] = match;
  if (suffix === '=?') return { command: command!, form: 'test', arguments: [] };
  if (suffix === '?') return { command: command!, form: 'read', arguments: [] };
  return { command: command!, form: 'set', arguments: argumentText === undefined ? [] : splitArguments(argumentText) };
}

/** Splits on commas outside double quotes (the spec's strings have no escapes). */
function splitArguments(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    if (character === ',' && !quoted) {
      tokens.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  tokens.push(current);
  return tokens;
}
