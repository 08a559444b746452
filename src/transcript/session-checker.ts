// The rules of a whole session, applied in wire order: every command's line against the
// syntax, every device line against the response shapes of the command that was sent
// (checkResponseLine from src/schemas), exactly one final result code per command,
// payload sizes, URC placement, socket handles, #XAPOLL and data mode.
//
// Input comes from the two log formats through SessionDriver; device lines arrive as the
// AtReader classified them, so this file never frames bytes itself.

import type { AtEvent } from '../at/events.ts';
import { PAYLOAD_END_REASON } from '../at/at-reader.ts';
import { escapeBytes } from '../at/byte-escape.ts';
import { shapeById, shapesByPrefix, shapesFor } from '../catalogue/catalogue.ts';
import { shortened } from './shortened.ts';
import { dataModeCitation, fieldCitation, formCitation, FRAMING, POLL_URCS, shapeCitation, SOCKET_LIMIT, URC_ORDERING, type Citation } from './citation.ts';
import { ANSWER_RULES, type AnswerRule } from '../catalogue/answer-rules.ts';
import { effectiveDomain } from '../catalogue/parameter-domain.ts';
import type { CommandSpec, Form, ResponseShape } from '../catalogue/types.ts';
import { checkResponseLine, erratumExplainingCheck, type LineCheck, type ShapeForm } from '../schemas/index.ts';
import { checkCommandLine, verdictFor, type CheckedCommand, type CommandIssue } from './command-check.ts';
import { erratumQuoting, LINE_BEFORE_ERROR_ERRATUM, SOCKET_TABLE_ERRATUM } from './errata-quotes.ts';
import type { Finding, FindingSink, FindingVerdict, RuleId } from './finding.ts';
import { SocketState } from './socket-state.ts';
import { BoundedMemo } from './bounded-memo.ts';

export interface SessionOptions {
  /** Most sockets open at once: the spec's 8 (default), or 7 for the firmware's table (E1). */
  maxSockets?: number;
}

const DATA_MODE = dataModeCitation();
const OPENING_SHAPES = new Set(['XSOCKET.set', 'XSSOCKET.set']);
const NO_ISSUES: CommandIssue[] = [];
/** Both checks are pure functions of their text, and the results are only read. */
const commandChecks = new BoundedMemo(checkCommandLine);
/**
 * One memo per (command, form) context, keyed by the line itself (no key to build per
 * line). Only a few dozen contexts exist; each memo is small so all together stay bounded.
 * Found by command, then form: no key is built per command either.
 */
const lineChecksByContext = new Map<string | undefined, Map<ShapeForm, BoundedMemo<LineCheck>>>();

/** The response-line checks of one context (a command's form, or URC/exit lines). */
function lineChecksFor(command: string | undefined, form: ShapeForm): BoundedMemo<LineCheck> {
  let byForm = lineChecksByContext.get(command);
  if (!byForm) {
    byForm = new Map();
    lineChecksByContext.set(command, byForm);
  }
  let memo = byForm.get(form);
  if (!memo) {
    const context = { ...(command ? { command } : {}), form };
    memo = new BoundedMemo((line: string) => checkResponseLine(line, context), 128);
    byForm.set(form, memo);
  }
  return memo;
}

const urcChecks = lineChecksFor(undefined, 'urc');

interface PendingCommand {
  checked: CheckedCommand;
  line: number;
  spec?: CommandSpec;
  form?: Form;
  /** Problems that depend on the session (closed handles), judged with the answer like syntax issues. */
  stateIssues: CommandIssue[];
  infoLines: number;
  /** Lines that matched no shape of the command (already reported). */
  rejectedLines: number;
  lastShape?: ResponseShape;
  /** Checks of this command's response lines, found on the first line. */
  lineChecks: BoundedMemo<LineCheck> | undefined;
  /** Shapes seen so far, made on the first line (most commands print one line or none). */
  shapesSeen: Set<string> | undefined;
  openedHandle?: number;
  entersDataMode: boolean;
  /**
   * The device has begun to answer (a line or payload of the response came). A URC before
   * that is not inside the response: the device flushed it after the previous answer while
   * the host was already writing this command (over a UART or pty the two cross).
   */
  begun: boolean;
  /** What follows from the command's own syntax fault (its answer's lines): told with it, not as more findings. */
  consequences: string[];
  /** A payload header that did not parse: its size is unknown, so the lines after it are not judged. */
  payloadHeaderLine?: number;
  unjudgedPayloadLines: number;
}

