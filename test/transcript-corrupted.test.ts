import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, FindingVerdict, RuleId } from '../src/transcript/finding.ts';
import { validateBytes } from '../src/transcript/validation.ts';
import { terminalLog, transcriptOf, type WireStep } from './transcript-fixtures.ts';

const OPEN = ['AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,6', 'OK'];

function openSockets(count: number): string[] {
  return Array.from({ length: count }, (_, handle) => ['AT#XSOCKET=1,2,0', `#XSOCKET: ${handle},2,17`, 'OK']).flat();
}

interface Case {
  name: string;
  lines: string[];
  expect: { rule: RuleId; line: number; verdict: FindingVerdict; erratum?: string };
  maxSockets?: number;
}

/** Each log is a valid session with one thing broken; the finding must point at that line. */
const CASES: Case[] = [
  { name: 'wrong field value', lines: ['AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,7', 'OK'], expect: { rule: 'response.line', line: 2, verdict: 'FAIL' } },
  { name: 'missing field', lines: ['AT#XCONNECT=0,"192.168.0.1",1234', '#XCONNECT: 0', 'OK'], expect: { rule: 'response.line', line: 2, verdict: 'FAIL' } },
  { name: 'line of another command', lines: [...OPEN, 'AT#XBIND=0,1234', '#XSOCKET: 0,1,6', 'OK'], expect: { rule: 'response.line', line: 5, verdict: 'FAIL' } },
  { name: 'missing OK', lines: ['AT#XSOCKET=1,1,0', '#XSOCKET: 0,1,6', 'AT#XBIND=0,1234', 'OK'], expect: { rule: 'response.final', line: 1, verdict: 'FAIL' } },
  { name: 'missing OK at the end of the log', lines: [...OPEN, 'AT#XCLOSE=0', '#XCLOSE: 0,0'], expect: { rule: 'response.final', line: 4, verdict: 'FAIL' } },
  { name: 'two final result codes', lines: ['AT#XBIND=0,1234', 'OK', 'OK'], expect: { rule: 'response.final', line: 3, verdict: 'FAIL' } },
  { name: 'URC inside a response', lines: [...OPEN, 'AT#XAPOLL=1,4', 'OK', 'AT#XSEND=0,0,0,"hi"', '#XSEND: 0,2', '#XAPOLL: 0,4', 'OK'], expect: { rule: 'urc.inside-response', line: 8, verdict: 'FAIL' } },
  { name: 'short payload', lines: [...OPEN, 'AT#XRECV=0,0,0,10', '#XRECV: 0,0,9', 'Test OK', 'OK'], expect: { rule: 'payload.size', line: 6, verdict: 'FAIL' } },
  { name: 'long payload', lines: [...OPEN, 'AT#XRECV=0,0,0,10', '#XRECV: 0,0,4', 'Test OK', 'OK'], expect: { rule: 'payload.size', line: 6, verdict: 'FAIL' } },
  { name: 'hex payload that is not hex', lines: [...OPEN, 'AT#XRECV=0,1,0,10', '#XRECV: 0,1,2', 'zz!!', 'OK'], expect: { rule: 'payload.hex', line: 6, verdict: 'FAIL' } },
  { name: 'handle used after close', lines: [...OPEN, 'AT#XCLOSE=0', '#XCLOSE: 0,0', 'OK', 'AT#XSEND=0,0,0,"x"', '#XSEND: 0,1', 'OK'], expect: { rule: 'state.handle', line: 7, verdict: 'FAIL' } },
  { name: 'handle used after close all', lines: [...OPEN, 'AT#XCLOSE', '#XCLOSE: 0,0', 'OK', 'AT#XBIND=0,1234', 'OK'], expect: { rule: 'state.handle', line: 7, verdict: 'FAIL' } },
  { name: 'device returns a handle that is open', lines: [...OPEN, ...OPEN], expect: { rule: 'state.handle', line: 6, verdict: 'FAIL' } },
  { name: '9th socket', lines: openSockets(9), expect: { rule: 'state.socket-limit', line: 27, verdict: 'FAIL' } },
  { name: '8th socket with --max-sockets 7', lines: openSockets(8), maxSockets: 7, expect: { rule: 'state.socket-limit', line: 24, verdict: 'FAIL' } },
  { name: '8th socket refused (the firmware holds 7)', lines: [...openSockets(7), 'AT#XSOCKET=1,2,0', 'ERROR'], expect: { rule: 'state.socket-limit', line: 22, verdict: 'NON-STRICT', erratum: 'E1' } },
  { name: 'role the firmware stores beyond the spec (E24) shown by #XSOCKET?', lines: ['AT#XSOCKET=1,1,2', '#XSOCKET: 0,1,6', 'OK', 'AT#XSOCKET?', '#XSOCKET: 0,1,2,1,0', 'OK'], expect: { rule: 'response.line', line: 5, verdict: 'NON-STRICT', erratum: 'E24' } },
  { name: 'role beyond even the firmware range', lines: [...OPEN, 'AT#XSOCKET?', '#XSOCKET: 0,1,70000,1,0', 'OK'], expect: { rule: 'response.line', line: 5, verdict: 'FAIL' } },
  { name: 'WAITALL on #XRECVFROM, which its flags list omits (E14)', lines: ['AT#XSOCKET=1,2,0', '#XSOCKET: 0,2,17', 'OK', 'AT#XRECVFROM=0,0,256,5', 'OK'], expect: { rule: 'command.parameter-domain', line: 4, verdict: 'NON-STRICT', erratum: 'E14' } },
  { name: 'URC for a socket not polled', lines: [...OPEN, 'AT#XAPOLL=1,4,0', 'OK', '#XAPOLL: 3,4'], expect: { rule: 'urc.not-polled', line: 6, verdict: 'FAIL' } },
  { name: 'URC after polling stopped', lines: [...OPEN, 'AT#XAPOLL=1,4', 'OK', 'AT#XAPOLL=0', 'OK', '#XAPOLL: 0,4'], expect: { rule: 'urc.not-polled', line: 8, verdict: 'FAIL' } },
  { name: 'URC for an event not polled', lines: [...OPEN, 'AT#XAPOLL=1,4', 'OK', '#XAPOLL: 0,1'], expect: { rule: 'urc.not-polled', line: 6, verdict: 'FAIL' } },
  { name: 'URC after a hang-up', lines: [...OPEN, 'AT#XAPOLL=1,5', 'OK', '#XAPOLL: 0,17', '#XAPOLL: 0,4'], expect: { rule: 'urc.not-polled', line: 7, verdict: 'FAIL' } },
  { name: 'URC after close', lines: [...OPEN, 'AT#XAPOLL=1,5', 'OK', 'AT#XCLOSE=0', '#XCLOSE: 0,0', 'OK', '#XAPOLL: 0,16'], expect: { rule: 'urc.not-polled', line: 9, verdict: 'FAIL' } },
  { name: 'information line outside a response', lines: [...OPEN, '#XCONNECT: 0,1'], expect: { rule: 'response.unsolicited', line: 4, verdict: 'FAIL' } },
  { name: 'data mode entered with an information line', lines: [...OPEN, 'AT#XSEND=0,2,0', '#XSEND: 0,0', 'OK', 'hello', '+++', '#XDATAMODE: 0'], expect: { rule: 'datamode.entry', line: 6, verdict: 'FAIL' } },
  { name: 'device output in data mode', lines: [...OPEN, 'AT#XSEND=0,2,0', 'OK', 'hello', '<- #XAPOLL: 0,4', '+++', '#XDATAMODE: 0'], expect: { rule: 'datamode.device-output', line: 7, verdict: 'FAIL' } },
  { name: '#XDATAMODE outside data mode', lines: [...OPEN, '#XDATAMODE: 0'], expect: { rule: 'datamode.exit', line: 4, verdict: 'FAIL' } },
  { name: 'invalid command accepted', lines: ['AT#XSOCKET=1,1', '#XSOCKET: 0,1,6', 'OK'], expect: { rule: 'command.parameter-count', line: 1, verdict: 'FAIL' } },
  { name: 'invalid command refused (a negative test)', lines: ['AT#XSOCKET=1,9,0', 'ERROR'], expect: { rule: 'command.parameter-domain', line: 1, verdict: 'WARN' } },
  { name: 'integer parameter given as a string', lines: ['AT#XBIND=0,"1234"', 'OK'], expect: { rule: 'command.parameter-type', line: 1, verdict: 'FAIL' } },
  { name: 'role outside the spec, accepted as the firmware does', lines: ['AT#XSOCKET=1,1,5', '#XSOCKET: 0,1,6', 'OK'], expect: { rule: 'command.parameter-domain', line: 1, verdict: 'NON-STRICT', erratum: 'E24' } },
  { name: 'unsupported form answered OK', lines: ['AT#XCLOSE?', 'OK'], expect: { rule: 'command.form', line: 1, verdict: 'FAIL' } },
  { name: 'hostname the firmware refuses', lines: [`AT#XCONNECT=0,"${'h'.repeat(128)}",80`, 'ERROR'], expect: { rule: 'command.parameter-domain', line: 1, verdict: 'NON-STRICT', erratum: 'E11' } },
  { name: 'send line before ERROR', lines: [...OPEN, 'AT#XSEND=0,0,0,"x"', '#XSEND: 0,0', 'ERROR'], expect: { rule: 'response.error-after-line', line: 6, verdict: 'NON-STRICT', erratum: 'E12' } },
  { name: 'not an AT command line', lines: ['AT#XSOCKET =1,1,0', 'OK'], expect: { rule: 'command.syntax', line: 1, verdict: 'FAIL' } },
];

