// Acceptance: malformed variants of real response lines are rejected, and the finding
// names the field (its JSON pointer) and says what was wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResponseLine, type ShapeForm } from '../src/schemas/response-check.ts';

interface Variant {
  what: string;
  line: string;
  command: string;
  form: ShapeForm;
  /** The finding's path; the message must carry it too. */
  path: string;
  /** Words the message must contain. */
  says: RegExp;
}

const VARIANTS: readonly Variant[] = [
  // wrong field count
  { what: 'a field missing', line: '#XSOCKET: 0,1', command: '#XSOCKET', form: 'set', path: '/protocol', says: /missing \(the line has 2 fields/ },
  { what: 'a field too many', line: '#XSOCKET: 0,1,6,7', command: '#XSOCKET', form: 'set', path: '', says: /unexpected 4th field/ },
  { what: 'a test response one placeholder short', line: '#XSOCKET: <handle>,(1,2),(1,2,3),(0,1)', command: '#XSOCKET', form: 'test', path: '/cid', says: /missing.*expected exactly <cid>/ },
  { what: 'a receive header without its size', line: '#XRECV: 0,0', command: '#XRECV', form: 'set', path: '/size', says: /missing/ },
  // out-of-domain values
  { what: 'an unknown protocol', line: '#XSOCKET: 0,1,7', command: '#XSOCKET', form: 'set', path: '/protocol', says: /expected one of 0, 6, 17, observed 7/ },
  { what: 'a TCP protocol on a secure socket', line: '#XSSOCKET: 0,1,6', command: '#XSSOCKET', form: 'set', path: '/protocol', says: /one of 258, 273, observed 6/ },
  { what: 'a negative handle in the socket list', line: '#XSOCKET: -1,1,0,1,0', command: '#XSOCKET', form: 'read', path: '/handle', says: /an integer of at least 0, observed -1/ },
  { what: 'a cid above 10', line: '#XSOCKET: 0,1,0,1,11', command: '#XSOCKET', form: 'read', path: '/cid', says: /an integer from 0 to 10, observed 11/ },
  { what: 'a receive mode 2', line: '#XRECV: 0,2,5', command: '#XRECV', form: 'set', path: '/mode', says: /one of 0, 1, observed 2/ },
  { what: 'a receive size above 2048', line: '#XRECV: 0,0,4096', command: '#XRECV', form: 'set', path: '/size', says: /from 0 to 2048, observed 4096/ },
  { what: 'a port above 65535', line: '#XRECVFROM: 0,0,7,"192.168.1.100",70000', command: '#XRECVFROM', form: 'set', path: '/port', says: /from 0 to 65535/ },
  { what: 'a list that differs from the spec', line: '#XSOCKET: <handle>,(1,2),(1,2),(0,1),<cid>', command: '#XSOCKET', form: 'test', path: '/types', says: /exactly \(1,2,3\), observed "\(1,2\)"/ },
  { what: 'a peer address that is not an address', line: '#XACCEPT: 1,"server"', command: '#XACCEPT', form: 'set', path: '/ip_addr', says: /a quoted string matching/ },
  { what: 'a polled handle that is negative', line: '#XAPOLL: 1,1,0,-2', command: '#XAPOLL', form: 'read', path: '/handle/1', says: /at least 0, observed -2/ },
  // unquoted where quoted is required, and the reverse
  { what: 'an unquoted address list', line: '#XGETADDRINFO: 1.2.3.4', command: '#XGETADDRINFO', form: 'set', path: '/ip_addresses', says: /unquoted text where a quoted string is required/ },
  { what: 'an unquoted peer address', line: '#XRECVFROM: 0,0,7,192.168.1.100,24210', command: '#XRECVFROM', form: 'set', path: '/ip_addr', says: /quoted string is required/ },
  { what: 'a quoted status', line: '#XCONNECT: 0,"1"', command: '#XCONNECT', form: 'set', path: '/status', says: /a quoted string where an integer is required/ },
  { what: 'an unterminated quoted string', line: '#XGETADDRINFO: "142.251.42.142', command: '#XGETADDRINFO', form: 'set', path: '/ip_addresses', says: /unterminated quoted string/ },
  // stray spaces and framing
  { what: 'two spaces after the colon', line: '#XSOCKET:  0,1,6', command: '#XSOCKET', form: 'set', path: '/handle', says: /2 spaces after ':'/ },
  { what: 'no space after the colon', line: '#XCLOSE:0,0', command: '#XCLOSE', form: 'set', path: '/handle', says: /no space after ':'/ },
  { what: 'a space before a comma', line: '#XSOCKET: 0 ,1,6', command: '#XSOCKET', form: 'set', path: '/handle', says: /a space after the value/ },
  { what: 'a space after a comma', line: '#XSEND: 0, 8', command: '#XSEND', form: 'set', path: '/size', says: /a space before the value/ },
  { what: 'a trailing space', line: '#XCONNECT: 0,1 ', command: '#XCONNECT', form: 'set', path: '/status', says: /a space after the value/ },
  { what: 'a CR left on the line', line: '#XSENDTO: 0,8\r', command: '#XSENDTO', form: 'set', path: '/size', says: /control character 0x0d/ },
  { what: 'an empty field', line: '#XSOCKET: 0,,6', command: '#XSOCKET', form: 'set', path: '/type', says: /an empty field where an integer is required/ },
  { what: 'a trailing comma after the polled handles', line: '#XAPOLL: 1,1,0,', command: '#XAPOLL', form: 'read', path: '/handle/1', says: /an empty field/ },
  // the prefix
  { what: 'a lowercase command', line: '#xsocket: 0,1,6', command: '#XSOCKET', form: 'set', path: '/command', says: /the prefix must be uppercase \(#XSOCKET\)/ },
  { what: 'no colon after the prefix', line: '#XSOCKETOPT 0,30', command: '#XSOCKETOPT', form: 'set', path: '/command', says: /no ':' after the prefix, so no response shape fits; expected a line starting with "#XSOCKETOPT: "/ },
  { what: 'a line of another command', line: '#XSEND: 0,8', command: '#XSOCKET', form: 'set', path: '/command', says: /no response shape for this line; expected a line starting with "#XSOCKET: "/ },
  { what: 'an information line where the form answers OK alone', line: '#XBIND: 0,1234', command: '#XBIND', form: 'set', path: '/command', says: /no information line/ },
  // integer spelling
  { what: 'a letter for a handle', line: '#XSOCKET: a,1,6', command: '#XSOCKET', form: 'set', path: '/handle', says: /not an integer/ },
  { what: 'a leading zero', line: '#XSOCKET: 01,1,6', command: '#XSOCKET', form: 'set', path: '/handle', says: /a leading zero/ },
  { what: 'a plus sign', line: '#XSEND: 0,+8', command: '#XSEND', form: 'set', path: '/size', says: /'\+' sign/ },
  { what: 'minus zero', line: '#XCLOSE: 0,-0', command: '#XCLOSE', form: 'set', path: '/result', says: /'-0' is not an integer/ },
  { what: 'a hex number where a decimal is printed', line: '#XSOCKETOPT: 0,0x1e', command: '#XSOCKETOPT', form: 'set', path: '/value', says: /not an integer/ },
];

test('the table holds at least 15 malformed variants across several commands', () => {
  assert.ok(VARIANTS.length >= 15);
  assert.ok(new Set(VARIANTS.map((variant) => variant.command)).size >= 8);
});

for (const variant of VARIANTS) {
  test(`rejected: ${variant.what} (${JSON.stringify(variant.line)})`, () => {
    const result = checkResponseLine(variant.line, { command: variant.command, form: variant.form });
    assert.equal(result.ok, false);
    const messages = result.findings.map((finding) => finding.message);
    const finding = result.findings.find((each) => each.path === variant.path);
    assert.ok(finding, `a finding at "${variant.path}" among: ${messages.join(' | ')}`);
    assert.match(finding.message, variant.says);
    if (variant.path) assert.ok(finding.message.includes(` ${variant.path}`), finding.message);
    assert.ok(finding.expected.length > 0);
  });
}