type DataMode =
  | { active: false }
  | { active: true; line: number; command: string; terminatorLine?: number };

export class SessionChecker {
  private readonly maxSockets: number;
  private readonly sockets = new SocketState();
  private pending: PendingCommand | undefined;
  private dataMode: DataMode = { active: false };
  private commandCount = 0;

  constructor(private readonly report: FindingSink, options: SessionOptions = {}) {
    this.maxSockets = options.maxSockets ?? 8;
  }

  get commands(): number {
    return this.commandCount;
  }

  get inDataMode(): boolean {
    return this.dataMode.active && this.dataMode.terminatorLine === undefined;
  }

  // ---- host side ----

  command(text: string, line: number): void {
    this.commandCount++;
    this.closeDataModeWithoutExit(line);
    if (this.pending) this.unanswered(this.pending, `no final result code before the next command (line ${line})`);
    const checked = commandChecks.get(text);
    const spec = checked.spec;
    const form = checked.invocation?.form;
    const dataMode = spec?.dataMode;
    const entersDataMode = form === 'set' && dataMode !== undefined && dataMode.values.includes(checked.values.get(dataMode.parameter) as number);
    this.pending = { checked, line, spec, form, stateIssues: this.handleIssues(checked, line), infoLines: 0, rejectedLines: 0, lineChecks: undefined, shapesSeen: undefined, entersDataMode, begun: false, consequences: [], unjudgedPayloadLines: 0 };
  }

  /** The host wrote the data-mode terminator. */
  terminator(line: number): void {
    if (this.dataMode.active) this.dataMode.terminatorLine = line;
  }

  // ---- device side ----

  device(event: AtEvent, line: number): void {
    switch (event.kind) {
      case 'echo':
        return;
      case 'framing-error':
        // A payload of the wrong size shows as a payload not followed by the final code's CRLF.
        if (event.reason === PAYLOAD_END_REASON) {
          this.add(line, 'payload.size', 'FAIL', this.pendingSection(), `the payload is not followed by the CRLF of the final result code: it was not the size its header announced (${printableExcerpt(event.raw)} follows)`);
        } else {
          this.add(line, 'framing', 'FAIL', FRAMING, event.reason);
        }
        return;
      case 'final':
        this.final(event.code === 'OK', event.text, line);
        return;
      case 'payload':
        this.payload(event.bytes, event.mode, event.header, line);
        return;
      case 'line':
      case 'urc':
        this.deviceLine(event.text, event.kind === 'urc', line);
    }
  }

  /** The device session restarted (a reset record, or `Ready`). */
  reset(line: number): void {
    if (this.pending) this.unanswered(this.pending, `no final result code before the device restarted (line ${line})`);
    this.sockets.reset(line);
    this.dataMode = { active: false };
  }

  end(line: number): void {
    if (this.pending) this.unanswered(this.pending, 'no final result code before the end of the log');
    this.closeDataModeWithoutExit(line);
    if (this.dataMode.active) {
      this.add(this.dataMode.line, 'datamode.exit', 'WARN', DATA_MODE, 'the log ends in data mode (no terminator written)');
    }
  }

  // ---- rules ----

  private handleIssues(checked: CheckedCommand, line: number): CommandIssue[] {
    if (checked.handles.length === 0) return NO_ISSUES;
    const issues: CommandIssue[] = [];
    for (const handle of checked.handles) {
      const closedLine = this.sockets.closedAt(handle);
      if (closedLine !== undefined) issues.push({ rule: 'state.handle', kind: 'invalid', message: `handle ${handle} is not open (closed at line ${closedLine})` });
      else this.sockets.adopt(handle, line);
    }
    return issues;
  }

  private final(accepted: boolean, text: string, line: number): void {
    if (this.dataMode.active) {
      this.add(line, 'datamode.device-output', 'FAIL', DATA_MODE, `'${text}' while in data mode (entered at line ${this.dataMode.line})`);
      return;
    }
    const pending = this.pending;
    if (!pending) {
      this.add(line, 'response.final', 'FAIL', FRAMING, `final result code ${text} with no command waiting for one`);
      return;
    }
    this.pending = undefined;
    this.judgeIssues(pending, accepted);
    if (pending.infoLines > 0 && !accepted) this.lineBeforeError(pending, line);
    if (accepted) this.applyAccepted(pending, line);
    else this.applyRefused(pending);
  }

