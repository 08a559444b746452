// What the host wrote, cut the way the firmware's AT host cuts it (firmware-notes §1.1,
// §6), with the emulator's own models of it: LineAssembler (terminator outside quotes,
// backspace, bounded buffer), commandText (drop everything before "AT") and
// TerminatorScanner (`+++` in data mode, also when split over several writes).
//
// Which byte ends a command is a build option of the firmware. A log does not say, so the
// first line end the host writes decides: CR (the default build; CRLF hosts work with it
// too) or LF.

import { LineAssembler, type LineTermination } from '../emulator/host/line-assembler.ts';
import { TerminatorScanner } from '../emulator/host/terminator-scanner.ts';
import { commandText, startsWithAt } from '../emulator/host/command-grammar.ts';

const CR = 0x0d;
const LF = 0x0a;
/** The firmware's default CONFIG_SM_DATAMODE_TERMINATOR. */
const DATA_MODE_TERMINATOR = Buffer.from('+++');

export interface HostInputListener {
  /** A complete command line (without terminator and leading garbage). */
  command(text: string): void;
  /** The data-mode terminator was written. */
  terminator(): void;
  /** Whether the device is in data mode now (decided by the device's answers). */
  inDataMode(): boolean;
}

export class HostInput {
  private assembler: LineAssembler | undefined;
  private readonly scanner = new TerminatorScanner(DATA_MODE_TERMINATOR);

  constructor(private readonly listener: HostInputListener) {}

  push(bytes: Buffer): void {
    let position = 0;
    while (position < bytes.length) {
      if (this.listener.inDataMode()) {
        const scan = this.scanner.scan(bytes, position);
        position += scan.consumed;
        if (scan.found) this.listener.terminator();
        continue;
      }
      const assembler = (this.assembler ??= this.assemblerFor(bytes, position));
      // Most writes are one whole command: its text is read straight from the bytes.
      const lineEnd = assembler.wholeLineEnd(bytes, position, bytes.length);
      if (lineEnd >= 0) {
        this.finishText(bytes.toString('utf8', position, lineEnd));
        return;
      }
      const { consumed, line } = assembler.push(bytes, position);
      position += consumed;
      if (line) this.finishLine(line.bytes, line.overflowed);
    }
  }

  private assemblerFor(bytes: Buffer, position: number): LineAssembler {
    let termination: LineTermination = 'cr';
    for (let i = position; i < bytes.length; i++) {
      if (bytes[i] === CR) break;
      if (bytes[i] === LF) {
        termination = 'lf';
        break;
      }
    }
    return new LineAssembler(termination);
  }

  private finishLine(bytes: Buffer, overflowed: boolean): void {
    this.finishText(bytes.toString('utf8'), overflowed);
  }

  private finishText(line: string, overflowed = false): void {
    const text = commandText(line);
    if (!startsWithAt(text)) return; // an empty line, or garbage the firmware discards
    this.listener.command(overflowed ? `${text}…` : text);
  }
}
