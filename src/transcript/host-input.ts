// What the host wrote, cut the way the firmware's AT host cuts it (firmware-notes §1.1,
// §6): in command mode a CR or LF outside double quotes ends a command line and anything
// before "AT" is dropped; in data mode every byte is payload until the terminator `+++`,
// which may arrive split over several writes. Memory is bounded by the command buffer.

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const PLUS = 0x2b;
const TERMINATOR_LENGTH = 3; // '+++', the firmware's default CONFIG_SM_DATAMODE_TERMINATOR
/** The firmware refuses longer lines anyway (SM_AT_MAX_CMD_LEN 4096); keep a little more to show them. */
const MAX_COMMAND_BYTES = 8192;

export interface HostInputListener {
  /** A complete command line (without terminator and leading garbage). */
  command(text: string): void;
  /** The data-mode terminator was written. */
  terminator(): void;
  /** Whether the device is in data mode now (decided by the device's answers). */
  inDataMode(): boolean;
}

export class HostInput {
  private parts: Buffer[] = [];
  private length = 0;
  private quoted = false;
  private overflowed = false;
  private plusRun = 0;

  constructor(private readonly listener: HostInputListener) {}

  push(bytes: Buffer): void {
    let position = 0;
    while (position < bytes.length) {
      position = this.listener.inDataMode() ? this.scanData(bytes, position) : this.scanCommand(bytes, position);
    }
  }

  /** Consumes data-mode bytes up to and including the terminator; returns where it stopped. */
  private scanData(bytes: Buffer, position: number): number {
    for (let i = position; i < bytes.length; i++) {
      if (bytes[i] !== PLUS) {
        this.plusRun = 0;
        continue;
      }
      if (++this.plusRun === TERMINATOR_LENGTH) {
        this.plusRun = 0;
        this.listener.terminator();
        return i + 1;
      }
    }
    return bytes.length;
  }

  private scanCommand(bytes: Buffer, position: number): number {
    for (let i = position; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === QUOTE) this.quoted = !this.quoted;
      else if ((byte === CR || byte === LF) && !this.quoted) {
        if (this.length === 0 && !this.overflowed) this.emit(bytes.toString('utf8', position, i), false);
        else {
          this.keep(bytes, position, i);
          this.finishLine();
        }
        return i + 1;
      }
    }
    this.keep(bytes, position, bytes.length);
    return bytes.length;
  }

  private keep(bytes: Buffer, start: number, end: number): void {
    if (end <= start || this.overflowed) return;
    if (this.length + end - start > MAX_COMMAND_BYTES) {
      this.overflowed = true;
      return;
    }
    this.parts.push(Buffer.from(bytes.subarray(start, end)));
    this.length += end - start;
  }

  private finishLine(): void {
    const line = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.length);
    const overflowed = this.overflowed;
    this.parts = [];
    this.length = 0;
    this.overflowed = false;
    this.emit(line.toString('utf8'), overflowed);
  }

  private emit(text: string, overflowed: boolean): void {
    this.quoted = false;
    // Commands nearly always start with AT; anything before it is garbage the firmware drops.
    const start = text.charCodeAt(0) === 0x41 && text.charCodeAt(1) === 0x54 ? 0 : text.search(/at/i);
    if (start < 0) return; // an empty line, or garbage
    const command = start === 0 ? text : text.slice(start);
    this.listener.command(overflowed ? `${command}…` : command);
  }
}