  /**
   * One finding per command, however many of its parameters are wrong: the most severe
   * issue is the root, the others and what followed from it (lines of its answer that fit
   * no shape) are its context.
   */
  private judgeIssues(pending: PendingCommand, accepted: boolean): void {
    const { checked } = pending;
    // Most commands: nothing to judge (and no array of issues to build).
    if (checked.issues.length === 0 && pending.stateIssues.length === 0 && pending.unjudgedPayloadLines === 0) return;
    let root: { issue: CommandIssue; verdict: FindingVerdict } | undefined;
    const context: string[] = [];
    for (const issue of [...checked.issues, ...pending.stateIssues]) {
      const verdict = verdictFor(issue.kind, accepted);
      if (!verdict) continue;
      if (!root || SEVERITY[verdict] > SEVERITY[root.verdict]) {
        if (root) context.push(root.issue.message);
        root = { issue, verdict };
      } else {
        context.push(issue.message);
      }
    }
    if (pending.unjudgedPayloadLines > 0) {
      pending.consequences.push(`${pending.unjudgedPayloadLines} line(s) after the payload header at line ${pending.payloadHeaderLine} taken as its payload and not judged (its size is unknown)`);
    }
    if (!root) {
      // The header's own finding was made; the note says why the lines after it were not judged.
      if (pending.unjudgedPayloadLines > 0) this.add(pending.payloadHeaderLine!, 'response.line', 'WARN', formCitation(pending.spec, pending.form), `${shortened(checked.text)}: ${pending.consequences.at(-1)}`);
      return;
    }
    const { issue, verdict } = root;
    const answer = accepted ? 'the device accepted it' : 'the device refused it';
    const erratum = issue.erratum ?? (verdict === 'FAIL' ? erratumQuoting(checked.text) : undefined);
    const also = [...context, ...pending.consequences];
    const tail = also.length > 0 ? `; also ${also.join('; ')}` : '';
    this.add(pending.line, issue.rule, verdict, formCitation(pending.spec, pending.form), `${shortened(checked.text)}: ${issue.message}${tail}; ${answer}`, erratum);
  }

  private lineBeforeError(pending: PendingCommand, line: number): void {
    const shape = pending.lastShape;
    if (!shape || shape.id.endsWith('.failure')) return;
    const erratum = LINE_BEFORE_ERROR_ERRATUM[shape.id];
    const message = `${pending.checked.text}: an information line (${shape.prefix}) and then ERROR; the spec shows the line only on success`;
    this.add(line, 'response.error-after-line', erratum ? 'NON-STRICT' : 'WARN', formCitation(pending.spec, pending.form), message, erratum);
  }

  private applyAccepted(pending: PendingCommand, line: number): void {
    const { checked } = pending;
    const name = pending.spec?.name;
    if (pending.form !== 'set' || !name) return;
    const section = formCitation(pending.spec, pending.form);
    if (name === '#XSOCKET' || name === '#XSSOCKET') {
      const handle = pending.openedHandle;
      if (handle === undefined) {
        if (pending.rejectedLines > 0) return; // the line was there but malformed: reported already
        this.add(line, 'response.line', 'FAIL', section, `${checked.text}: OK without the ${name}: line that gives the new handle`);
        return;
      }
      const since = this.sockets.openedAt(handle);
      if (since !== undefined) this.add(line, 'state.handle', 'FAIL', section, `the device gave handle ${handle}, which is already open (since line ${since})`);
      this.sockets.opened(handle, pending.line, checked.values);
      if (this.sockets.openCount > this.maxSockets) {
        this.add(line, 'state.socket-limit', 'FAIL', SOCKET_LIMIT, `${this.sockets.openCount} sockets open; at most ${this.maxSockets} are allowed`);
      }
    } else if (name === '#XCLOSE' && !checked.values.has('handle')) {
      this.sockets.closeAll(line);
    } else if (name === '#XAPOLL') {
      this.applyPolling(checked, line);
    }
    if (pending.entersDataMode) {
      if (pending.infoLines > 0) this.add(line, 'datamode.entry', 'FAIL', DATA_MODE, `${checked.text}: data mode must be entered with OK alone, not after an information line`);
      this.dataMode = { active: true, line, command: name };
    }
  }

