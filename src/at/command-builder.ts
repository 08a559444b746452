// Builds AT command lines from a command name, a form and parameter values, the way the
// firmware's parser reads them (firmware-notes §2): integers as plain decimal, strings in
// double quotes. Quoted strings have no escape sequences, so a value that cannot be
// written faithfully is refused here, before anything reaches the wire.

/** The three forms of an AT command: `AT#X=…`, `AT#X?`, `AT#X=?`. */
export type Form = 'set' | 'read' | 'test';

export type ParameterValue = number | string;

/**
 * Parameter values in order. A record names each parameter (its key order is the order
 * on the line); an array names them by position. A trailing `undefined` omits an optional
 * parameter.
 */
export type ParameterValues =
  | Readonly<Record<string, ParameterValue | undefined>>
  | readonly (ParameterValue | undefined)[];

/** What ends a command on the wire: CR is the firmware's default build (firmware-notes §1.1). */
export type CommandTerminator = '\r' | '\r\n';

export class CommandBuildError extends Error {}

const COMMAND_NAME = /^[#+%][A-Za-z0-9_]+$/;
// '"' ends the string early, CR/LF would end the command in most terminator builds, and
// NUL ends the parser's string copy (firmware-notes §1.1, §2).
const UNWRITABLE_IN_STRING = /["\r\n\0]/;

function describeCharacter(character: string): string {
  if (character === '"') return 'a double quote (")';
  if (character === '\r') return 'a CR (\\r)';
  if (character === '\n') return 'an LF (\\n)';
  return 'a NUL (\\x00)';
}

function parameterText(command: string, name: string, value: ParameterValue): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new CommandBuildError(`${command}: parameter ${name} must be an integer, got ${value}`);
    }
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new CommandBuildError(`${command}: parameter ${name} must be an integer or a string, got ${typeof value}`);
  }
  const bad = UNWRITABLE_IN_STRING.exec(value);
  if (bad) {
    throw new CommandBuildError(
      `${command}: parameter ${name} contains ${describeCharacter(bad[0])} at index ${bad.index}; ` +
        'AT strings have no escapes, so it cannot be sent',
    );
  }
  return `"${value}"`;
}

function namedValues(values: ParameterValues): [string, ParameterValue | undefined][] {
  if (Array.isArray(values)) {
    return (values as readonly (ParameterValue | undefined)[]).map((value, index) => [`#${index + 1}`, value]);
  }
  return Object.entries(values);
}

/**
 * `buildCommand('#XSEND', 'set', { handle: 0, mode: 0, flags: 0, data: 'Test TCP' })`
 * → `AT#XSEND=0,0,0,"Test TCP"`. The read form gives `AT#XSOCKET?`, the test form
 * `AT#XSOCKET=?`, and a set form without values the bare `AT#XCLOSE`.
 * The result has no terminator; see commandBytes.
 */
export function buildCommand(command: string, form: Form, values: ParameterValues = []): string {
  if (!COMMAND_NAME.test(command)) {
    throw new CommandBuildError(`'${command}' is not a command name like #XSOCKET (one of #, + or % followed by letters, digits or _)`);
  }
  const entries = namedValues(values);
  if (form !== 'set') {
    if (entries.some(([, value]) => value !== undefined)) {
      throw new CommandBuildError(`${command}: the ${form} form takes no parameters`);
    }
    return form === 'read' ? `AT${command}?` : `AT${command}=?`;
  }
  const texts: string[] = [];
  let omitted: string | undefined;
  for (const [name, value] of entries) {
    if (value === undefined) {
      omitted ??= name;
      continue;
    }
    if (omitted !== undefined) {
      throw new CommandBuildError(`${command}: parameter ${omitted} is omitted but a later parameter ${name} is given`);
    }
    texts.push(parameterText(command, name, value));
  }
  return texts.length === 0 ? `AT${command}` : `AT${command}=${texts.join(',')}`;
}

/** The bytes to write for a command line: its text and the terminator. */
export function commandBytes(commandLine: string, terminator: CommandTerminator = '\r'): Buffer {
  if (/[\r\n]/.test(commandLine)) {
    throw new CommandBuildError(`command line ${JSON.stringify(commandLine)} contains CR or LF; it would be cut into several commands`);
  }
  return Buffer.from(commandLine + terminator, 'utf8');
}
