// What a failed check reports: where (the field's JSON pointer), the rule in words, what
// was observed, and one readable sentence. Findings come from two stages: 'syntax' (the line
// could not be read into the shape's fields) and 'schema' (ajv refused a field's value).

export interface SchemaFinding {
  /** The response shape checked, e.g. 'XSOCKET.set'. */
  shapeId: string;
  /** JSON pointer into the parsed line: '/protocol', '/handles/1', '/command'; '' for the line as a whole. */
  path: string;
  /** The field's name, when the finding concerns one field. */
  field?: string;
  stage: 'syntax' | 'schema';
  /** The rule in words, e.g. 'one of 0, 6, 17'. */
  expected: string;
  /** The value or text observed (undefined when the field is missing). */
  observed: unknown;
  /** What is wrong when that is more than "not as expected", e.g. 'a space after the value'. */
  problem?: string;
  /** The ajv keyword that failed (schema stage), e.g. 'enum'. */
  keyword?: string;
  /** 1-based column in the line (syntax stage). */
  column?: number;
  message: string;
}

function describeObserved(observed: unknown): string {
  return observed === undefined ? 'nothing' : JSON.stringify(observed);
}

/** Builds a finding with its readable message from the structured parts. */
export function finding(parts: Omit<SchemaFinding, 'message'>): SchemaFinding {
  const where = parts.path === '' ? 'line' : parts.path;
  const column = parts.column === undefined ? '' : ` (column ${parts.column})`;
  const problem = parts.problem ? `${parts.problem}; ` : '';
  const message = `${parts.shapeId} ${where}${column}: ${problem}expected ${parts.expected}, observed ${describeObserved(parts.observed)}`;
  return { ...parts, message };
}
