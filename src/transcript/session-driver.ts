// Joins the two halves of a session for the checker: host input (commands, data-mode
// bytes) and device bytes, which go through the same AtReader the harness uses on a live
// device, so a log is framed and classified exactly as the wire would be.

import { AtReader } from '../at/at-reader.ts';
import { payloadRule } from '../catalogue/payload.ts';
import { HostInput } from './host-input.ts';
import { SessionChecker, type SessionOptions } from './session-checker.ts';
import type { FindingSink } from './finding.ts';

const NO_CLOCK = () => 0;

export class SessionDriver {
  readonly checker: SessionChecker;
  private reader: AtReader;
  private readonly hostInput: HostInput;
  /** Input line the bytes being fed came from; events are reported at it. */
  private line = 0;

  constructor(report: FindingSink, options: SessionOptions = {}) {
    this.checker = new SessionChecker(report, options);
    this.reader = this.newReader();
    this.hostInput = new HostInput({
      command: (text) => this.hostCommand(text, this.line),
      terminator: () => this.checker.terminator(this.line),
      inDataMode: () => this.checker.inDataMode,
    });
  }

  get inDataMode(): boolean {
    return this.checker.inDataMode;
  }

  /** A command waits for its final result code: what the device prints now belongs to it. */
  get awaitingAnswer(): boolean {
    return this.reader.commandPending;
  }

  /** Raw bytes the host wrote (transcripts): cut into commands and data like the firmware does. */
  hostBytes(bytes: Buffer, line: number): void {
    this.line = line;
    this.hostInput.push(bytes);
  }

  /** A command line the host sent (terminal logs show them whole). */
  hostCommand(text: string, line: number): void {
    this.checker.command(text, line);
    this.reader.expectResponse(text);
  }

  /** The host wrote the data-mode terminator (terminal logs). */
  hostTerminator(line: number): void {
    this.checker.terminator(line);
  }

  deviceBytes(bytes: Buffer, line: number): void {
    this.line = line;
    this.reader.feed(bytes);
  }

  /** A whole line the device printed, as bytes and as latin1 text (terminal logs; see AtReader.feedLine). */
  deviceLine(content: Buffer, text: string, line: number): void {
    this.line = line;
    this.reader.feedLine(content, text);
  }

  reset(line: number): void {
    // Whatever the old reader held (half a line, half a payload) died with the session.
    this.reader = this.newReader();
    this.checker.reset(line);
  }

  end(line: number): void {
    this.checker.end(line);
  }

  private newReader(): AtReader {
    // The checker keeps no raw bytes of a line, so the reader need not copy them.
    return new AtReader({ payloadRule, clock: NO_CLOCK, stableRaw: false, onEvent: (event) => this.checker.device(event, this.line) });
  }
}