  private applyPolling(checked: CheckedCommand, line: number): void {
    const op = checked.values.get('op');
    if (op === 0) this.sockets.stopPolling(line);
    else if (op === 1) {
      const events = checked.values.get('events');
      this.sockets.startPolling(line, typeof events === 'number' ? events : 0, checked.handles);
    }
  }

  private applyRefused(pending: PendingCommand): void {
    const name = pending.spec?.name;
    const opening = pending.form === 'set' && (name === '#XSOCKET' || name === '#XSSOCKET');
    if (opening && pending.checked.issues.length === 0 && this.maxSockets === 8 && this.sockets.openCount === 7) {
      this.add(pending.line, 'state.socket-limit', 'NON-STRICT', SOCKET_LIMIT, `${pending.checked.text}: the 8th socket was refused; the firmware's table holds 7`, SOCKET_TABLE_ERRATUM);
    }
  }

  private unanswered(pending: PendingCommand, why: string): void {
    this.pending = undefined;
    this.add(pending.line, 'response.final', 'FAIL', formCitation(pending.spec, pending.form), `${pending.checked.text}: ${why}`);
    this.judgeIssues(pending, true);
  }

  private payload(bytes: Buffer, mode: 0 | 1, header: string, line: number): void {
    if (mode !== 1) return;
    const text = bytes.toString('latin1');
    if (/^[0-9A-F]*$/.test(text)) return;
    const lowercase = /^[0-9a-fA-F]*$/.test(text);
    this.add(line, 'payload.hex', lowercase ? 'WARN' : 'FAIL', this.pendingSection(),
      lowercase ? `hex payload after '${header}' uses lowercase digits (the firmware prints uppercase)` : `payload after '${header}' is not hex text`);
  }

  private deviceLine(text: string, unsolicited: boolean, line: number): void {
    if (text.startsWith('#XDATAMODE:')) return this.dataModeExit(text, line);
    if (this.dataMode.active) {
      this.add(line, 'datamode.device-output', 'FAIL', DATA_MODE, `'${text}' while in data mode (entered at line ${this.dataMode.line}); the device must stay silent until #XDATAMODE`);
      return;
    }
    if (text === 'Ready') return this.reset(line);
    const pending = this.pending;
    if (unsolicited || !pending) {
      if (pending?.begun) this.urcInsideResponse(pending, text, line);
      return this.unsolicitedLine(text, line);
    }
    if (!pending.spec || !pending.form) {
      pending.begun = true;
      return; // a command outside the catalogue: its lines are not ours to judge
    }
    const check = (pending.lineChecks ??= lineChecksFor(pending.spec.name, pending.form)).get(text);
    const shape = check.shapeId ? shapeById(check.shapeId) : undefined;
    if (check.ok && shape && shape.form === 'urc') {
      if (pending.begun) this.urcInsideResponse(pending, text, line);
      return this.pollEvent(check, line);
    }
    pending.begun = true;
    const firmwareErratum = shape ? erratumExplainingCheck(check) : undefined;
    if (firmwareErratum && shape) {
      this.add(line, 'response.line', 'NON-STRICT', shapeCitation(pending.spec, pending.form, shape), `'${text}' after ${pending.checked.text}: ${schemaMessage(check)}; the firmware prints it (${firmwareErratum})`, firmwareErratum);
    } else if (!check.ok || !shape) {
      pending.rejectedLines++;
      if (pending.payloadHeaderLine !== undefined && !text.startsWith('#')) {
        pending.unjudgedPayloadLines++;
        return;
      }
      if (carriesPayload(text)) pending.payloadHeaderLine = line;
      if (pending.checked.issues.some((issue) => issue.kind === 'invalid')) {
        const erratum = erratumQuoting(text);
        pending.consequences.push(`its answer '${shortened(text)}' (line ${line}) fits no shape${erratum ? ` (erratum ${erratum})` : ''}: ${schemaMessage(check)}`);
        return;
      }
      this.add(line, 'response.line', 'FAIL', shapeCitation(pending.spec, pending.form, shape ?? shapesFor(pending.spec.name, pending.form)[0]), `'${shortened(text)}' after ${shortened(pending.checked.text)}: ${schemaMessage(check)}`, erratumQuoting(text) ?? erratumQuoting(pending.checked.text));
      return;
    }
    pending.infoLines++;
    pending.lastShape = shape;
    const seen = (pending.shapesSeen ??= new Set());
    if (seen.has(shape.id) && !shape.multiple) {
      this.add(line, 'response.line-count', 'FAIL', formCitation(pending.spec, pending.form), `'${text}': ${shape.prefix} appears more than once in one response`);
    }
    seen.add(shape.id);
    this.checkAnswer(pending, shape, check, text, line);
    this.applyResponseLine(pending, shape, check, line);
  }

