// Named values a scenario captures from the device and reuses: `<handle>` in
// "Then the response is `#XSOCKET: <handle>,1,6`" takes whatever handle the device gave,
// and a later "When I send `AT#XCLOSE=<handle>`" sends that same number. Handles and
// ports are never hard-coded in features. A `<` that is not a placeholder is written `\<`
// (the firmware really prints `<0,1,4,5>` in #XAPOLL's test response).

const PLACEHOLDER = /\\<|<([A-Za-z][\w-]*)>/g;

/**
 * What a new name captures: one field, possibly empty, with no comma, no line end and no
 * space at either end (a handle is `0`, never ` 0`: a stray space is the device's
 * framing error, not part of a value).
 */
const CAPTURED_FIELD = '(?:[^,\\s](?:[^,\\r\\n]*[^,\\s])?)?';

export class Captures {
  private readonly values = new Map<string, string>();

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  /** The template with every placeholder replaced; an uncaptured name is an error naming it. */
  expand(template: string): string {
    return template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
      if (name === undefined) return '<';
      const value = this.values.get(name);
      if (value === undefined) throw new Error(`<${name}> has not been captured yet in this scenario`);
      return value;
    });
  }

  /**
   * Whether every observed line is its template, in order and with none left over.
   * All or nothing: a mismatch on a later line leaves no capture from an earlier one, so
   * a failed alternative (the spec's answer) cannot poison the next (an erratum's).
   */
  matchLines(templates: readonly string[], observed: readonly string[]): boolean {
    if (templates.length !== observed.length) return false;
    const trial = new Captures();
    for (const [name, value] of this.values) trial.set(name, value);
    if (!templates.every((template, index) => trial.match(template, observed[index]!))) return false;
    for (const [name, value] of trial.values) this.values.set(name, value);
    return true;
  }

  /**
   * Whether `observed` is the template with some values in place of its placeholders.
   * Captured names must equal their value; new names capture a field (CAPTURED_FIELD),
   * and a new name used twice must be the same both times. Captures only on a match.
   */
  match(template: string, observed: string): boolean {
    const fresh: string[] = [];
    let pattern = '';
    let last = 0;
    for (const found of template.matchAll(PLACEHOLDER)) {
      pattern += escapeRegExp(template.slice(last, found.index));
      last = found.index + found[0].length;
      const name = found[1];
      if (name === undefined) { pattern += '<'; continue; }
      const known = this.values.get(name);
      if (known !== undefined) pattern += escapeRegExp(known);
      else if (fresh.includes(name)) pattern += `\\k<${groupName(name)}>`;
      else { fresh.push(name); pattern += `(?<${groupName(name)}>${CAPTURED_FIELD})`; }
    }
    pattern += escapeRegExp(template.slice(last));
    const result = new RegExp(`^${pattern}$`, 'u').exec(observed);
    if (!result) return false;
    for (const name of fresh) this.values.set(name, result.groups![groupName(name)]!);
    return true;
  }
}

/** Regular-expression group names allow no '-'. */
function groupName(name: string): string {
  return `c_${name.replace(/-/g, '_')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
