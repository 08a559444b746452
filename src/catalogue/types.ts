// The vocabulary of the spec catalogue. Every other part of sm-conformance (reader,
// schemas, emulator, coverage, transcript validator) reads the protocol from data of
// these shapes, so that each fact of the spec is written exactly once.

import type { Form } from '../at/command-builder.ts';

export type { Form };

/** Where a fact comes from: the spec text, or what the firmware really does (firmware-notes). */
export type Source = 'spec' | 'firmware';

/** How at_parser reads a parameter (firmware-notes §2); decides what the firmware refuses. */
export type WireType = 'uint16' | 'int32' | 'string';

export interface IntegerDomain {
  kind: 'integer';
  /** Values the spec lists by name; when present, anything else is out of domain. */
  values?: readonly { value: number; meaning: string }[];
  min?: number;
  max?: number;
  /** What the firmware accepts when it differs from the spec (e.g. any uint16 role), and the erratum saying so. */
  firmwareRange?: { min: number; max: number; erratum?: string };
}

export interface StringDomain {
  kind: 'string';
  /** Longest value the spec allows, in bytes (e.g. hostname 128). */
  maxBytes?: number;
  /** Longest value the firmware accepts when it differs (e.g. hostname 127, erratum E11). */
  firmwareMaxBytes?: number;
  /** 'hex': even count of [0-9A-Fa-f]. */
  format?: 'hex' | 'hostname' | 'ip' | 'text';
}

export interface ParameterSpec {
  name: string;
  wire: WireType;
  domain: IntegerDomain | StringDomain;
  /** Absent in the syntax's brackets. */
  optional?: boolean;
  /** Value the firmware uses when the parameter is omitted. */
  default?: number | string;
  /** Only meaningful when another parameter has a value, e.g. data only in modes 0 and 1. */
  requiredWhen?: { parameter: string; values: readonly number[] };
  /** Another wire type/domain when another parameter has a value (e.g. hex data in mode 1). */
  variants?: readonly ParameterVariant[];
  /** Errata (ids) that concern this parameter. */
  errata?: readonly string[];
  doc: string;
}

export interface ParameterVariant {
  when: { parameter: string; values: readonly number[] };
  wire: WireType;
  domain: IntegerDomain | StringDomain;
  doc: string;
}

/** One field of a response line as it appears between the commas. */
export type FieldKind =
  | 'integer'      // 0, -5, 258
  | 'quoted'       // "192.168.0.1"
  | 'bare'         // unquoted token, e.g. a hostname or 0xc02b in #XSSOCKETOPT get
  | 'literal';     // an exact token the line must carry, e.g. (1,2) or <handle> in test responses

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** For 'integer': allowed values and/or range. */
  domain?: IntegerDomain;
  /** For 'literal': the exact token. */
  literal?: string;
  /** For 'quoted'/'bare': a regular expression (source) the text must match. */
  pattern?: string;
  /** Zero or more trailing occurrences (e.g. the polled handles of #XAPOLL?). */
  repeated?: boolean;
  doc?: string;
}

/** A raw payload that follows a response line, counted in bytes (firmware-notes §5). */
export interface PayloadSpec {
  /** Field holding the byte count. */
  sizeField: string;
  /** Field holding the mode; mode 1 means 2*size uppercase hex characters. */
  modeField: string;
}

export interface ResponseShape {
  /** Unique id, e.g. 'XSOCKET.set', 'XAPOLL.urc'. Also the JSON Schema's $id suffix. */
  id: string;
  /** Line prefix including '#', e.g. '#XSOCKET'. The line is `<prefix>: <fields>`. */
  prefix: string;
  form: Form | 'urc' | 'exit';
  fields: readonly FieldSpec[];
  /** The form may print this line more than once (e.g. #XCLOSE with no handle, #XSOCKET?). */
  multiple?: boolean;
  payload?: PayloadSpec;
  /** Errata (ids) that explain where a device may differ from the spec on this line. */
  errata?: readonly string[];
  doc: string;
}

export type FormSpec =
  | {
      supported: true;
      /** Syntax exactly as the spec prints it, e.g. '#XSOCKET=<op>,<type>,<role>[,<cid>]'. */
      syntax: string;
      parameters: readonly ParameterSpec[];
      /** Information lines this form may answer with (none: OK only). */
      responses: readonly ResponseShape[];
      requirement: string;
    }
  | { supported: false; requirement: string };

export interface CommandSpec {
  /** '#XSOCKET' */
  name: string;
  /** Section title in the spec, e.g. 'Socket #XSOCKET'. */
  title: string;
  /** Position in the spec (1-based), for ordering features and reports. */
  order: number;
  summary: string;
  forms: Record<Form, FormSpec>;
  /** URC or exit lines the command causes outside its own response. */
  unsolicited?: readonly ResponseShape[];
  /** The set form enters data mode when this parameter has one of these values. */
  dataMode?: { parameter: string; values: readonly number[] };
}

export interface Erratum {
  id: `E${number}`;
  /** The spec text the erratum concerns, quoted. */
  specText: string;
  /** Command(s) it concerns, e.g. ['#XSOCKET']; empty for page-wide statements. */
  commands: readonly string[];
  firmware: string;
  /** Example ids the erratum explains, if any. */
  examples?: readonly string[];
  /** Whether a device's wire output can show it (otherwise it is documentation only). */
  observable: boolean;
}

/** One spec example: a command line and the device's lines, exactly as the spec prints them. */
export interface SpecExample {
  /** 'XSOCKET-1', numbered in spec order per command. */
  id: string;
  /** The command whose spec section shows the example (the id's prefix), e.g. '#XAPOLL'. */
  section: string;
  /** The command the line invokes, e.g. '#XSOCKET' for AT#XSOCKET=1,1,0 in the #XAPOLL example. */
  command: string;
  form: Form;
  /** The command line as printed, e.g. 'AT#XSOCKET=1,1,0'. */
  line: string;
  /** The device's lines as printed, blank lines dropped, e.g. ['#XSOCKET: 0,1,6', 'OK']. */
  response: readonly string[];
  /** Raw payload text following a #XRECV/#XRECVFROM header in the example, if any. */
  payload?: string;
  /** Lines between this command and the next that the spec shows as unsolicited. */
  urcs?: readonly string[];
  /** Lines the host writes in data mode after the command's OK (e.g. text, then '+++'). */
  dataModeInput?: readonly string[];
  /** Errata that make the example deviate from syntax or firmware. */
  errata?: readonly string[];
}