  private urcInsideResponse(pending: PendingCommand, text: string, line: number): void {
    this.add(line, 'urc.inside-response', 'FAIL', URC_ORDERING, `URC '${text}' inside the response to ${pending.checked.text} (line ${pending.line})`);
  }

  /** The line says what the request asked: echoed fields, derived fields, sizes (ANSWER_RULES). */
  private checkAnswer(pending: PendingCommand, shape: ResponseShape, check: LineCheck, text: string, line: number): void {
    const rules = ANSWER_RULES[shape.id];
    if (!rules || !check.value) return;
    const { values } = pending.checked;
    for (const rule of rules) {
      const observed = check.value[rule.field];
      if (typeof observed !== 'number') continue;
      const why = answerDeviation(rule, observed, values, pending, check.value['handle'], this.sockets);
      if (!why) continue;
      this.add(line, 'response.answer', 'FAIL', fieldCitation(pending.spec, pending.form, shape, rule.field), `'${shortened(text)}' answers ${shortened(pending.checked.text)} (line ${pending.line}): ${why}`);
      return; // one finding per line: the first field that disagrees
    }
  }

  private applyResponseLine(pending: PendingCommand, shape: ResponseShape, check: LineCheck, line: number): void {
    const handle = check.value?.['handle'];
    if (typeof handle !== 'number') return;
    if (OPENING_SHAPES.has(shape.id)) pending.openedHandle = handle;
    else if (shape.id === 'XCLOSE.set') this.sockets.closedHandle(handle, line);
  }

  private unsolicitedLine(text: string, line: number): void {
    const first = text.charCodeAt(0);
    if (first === 0x2b /* + */ || first === 0x25 /* % */) return; // the modem's own notifications (+CEREG, %XTIME): not ours to judge
    if (!text.startsWith('#X')) {
      this.add(line, 'response.unsolicited', 'FAIL', URC_ORDERING, `'${text}' outside any response: neither a URC nor a modem notification`);
      return;
    }
    const check = urcChecks.get(text);
    if (!check.shapeId) {
      this.add(line, 'response.unsolicited', 'FAIL', URC_ORDERING, `'${text}' outside any response, and it is not a URC`, erratumQuoting(text));
      return;
    }
    if (!check.ok) {
      this.add(line, 'response.unsolicited', 'FAIL', POLL_URCS, `URC '${text}': ${schemaMessage(check)}`, erratumQuoting(text));
      return;
    }
    this.pollEvent(check, line);
  }

  private pollEvent(check: LineCheck, line: number): void {
    const handle = check.value?.['handle'];
    const revents = check.value?.['revents'];
    if (typeof handle !== 'number' || typeof revents !== 'number') return;
    const why = this.sockets.unexpectedPollEvent(handle, revents, line);
    if (why) this.add(line, 'urc.not-polled', 'FAIL', POLL_URCS, `#XAPOLL: ${handle},${revents}: ${why}`);
  }

  private dataModeExit(text: string, line: number): void {
    const mode = this.dataMode;
    if (!mode.active) {
      this.add(line, 'datamode.exit', 'FAIL', DATA_MODE, `'${text}' outside data mode`);
      return;
    }
    this.dataMode = { active: false };
    if (mode.terminatorLine === undefined) {
      this.add(line, 'datamode.exit', 'WARN', DATA_MODE, `'${text}' before the host wrote the terminator: data mode failed on the device`);
    }
    const check = lineChecksFor(mode.command, 'exit').get(text);
    if (!check.ok) {
      this.add(line, 'response.line', 'FAIL', DATA_MODE, `'${text}': ${schemaMessage(check)}`);
      return;
    }
    const status = check.value?.['status'];
    if (typeof status === 'number' && status !== 0) this.add(line, 'datamode.exit', 'WARN', DATA_MODE, `data mode ended with status ${status} (an error)`);
  }

