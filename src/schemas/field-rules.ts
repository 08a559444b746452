// The rule a response field must follow, in words, for findings and reports
// ("one of 0, 6, 17", "an integer from 0 to 10", "a quoted string matching /^.../").
// Written from the same FieldSpec the JSON Schema is generated from, so the words and
// the schema cannot disagree.

import type { FieldSpec, IntegerDomain } from '../catalogue/types.ts';

function integerRule(domain: IntegerDomain | undefined): string {
  const values = domain?.values;
  const min = domain?.min;
  const max = domain?.max;
  const bounds =
    min !== undefined && max !== undefined ? `from ${min} to ${max}`
      : min !== undefined ? `of at least ${min}`
        : max !== undefined ? `of at most ${max}`
          : '';
  if (values && values.length > 0) {
    const listed = `one of ${values.map((entry) => entry.value).join(', ')}`;
    return bounds ? `${listed} (an integer ${bounds})` : listed;
  }
  return bounds ? `an integer ${bounds}` : 'an integer';
}

/** The rule for one occurrence of the field (one item, for a repeated field). */
export function occurrenceRule(field: FieldSpec): string {
  switch (field.kind) {
    case 'integer':
      return integerRule(field.domain);
    case 'quoted':
      return field.pattern ? `a quoted string matching /${field.pattern}/` : 'a quoted string';
    case 'bare':
      return field.pattern ? `an unquoted token matching /${field.pattern}/` : 'an unquoted token';
    case 'literal':
      return `exactly ${field.literal ?? ''}`;
  }
}

export function fieldRule(field: FieldSpec): string {
  const rule = occurrenceRule(field);
  return field.repeated ? `zero or more trailing fields, each ${rule}` : rule;
}
