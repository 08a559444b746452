// Where a finding's rule comes from, in a form a user can follow: the spec section's title
// and the spec's own words (a syntax line, a field's description), from the catalogue; for
// the AT framing the spec takes for granted, the ITU-T V.250 section that defines it. The
// errata a finding names ship with the product (src/catalogue/errata.ts) and are printed
// with it.

import type { CommandSpec, FieldSpec, Form, ResponseShape } from '../catalogue/types.ts';
import { commandByName } from '../catalogue/catalogue.ts';

export interface Citation {
  /** Section title, e.g. 'Send data #XSEND › Set command'. */
  section: string;
  /** The spec's own words the rule rests on (a syntax line, a sentence), when there are some. */
  quote?: string;
}

const FORM_TITLE: Record<Form, string> = { set: 'Set command', read: 'Read command', test: 'Test command' };

/** Information text and result codes are framed by CR LF; one final result code ends each command. */
export const FRAMING: Citation = { section: 'ITU-T V.250 §5.7 DCE responses (information text and result codes framed by CR LF, one final result code per command line)' };
/** A command line: the `AT` prefix, then the commands. */
export const COMMAND_LINE: Citation = { section: 'ITU-T V.250 §5.2 DTE command lines' };

function commandSection(name: string, form: Form): Citation {
  const command = commandByName(name);
  return command ? formCitation(command, form) : { section: name };
}

/** The spec's own description of the URCs #XAPOLL sends. */
export const POLL_URCS: Citation = {
  section: 'Asynchronous socket polling #XAPOLL › Response syntax',
  quote: 'When the asynchronous socket events are enabled, |SM| sends events as URC notifications. … For POLLERR, POLLHUP, and POLLNVAL events, the URC notification is sent only once for each socket.',
};
/** URCs come between responses, never inside one. */
export const URC_ORDERING: Citation = { ...POLL_URCS, section: `${POLL_URCS.section}; ITU-T V.250 §5.7 DCE responses (a command's response ends with its final result code)` };
export const SOCKET_LIMIT: Citation = { section: 'Socket AT commands', quote: 'The application can open up to 8 sockets.' };
export function dataModeCitation(): Citation {
  return { ...commandSection('#XSEND', 'set'), quote: '``2`` - Data mode. |SM| enters ``sm_data_mode`` for data input.' };
}

/** Citations are made once per command and form: findings can be many. */
const formCitations = new WeakMap<CommandSpec, Map<Form | undefined, Citation>>();

/** A command's form: its section and its syntax line. */
export function formCitation(command: CommandSpec | undefined, form: Form | undefined): Citation {
  if (!command) return COMMAND_LINE;
  let byForm = formCitations.get(command);
  if (!byForm) formCitations.set(command, (byForm = new Map()));
  let citation = byForm.get(form);
  if (!citation) byForm.set(form, (citation = makeFormCitation(command, form)));
  return citation;
}

function makeFormCitation(command: CommandSpec, form: Form | undefined): Citation {
  if (!form) return { section: command.title };
  const spec = command.forms[form];
  const section = `${command.title} › ${FORM_TITLE[form]}`;
  return spec.supported ? { section, quote: `Syntax: ${spec.syntax}` } : { section, quote: spec.requirement };
}

/** A response line's shape: its section and its response syntax. */
export function shapeCitation(command: CommandSpec | undefined, form: Form | undefined, shape: ResponseShape | undefined): Citation {
  const base = formCitation(command, form);
  if (!shape || !command || !form) return base;
  return { section: `${base.section} › Response syntax`, quote: `${shape.prefix}: ${shape.fields.map(fieldName).join(',')}` };
}

/** A field of a response line: the section and the spec's description of the field (else the response syntax). */
export function fieldCitation(command: CommandSpec | undefined, form: Form | undefined, shape: ResponseShape, fieldName: string): Citation {
  const field = shape.fields.find((each) => each.name === fieldName);
  const words = field?.doc ? specWords(field.doc) : undefined;
  const syntax = shapeCitation(command, form, shape);
  return words ? { section: syntax.section, quote: `${syntax.quote} … ${words}` } : syntax;
}

function fieldName(field: FieldSpec): string {
  return field.kind === 'literal' ? field.literal ?? field.name : `<${field.name}>`;
}

/** The spec's sentences of a catalogue description, without the catalogue's remarks on the firmware (in parentheses). */
function specWords(doc: string): string | undefined {
  const words = doc.replace(/\s*\((?:The firmware|the firmware|Firmware)[^)]*\)/g, '').trim();
  return words === '' ? undefined : words;
}
