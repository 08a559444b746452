// The state of one scenario. Cucumber makes a new World per scenario; the device session
// behind it lives for the whole worker. Steps read and write scenario state only through
// this class and call src/ for everything else.

import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { AtResponse, SendOptions } from '../../src/at/at-runner.ts';
import type { DeviceSession, WireChunk } from '../../src/dut/device-session.ts';
import type { PeerSet } from '../../src/peers/peer-set.ts';
import type { Evidence } from '../../src/report/verdict.ts';
import type { ChartStep } from '../../src/report/sequence-chart.ts';
import { EnvironmentError } from '../../src/blame/verdict-errors.ts';
import { attachSchemaFailure } from '../../src/report/attachments.ts';
import { checkResponseLine, type LineCheck } from '../../src/schemas/index.ts';
import { invocationOf } from '../../src/catalogue/command-line.ts';
import { Captures } from './captures.ts';
import { socketOpening } from './socket-kinds.ts';
import { readRunParameters, type RunParameters } from './run-parameters.ts';
import { workerJudge, workerSession } from './worker-session.ts';

export class ConformanceWorld extends World<unknown> {
  readonly run: RunParameters;
  /** Named values (`<handle>`, `<port>`) captured from the device in this scenario. */
  readonly captures = new Captures();
  /** What the scenario observed that decides its verdict, in order. */
  readonly evidence: Evidence[] = [];
  /** The scenario's tags, e.g. '@XSOCKET', '@erratum:E1'. */
  tags: readonly string[] = [];
  /** One of the scenario's steps sends a command that needs the network (set by the Before hook). */
  usesNetwork = false;
  /** The wire of the step in progress. */
  stepWire: { chunks: WireChunk[]; stop: () => void } | undefined;
  /** The scenario's exchange since its reset, and its steps, for the sequence chart. */
  exchange: { startUs: number; wire: { chunks: WireChunk[]; stop: () => void }; steps: ChartStep[] } | undefined;
  private last: AtResponse | undefined;

  constructor(options: IWorldOptions<unknown>) {
    super(options);
    this.run = readRunParameters(options.parameters);
  }

  get device(): DeviceSession {
    return workerSession(this.run.lane);
  }

  /**
   * Lines the device sent that no step asked for, judged by the rules `validate` applies to
   * the transcript (URCs with polling off, a URC inside a response, stray lines): each FAIL
   * becomes a deviation of this scenario.
   */
  judgeUnaskedLines(): void {
    const judge = workerJudge(this.run.lane);
    if (!judge) return;
    for (const finding of judge.take()) this.evidence.push({ kind: 'deviation', detail: `transcript line ${finding.line}: ${finding.message}` });
    if (judge.failure !== undefined) this.evidence.push({ kind: 'suite-error', detail: `the live judge stopped reading the transcript: ${judge.failure}` });
  }

  /** No URC came inside a response so far (the rule `validate` checks as urc.inside-response). */
  expectNoUrcInsideResponse(): void {
    const judge = workerJudge(this.run.lane);
    if (!judge) throw new Error('no live judge: the device session is not open');
    const [inside] = judge.peek('urc.inside-response');
    if (inside) throw new Error(`transcript line ${inside.line}: ${inside.message}`);
  }

  /** The loopback peers; a run without them cannot judge network scenarios (INCONCLUSIVE). */
  get peers(): PeerSet {
    const peers = this.device.peers;
    if (!peers) throw new EnvironmentError('this run has no network peers (a real board needs --peer-host)');
    return peers;
  }

  /** Sends a command line (placeholders expanded) and keeps its answer as the last response. */
  async send(template: string, options: SendOptions = {}): Promise<AtResponse> {
    const line = this.captures.expand(template);
    this.last = await this.device.runner.send(line, options);
    this.recordFramingErrors(this.last);
    return this.last;
  }

  /**
   * The reader keeps going after a framing error (a line ended by LF alone, a payload that
   * is not the length its header says) and may still find the final code, so a step that
   * only compares lines would pass; the broken framing is a deviation of its own.
   */
  private recordFramingErrors(response: AtResponse): void {
    for (const event of response.events) {
      if (event.kind === 'framing-error') this.evidence.push({ kind: 'deviation', detail: `${response.command}: ${event.reason}` });
    }
  }

  get lastResponse(): AtResponse {
    if (!this.last) throw new Error('no command has been sent in this scenario yet');
    return this.last;
  }

  /**
   * Checks the last response line by line: information lines, then the final result code.
   * Placeholders capture or must equal their value (see Captures). Throws on a mismatch.
   */
  expectResponse(expected: readonly string[]): void {
    this.expectResponseOf([{ lines: expected }]);
  }

  /**
   * Checks the last response against the spec's answer first, then against what listed
   * errata say the firmware answers instead. The spec's answer is a PASS; an erratum's is
   * recorded (NON-STRICT); anything else throws naming every alternative.
   */
  expectResponseOf(alternatives: readonly ResponseAlternative[]): void {
    const response = this.lastResponse;
    const observed = observedLines(response);
    for (const alternative of alternatives) {
      if (!this.captures.matchLines(alternative.lines, observed)) continue;
      if (alternative.erratum !== undefined) {
        const spec = alternatives.find((each) => each.erratum === undefined);
        this.recordErratum(alternative.erratum, `${response.command}: got ${observed.map(quoted).join(' / ')}${spec ? ` where the spec says ${spec.lines.map(quoted).join(' / ')}` : ''}`);
      }
      return;
    }
    const expected = alternatives.map((each) => `${each.erratum === undefined ? '' : `(as erratum ${each.erratum} says) `}${each.lines.map(quoted).join(' / ')}`);
    throw new Error(`${response.command}: expected ${expected.join(', or ')}; got ${observed.map(quoted).join(' / ')}`);
  }

