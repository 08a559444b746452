// Turns a terminal log (lines as a person saw them) into a session. Each line is read by
// TerminalLineReader (timestamps, arrows, driver prefixes, hexdumps, REPL chatter, glued
// final codes); commands go to the host side, lines in data mode are payload up to `+++`,
// device lines are handed to the AtReader whole, read as if framed as the firmware frames
// them (CRLF text CRLF; AtReader.feedLine), so they are classified exactly as on a live
// wire. Lines that are no AT traffic outside a response (log and REPL chatter) are
// skipped and counted.
//
// A #XRECV/#XRECVFROM payload has no line end of its own on the wire, but a terminal shows
// it on its own line, and a payload holding CR/LF spans several lines. The payload is
// gathered line by line until it reaches the announced size. A line break in the log may
// stand for one byte (CR or LF) or two (CRLF), since logs rewrite line ends; the size
// matches when some reading of the breaks gives it.

import { payloadRule } from '../catalogue/payload.ts';
import { finalResultOf } from '../at/line-classification.ts';
import { startsWithAt } from '../emulator/host/command-grammar.ts';
import { commandByName, shapesFor } from '../catalogue/catalogue.ts';
import { shapeCitation } from './citation.ts';
import type { ContextRing } from './context-ring.ts';
import type { FindingSink } from './finding.ts';
import type { LineEnd } from './line-splitter.ts';
import type { SessionDriver } from './session-driver.ts';
import { isCommandLine, looksLikeAtTraffic, TerminalLineReader, unstampedText, type TerminalLine } from './terminal-line.ts';

const CRLF = Buffer.from('\r\n');
const TERMINATOR = '+++';
const NON_ASCII = /[^\x00-\x7f]/;

interface PayloadInProgress {
  header: string;
  headerLine: number;
  wireBytes: number;
  parts: Buffer[];
  /** Bytes of text gathered, without line breaks. */
  textBytes: number;
  breaks: number;
  /** Line end of the last gathered line, joined in when another line follows. */
  lastEnd: LineEnd;
  lastLine: number;
}

export class TerminalLogFeed {
  private payload: PayloadInProgress | undefined;
  private lastLine = 0;
  private lastCommand: string | undefined;
  private deviceSpokeSince = false;
  private lineBytes = Buffer.allocUnsafe(4096);
  private readonly reader = new TerminalLineReader();
  /** The input line being read, for the pieces the reader hands back. */
  private lineNumber = 0;
  private readonly takePiece = (piece: TerminalLine): void => this.take(piece, this.lineNumber);
  private skippedLines = 0;

  constructor(
    private readonly driver: SessionDriver,
    private readonly report: FindingSink,
    private readonly context: ContextRing,
  ) {}

  /** Lines skipped as no AT traffic (chatter). */
  get skipped(): number {
    return this.skippedLines;
  }

  line(bytes: Buffer, start: number, end: number, lineEnd: LineEnd, lineNumber: number): void {
    this.context.remember(lineNumber, bytes, start, end);
    this.lastLine = lineNumber;
    const text = unstampedText(bytes, start, end);
    if (this.payload && this.gatherPayload(this.reader.payloadText(text), lineEnd, lineNumber)) return;
    this.lineNumber = lineNumber;
    this.reader.read(text, this.takePiece);
  }

  private take(read: TerminalLine, lineNumber: number): void {
    if (read.kind === 'chatter') {
      this.skippedLines++;
      return;
    }
    if (read.kind === 'bytes') {
      this.deviceSpokeSince ||= read.direction === 'rx';
      if (read.direction === 'tx') this.driver.hostBytes(read.bytes, lineNumber);
      else this.driver.deviceBytes(read.bytes, lineNumber);
      return;
    }
    const { text, direction } = read;
    if (direction !== 'rx' && this.driver.inDataMode) return this.dataLine(text, lineNumber);
    if (direction === 'tx' || (direction === undefined && isCommandLine(text))) return this.commandLine(text, lineNumber);
    if (text === '') return; // a blank line as terminals show them between CRLF-framed lines
    if (direction === undefined && !this.driver.awaitingAnswer && (read.plain || !looksLikeAtTraffic(text))) {
      this.skippedLines++;
      return;
    }
    this.deviceSpokeSince = true;
    this.driver.deviceLine(this.bytesOf(text), text, lineNumber);
    const announced = payloadRule(text);
    if (announced) this.startPayload(text, lineNumber, announced.wireBytes);
  }

