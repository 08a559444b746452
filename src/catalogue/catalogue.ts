// The command catalogue: the spec's 15 socket commands in spec order, and the lookups
// every other part of sm-conformance uses to find a command or a response line shape.

import type { CommandSpec, Form, ResponseShape } from './types.ts';
import { XSOCKET } from './commands/xsocket.ts';
import { XSSOCKET } from './commands/xssocket.ts';
import { XCLOSE } from './commands/xclose.ts';
import { XSOCKETOPT } from './commands/xsocketopt.ts';
import { XSSOCKETOPT } from './commands/xssocketopt.ts';
import { XBIND } from './commands/xbind.ts';
import { XCONNECT } from './commands/xconnect.ts';
import { XLISTEN } from './commands/xlisten.ts';
import { XACCEPT } from './commands/xaccept.ts';
import { XSEND } from './commands/xsend.ts';
import { XRECV } from './commands/xrecv.ts';
import { XSENDTO } from './commands/xsendto.ts';
import { XRECVFROM } from './commands/xrecvfrom.ts';
import { XAPOLL } from './commands/xapoll.ts';
import { XGETADDRINFO } from './commands/xgetaddrinfo.ts';

/** The spec's commands, in the order of its sections. */
export const COMMANDS: readonly CommandSpec[] = [
  XSOCKET,
  XSSOCKET,
  XCLOSE,
  XSOCKETOPT,
  XSSOCKETOPT,
  XBIND,
  XCONNECT,
  XLISTEN,
  XACCEPT,
  XSEND,
  XRECV,
  XSENDTO,
  XRECVFROM,
  XAPOLL,
  XGETADDRINFO,
];

const BY_NAME = new Map(COMMANDS.map((command) => [command.name, command]));

function shapesOf(command: CommandSpec): ResponseShape[] {
  const forms: Form[] = ['set', 'read', 'test'];
  const answered = forms.flatMap((form) => {
    const spec = command.forms[form];
    return spec.supported ? spec.responses : [];
  });
  return [...answered, ...(command.unsolicited ?? [])];
}

/** Every response shape of the catalogue, in spec order. */
export const RESPONSE_SHAPES: readonly ResponseShape[] = COMMANDS.flatMap(shapesOf);

const SHAPE_BY_ID = new Map(RESPONSE_SHAPES.map((shape) => [shape.id, shape]));

/** The command named `name` ('#XSOCKET'; the '#' may be omitted; case-sensitive like the firmware). */
export function commandByName(name: string): CommandSpec | undefined {
  return BY_NAME.get(name.startsWith('#') ? name : `#${name}`);
}

/** Shapes a command's form may print ('urc'/'exit': the lines it causes outside its response). */
export function shapesFor(command: string, form: ResponseShape['form']): readonly ResponseShape[] {
  const spec = commandByName(command);
  if (!spec) return [];
  if (form === 'urc' || form === 'exit') return (spec.unsolicited ?? []).filter((shape) => shape.form === form);
  const formSpec = spec.forms[form];
  return formSpec.supported ? formSpec.responses : [];
}

export function shapeById(id: string): ResponseShape | undefined {
  return SHAPE_BY_ID.get(id);
}

/** Shapes whose line starts with `prefix` ('#XAPOLL' gives XAPOLL.read, XAPOLL.test, XAPOLL.urc). */
export function shapesByPrefix(prefix: string): readonly ResponseShape[] {
  return RESPONSE_SHAPES.filter((shape) => shape.prefix === prefix);
}