function describe(findings: readonly Finding[]): string {
  return findings.map((finding) => `  line ${finding.line} ${finding.verdict} ${finding.rule} [${finding.erratum ?? ''}] ${finding.message}`).join('\n');
}

function assertFinds(findings: readonly Finding[], { expect, name }: Case): void {
  const match = findings.find((finding) => finding.rule === expect.rule && finding.line === expect.line && finding.verdict === expect.verdict);
  assert.ok(match, `${name}: expected ${expect.verdict} ${expect.rule} at line ${expect.line}, got\n${describe(findings)}`);
  if (expect.erratum) assert.equal(match.erratum, expect.erratum, name);
}

test('the uncorrupted sessions the cases start from validate clean', () => {
  for (const lines of [OPEN, openSockets(8), [...OPEN, 'AT#XAPOLL=1,5', 'OK', '#XAPOLL: 0,4', 'AT#XSEND=0,2,0', 'OK', 'hello', '+++', '#XDATAMODE: 0', 'AT#XCLOSE=0', '#XCLOSE: 0,0', 'OK']]) {
    const { findings } = validateBytes(terminalLog(lines));
    assert.deepEqual(findings, [], describe(findings));
  }
});

test('each corrupted terminal log yields its finding at the right line', () => {
  for (const entry of CASES) {
    const { findings } = validateBytes(terminalLog(entry.lines), { ...(entry.maxSockets ? { maxSockets: entry.maxSockets } : {}) });
    assertFinds(findings, entry);
  }
});