  /** The latin1 bytes of `text`, in a reused buffer (the reader copies what it keeps). */
  private bytesOf(text: string): Buffer {
    if (this.lineBytes.length < text.length) this.lineBytes = Buffer.allocUnsafe(Math.max(text.length, 2 * this.lineBytes.length));
    const bytes = this.lineBytes;
    // A loop rather than Buffer#write: lines are short and the call into C++ cost more. The
    // text is latin1 (one byte per character), as the line splitter decoded it.
    for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
    return bytes.subarray(0, text.length);
  }

  end(): void {
    if (this.payload) this.finishPayload();
    this.driver.end(this.lastLine);
  }

  private commandLine(text: string, lineNumber: number): void {
    const start = startsWithAt(text) ? 0 : text.search(/at/i);
    if (start < 0) return;
    const command = text.slice(start);
    // A terminal with local echo shows the command, then the device's echo (ATE1) of it.
    if (command === this.lastCommand && !this.deviceSpokeSince) return;
    this.lastCommand = command;
    this.deviceSpokeSince = false;
    this.driver.hostCommand(NON_ASCII.test(command) ? Buffer.from(command, 'latin1').toString('utf8') : command, lineNumber);
  }

  private dataLine(text: string, lineNumber: number): void {
    const at = text.indexOf(TERMINATOR);
    if (at < 0) return;
    this.driver.hostTerminator(lineNumber);
    const rest = text.slice(at + TERMINATOR.length);
    if (rest !== '') this.commandLine(rest, lineNumber);
  }

  private startPayload(header: string, headerLine: number, wireBytes: number): void {
    this.payload = { header, headerLine, wireBytes, parts: [], textBytes: 0, breaks: 0, lastEnd: '', lastLine: headerLine };
    if (wireBytes === 0) this.finishPayload();
  }

  /** Takes `text` into the payload being gathered; false when the line is not part of it. */
  private gatherPayload(text: string, lineEnd: LineEnd, lineNumber: number): boolean {
    const payload = this.payload!;
    const first = payload.parts.length === 0;
    const breaks = first ? 0 : payload.breaks + 1;
    const shortest = payload.textBytes + text.length + breaks;
    // The final result code after a short payload is not payload, unless it completes it exactly.
    if (finalResultOf(text) && shortest > payload.wireBytes) {
      this.finishPayload();
      return false;
    }
    if (!first) payload.parts.push(lineEndBytes(payload.lastEnd));
    payload.parts.push(Buffer.from(text, 'latin1'));
    payload.textBytes += text.length;
    payload.breaks = breaks;
    payload.lastEnd = lineEnd;
    payload.lastLine = lineNumber;
    if (payload.textBytes + 2 * breaks >= payload.wireBytes) this.finishPayload();
    return true;
  }

  private finishPayload(): void {
    const payload = this.payload!;
    this.payload = undefined;
    const shortest = payload.textBytes + payload.breaks;
    const longest = payload.textBytes + 2 * payload.breaks;
    const shown = Buffer.concat(payload.parts);
    if (payload.wireBytes < shortest || payload.wireBytes > longest) {
      const size = shortest === longest ? `${shortest}` : `${shortest} to ${longest}`;
      this.report({
        line: payload.lastLine,
        rule: 'payload.size',
        verdict: 'FAIL',
        ...payloadCitation(payload.header),
        message: `'${payload.header}' (line ${payload.headerLine}) announces ${payload.wireBytes} bytes of payload; the log shows ${size}`,
      });
    }
    // The reader waits for exactly the announced bytes: give it those, so the lines after stay in step.
    const wire = Buffer.alloc(payload.wireBytes, '0');
    shown.copy(wire, 0, 0, Math.min(shown.length, wire.length));
    this.driver.deviceBytes(wire, payload.lastLine);
  }
}

function payloadCitation(header: string): { section: string; quote?: string } {
  const command = commandByName(header.slice(0, header.indexOf(':')));
  return shapeCitation(command, 'set', command ? shapesFor(command.name, 'set')[0] : undefined);
}

function lineEndBytes(lineEnd: LineEnd): Buffer {
  return lineEnd === '' ? CRLF : Buffer.from(lineEnd, 'latin1');
}