  /**
   * Checks every information line of the last response against the response shapes of the
   * command and form that were sent; a failure attaches expected vs observed with the ajv
   * path before throwing.
   */
  expectSchemaConformance(): void {
    const response = this.lastResponse;
    const problems = schemaProblems(response);
    for (const problem of problems) attachSchemaFailure(this.attach.bind(this), problem.line, problem.check);
    if (problems.length > 0) {
      throw new Error(`${response.command}: ${problems.map((problem) => `${quoted(problem.line)} does not match the schema (${problem.check.findings.map((finding) => `${finding.path || 'the line'}: expected ${finding.expected}`).join('; ')})`).join('; ')}`);
    }
  }

  /**
   * The device still works: `AT` answers OK and `AT#XSOCKET?` answers a list that parses.
   * Leaves the last response alone, so the scenario can still look at it.
   */
  async expectUsable(): Promise<void> {
    for (const command of USABILITY_PROBES) {
      const response = await this.device.runner.send(command);
      this.recordFramingErrors(response);
      if (response.final.text !== 'OK') throw new Error(`the device is not usable: ${command} answered ${observedLines(response).map(quoted).join(' / ')}`);
      // Usable means the answer can be read; whether each value is in the spec's domain
      // is for the scenario to judge (an erratum may store a role of 2, say).
      const unreadable = schemaProblems(response).filter((problem) => problem.check.findings.some((finding) => finding.stage === 'syntax'));
      for (const problem of unreadable) attachSchemaFailure(this.attach.bind(this), problem.line, problem.check);
      if (unreadable.length > 0) throw new Error(`the device is not usable: ${command} answered the unreadable line ${quoted(unreadable[0]!.line)}`);
    }
  }

  /**
   * Opens a socket with the scenario's own command line (#XSOCKET or #XSSOCKET set) and
   * captures its handle as `<name>`. Anything but one well-formed line and OK throws.
   */
  async openSocketWith(name: string, line: string): Promise<void> {
    const response = await this.send(line);
    const opened = response.final.text === 'OK' && response.lines.length === 1 ? checkResponseLine(response.lines[0]!, { command: invocationOf(response.command)?.command ?? '', form: 'set' }) : undefined;
    const handle = opened?.ok ? opened.value?.handle : undefined;
    if (typeof handle !== 'number') throw new Error(`${response.command} did not open a socket: got ${observedLines(response).map(quoted).join(' / ')}`);
    this.captures.set(name, String(handle));
  }

  /**
   * Opens TCP sockets `<socket-1>` … until `limit` are open. With an erratum that allows a
   * smaller table, a device that refuses exactly the socket after the erratum's limit is
   * recorded as that erratum; any other refusal throws.
   */
  async openSocketsUpTo(limit: number, smaller?: { erratum: string; limit: number }): Promise<void> {
    for (let count = 1; count <= limit; count += 1) {
      const opening = socketOpening({ family: 'IPv4', kind: 'TCP', role: 'client' }, `socket-${count}`);
      const response = await this.send(opening.command);
      if (this.captures.matchLines([opening.response, 'OK'], observedLines(response))) continue;
      const refused = response.lines.length === 0 && response.final.text === 'ERROR';
      if (smaller && refused && count === smaller.limit + 1) {
        this.recordErratum(smaller.erratum, `the device holds ${smaller.limit} sockets where the spec says ${limit}: socket ${count} was refused`);
        return;
      }
      throw new Error(`the spec allows ${limit} sockets, but opening socket ${count} answered ${observedLines(response).map(quoted).join(' / ')}`);
    }
  }

  /** The named captures hold different values (e.g. every open socket has its own handle). */
  expectDistinctCaptures(names: readonly string[]): void {
    const seen = new Map<string, string>();
    for (const name of names) {
      const value = this.captures.expand(`<${name}>`);
      const other = seen.get(value);
      if (other !== undefined) throw new Error(`<${other}> and <${name}> are both ${value}`);
      seen.set(value, name);
    }
  }

  /** The device did what erratum `erratum` says the firmware does, instead of the spec text. */
  recordErratum(erratum: string, detail: string): void {
    this.evidence.push({ kind: 'erratum', erratum, detail });
  }
}

/** One acceptable answer: the spec's (no erratum) or the one an erratum describes. */
export interface ResponseAlternative {
  erratum?: string;
  lines: readonly string[];
}

/** Commands that any device in the known state answers with OK (and a checkable list). */
const USABILITY_PROBES = ['AT', 'AT#XSOCKET?'];

function observedLines(response: AtResponse): string[] {
  return [...response.lines, response.final.text];
}

interface SchemaProblem {
  line: string;
  check: LineCheck;
}

/** The information lines of a response that fit no shape of the command and form sent. */
function schemaProblems(response: AtResponse): SchemaProblem[] {
  const invocation = invocationOf(response.command);
  const context = invocation ? { command: invocation.command, form: invocation.form } : {};
  const problems: SchemaProblem[] = [];
  for (const line of response.lines) {
    const check = checkResponseLine(line, context);
    if (!check.ok) problems.push({ line, check });
  }
  return problems;
}

function quoted(line: string): string {
  return `\`${line}\``;
}

setWorldConstructor(ConformanceWorld);