/**
 * The same session as a transcript of the wire; each wire record gets its own line (header
 * lines: 2). Data mode starts at the OK after a mode-2 send; `<- ` marks a device line in it.
 */
function wireOf(lines: readonly string[]): WireStep[] {
  let dataMode: 'off' | 'entering' | 'on' = 'off';
  return lines.map((line): WireStep => {
    if (line.startsWith('<- ')) return { rx: `\r\n${line.slice(3)}\r\n` };
    if (dataMode === 'on') {
      if (line === '+++') dataMode = 'off';
      return { tx: line };
    }
    if (line.startsWith('AT')) {
      dataMode = /^AT#XSEND=\d+,2,/.test(line) ? 'entering' : 'off';
      return { tx: `${line}\r` };
    }
    if (dataMode === 'entering' && line === 'OK') dataMode = 'on';
    return { rx: `\r\n${line}\r\n` };
  });
}

test('each corrupted transcript yields its finding at the right record line', async () => {
  const payloadCases = new Set(['short payload', 'long payload', 'hex payload that is not hex']);
  for (const entry of CASES.filter((each) => !payloadCases.has(each.name))) {
    const { findings } = validateBytes(await transcriptOf(wireOf(entry.lines)), { ...(entry.maxSockets ? { maxSockets: entry.maxSockets } : {}) });
    // Line 1 is the header and line 2 the metadata; record n is on line n + 2.
    assertFinds(findings, { ...entry, expect: { ...entry.expect, line: entry.expect.line + 2 } });
  }
});

test('a payload of the wrong size on the wire is found by the framing around it', async () => {
  const head: WireStep[] = [{ tx: 'AT#XRECV=0,0,0,10\r' }, { rx: '\r\n#XRECV: 0,0,9\r\n' }];
  const short = validateBytes(await transcriptOf([...head, { rx: 'Test OK' }, { rx: '\r\nOK\r\n' }]));
  assert.deepEqual(short.findings.map((finding) => [finding.rule, finding.verdict, finding.line]), [['payload.size', 'FAIL', 6]], describe(short.findings));
  const long = validateBytes(await transcriptOf([{ tx: 'AT#XRECV=0,0,0,10\r' }, { rx: '\r\n#XRECV: 0,0,5\r\n' }, { rx: 'Test OK' }, { rx: '\r\nOK\r\n' }]));
  assert.ok(long.findings.some((finding) => finding.rule === 'payload.size'), describe(long.findings));
  const exact = validateBytes(await transcriptOf([{ tx: 'AT#XRECV=0,0,0,10\r' }, { rx: '\r\n#XRECV: 0,0,8\r\n' }, { rx: 'Test\r\nOK' }, { rx: '\r\nOK\r\n' }]));
  assert.deepEqual(exact.findings, [], 'a payload holding CRLF and OK is counted, not scanned');
});

test('a reset record ends the session: handles from before it are closed', async () => {
  const text = await transcriptOf(wireOf(OPEN), (writer) => {
    writer.reset('emulator restarted', 5000);
    writer.tx(Buffer.from('AT#XBIND=0,1234\r'), 6000);
    writer.rx(Buffer.from('\r\nOK\r\n'), 7000);
  });
  const { findings } = validateBytes(text);
  assert.deepEqual(findings.map((finding) => [finding.rule, finding.line]), [['state.handle', 7]]);
});
