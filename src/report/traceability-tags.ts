// What a scenario's tags say it covers (design: Verdicts): `@XSEND` the command, `@set`,
// `@read` or `@test` the form, `@example:XSEND-2` spec examples, `@erratum:E15` errata,
// `@negative` a bad-input case. Read once here for every report.

import { commandByName } from '../catalogue/catalogue.ts';
import type { Form } from '../catalogue/types.ts';

export interface Traceability {
  /** '#XSEND', when a tag names a catalogue command. */
  command?: string;
  form?: Form;
  examples: string[];
  errata: string[];
  negative: boolean;
}

const FORMS: ReadonlySet<string> = new Set(['set', 'read', 'test']);

export function traceabilityOf(tags: readonly string[]): Traceability {
  const trace: Traceability = { examples: [], errata: [], negative: false };
  for (const tag of tags) {
    const name = tag.startsWith('@') ? tag.slice(1) : tag;
    const example = /^example:(.+)$/.exec(name)?.[1];
    const erratum = /^erratum:(.+)$/.exec(name)?.[1];
    if (example !== undefined) pushOnce(trace.examples, example);
    else if (erratum !== undefined) pushOnce(trace.errata, erratum);
    else if (name === 'negative') trace.negative = true;
    else if (FORMS.has(name)) trace.form ??= name as Form;
    else if (trace.command === undefined && commandByName(`#${name}`)) trace.command = `#${name}`;
  }
  return trace;
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
