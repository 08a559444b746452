// Device output is data, not markup: every text that goes into an HTML or XML report
// passes through here. Control characters XML forbids (and that would garble a page) are
// shown as `\xHH` text, the way the wire log shows them.

const MARKUP = /[&<>"']/g;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const FORBIDDEN_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]/g;

/** Text safe inside an HTML or XML element or a quoted attribute value. */
export function escapeMarkup(text: string): string {
  return text
    .replace(FORBIDDEN_CONTROL, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(MARKUP, (character) => ENTITY[character]!);
}