  /** The host went on after the terminator but the device never printed #XDATAMODE. */
  private closeDataModeWithoutExit(line: number): void {
    const mode = this.dataMode;
    if (!mode.active || mode.terminatorLine === undefined) return;
    this.dataMode = { active: false };
    const [exitShape] = shapesFor(mode.command, 'exit');
    const erratum = exitShape?.errata?.[0];
    this.add(mode.terminatorLine, 'datamode.exit', erratum ? 'NON-STRICT' : 'FAIL', DATA_MODE,
      `no ${exitShape?.prefix ?? '#XDATAMODE'} line after the terminator (before line ${line}); the firmware prints it, the spec's example leaves it out`, erratum);
  }

  private pendingSection(): Citation {
    return this.pending ? formCitation(this.pending.spec, this.pending.form) : FRAMING;
  }

  private add(line: number, rule: RuleId, verdict: FindingVerdict, cite: Citation, message: string, erratum?: string): void {
    const finding: Finding = { line, rule, verdict, section: cite.section, ...(cite.quote ? { quote: cite.quote } : {}), message, ...(erratum ? { erratum } : {}) };
    this.report(finding);
  }
}

function answerDeviation(rule: AnswerRule, observed: number, values: ReadonlyMap<string, number | string>, pending: PendingCommand, handle: unknown, sockets: SocketState): string | undefined {
  if ('asOpened' in rule) {
    const asked = typeof handle === 'number' ? sockets.openingOf(handle)?.get(rule.asOpened) : undefined;
    return typeof asked === 'number' && asked !== observed ? `<${rule.field}> of socket ${handle} is ${observed}, but it was opened with ${asked} (line ${sockets.openedAt(handle as number)})` : undefined;
  }
  if ('echoes' in rule) {
    const asked = values.get(rule.echoes);
    return typeof asked === 'number' && asked !== observed ? `<${rule.field}> is ${observed}, the command asked for ${asked}` : undefined;
  }
  if ('derivedFrom' in rule) {
    const asked = values.get(rule.derivedFrom);
    const expected = typeof asked === 'number' ? rule.values[asked] : undefined;
    return expected !== undefined && expected !== observed ? `<${rule.field}> is ${observed}, but <${rule.derivedFrom}> ${asked} gives ${expected} (${rule.meaning})` : undefined;
  }
  if ('atMost' in rule) {
    const limit = values.get(rule.atMost);
    return typeof limit === 'number' && observed > limit ? `<${rule.field}> ${observed} is more than the ${limit} bytes asked for` : undefined;
  }
  const data = values.get(rule.atMostBytesOf);
  const parameter = pending.form === 'set' && pending.spec?.forms.set.supported ? pending.spec.forms.set.parameters.find((each) => each.name === rule.atMostBytesOf) : undefined;
  if (typeof data !== 'string' || !parameter) return undefined;
  const { domain } = effectiveDomain(parameter, values);
  const sent = domain.kind === 'string' && domain.format === 'hex' ? data.length / 2 : Buffer.byteLength(data, 'utf8');
  return observed > sent ? `<${rule.field}> ${observed} is more than the ${sent} bytes of <${rule.atMostBytesOf}> sent` : undefined;
}

const SEVERITY: Readonly<Record<FindingVerdict, number>> = { WARN: 0, 'NON-STRICT': 1, FAIL: 2 };

/** Whether a line starts like a response whose payload follows it (#XRECV:, #XRECVFROM:). */
function carriesPayload(text: string): boolean {
  const colon = text.indexOf(':');
  return colon > 0 && shapesByPrefix(text.slice(0, colon)).some((shape) => shape.payload !== undefined);
}

function schemaMessage(check: LineCheck): string {
  const [first, ...rest] = check.findings;
  if (!first) return 'no response shape matches';
  return rest.length === 0 ? first.message : `${first.message} (and ${rest.length} more)`;
}

/** The start of some device bytes, escaped, for a message. */
function printableExcerpt(bytes: Buffer): string {
  const shown = escapeBytes(bytes.subarray(0, 24));
  return `'${shown}${bytes.length > 24 ? '…' : ''}'`;
}
