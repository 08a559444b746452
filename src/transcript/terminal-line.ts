// One line of a terminal log as people paste them, read per line (a log may mix forms):
//
//   [12:00:01.123] AT#XSOCKET=1,1,0            bracketed time or tick ([3214], [00:00:01.234,567])
//   2026-11-24 12:00:01.123 #XSOCKET: 0,1,6      date and time (also with T, Z or an offset)
//   12:00:01.123 -> AT#XSOCKET=1,1,0             arrows: -> >> > TX: [TX] host to device, <- << < RX: [RX] back
//   [3214] DEBUG: Sent AT command: AT#XSOCKET=1  a driver's prefix: learned from the log itself once
//                                                it repeats before AT traffic, then its direction holds
//   <dbg> modem: TX / 41 54 0d |AT.              a Zephyr hexdump: the bytes, in the label's direction
//   >>> uart.write(b'AT\r\n') / b'\r\nOK\r\n'    a REPL: bytes literals are the wire, the rest is chatter
//   OKAT#XSOCKETOPT=1,20,2                       a final result code glued to the next command
//
// What is neither AT traffic nor a known wrapper around it is chatter: the feed skips it
// outside a response and counts it.

export type Direction = 'tx' | 'rx';

export type TerminalLine =
  /**
   * Text as the terminal showed it; direction when the line says it. plain: nothing marks
   * it as AT traffic (device output inside a response, or chatter outside one).
   */
  | { kind: 'text'; text: string; direction?: Direction; plain?: boolean }
  /** Wire bytes written out (hexdump, bytes literal). */
  | { kind: 'bytes'; bytes: Buffer; direction: Direction }
  /** Log or REPL chatter around the AT traffic. */
  | { kind: 'chatter' };

/**
 * Marks that say which side wrote the line, in the order they are tried; one white space
 * after a mark belongs to it. `>` and `<` alone are marks too, when white space follows.
 */
const DIRECTION_MARKS: readonly { mark: string; direction: Direction }[] = [
  { mark: '->', direction: 'tx' }, { mark: '>>', direction: 'tx' }, { mark: '<-', direction: 'rx' }, { mark: '<<', direction: 'rx' },
  { mark: '[TX]', direction: 'tx' }, { mark: '[RX]', direction: 'rx' },
  { mark: 'TX:', direction: 'tx' }, { mark: 'RX:', direction: 'rx' }, { mark: 'Tx:', direction: 'tx' }, { mark: 'Rx:', direction: 'rx' },
  { mark: 'tx:', direction: 'tx' }, { mark: 'rx:', direction: 'rx' },
];
/** Where AT traffic starts inside a longer line: a command, a socket line, a final result code. */
const AT_TRAFFIC = /(?:^|[\s:>\]|])((?:AT|at)(?:[#+%&][A-Za-z]|[A-Za-z]?\d?$|$)|#X[A-Z]+[:=?])|[:>\]|]\s?(OK$|ERROR$|\+CM[ES] ERROR)/;
const SENT_WORDS = /\b(?:sen[dt]|tx|write|wrote|cmd|command|request|out)\b/i;
const RECEIVED_WORDS = /\b(?:rec(?:ei)?v(?:ed)?|rx|read|resp(?:onse)?|reply|in|urc|notif\w*)\b/i;
/** A Zephyr-style hexdump line: up to 16 two-digit hex bytes, then `|` and their text. */
const HEXDUMP = /^\s*(?:[A-Za-z]: )?((?:[0-9a-fA-F]{2} {1,2}){1,16})\s*\|/;
/** A Zephyr log line's level tag. */
const LOG_LEVEL = /^<(?:dbg|inf|wrn|err)> /;
const REPL_PROMPT = /^(?:>>>|\.\.\.)(?: |$)/;
const BYTES_LITERAL = /^b(['"])(.*)\1$/;
const BYTES_IN_CALL = /b(['"])((?:\\.|(?!\1).)*)\1/;
const GLUED_FINAL = /^(OK|ERROR)([Aa][Tt].*)$/;
/** A prefix is learned once it repeats this often before AT traffic. */
const LEARN_AFTER = 2;
/** Distinct prefix shapes remembered while learning (bounded memory). */
const MAX_CANDIDATES = 64;

export class TerminalLineReader {
  /** Prefix shape → times seen before AT traffic, and the direction of what followed. */
  private readonly candidates = new Map<string, { count: number; direction: Direction | undefined }>();
  /** Learned prefixes, longest first, with the direction their lines carry (if they say). */
  private learned: { shape: string; direction: Direction | undefined }[] = [];
  /** Direction of the hexdump being read (from its label line). */
  private hexdumpDirection: Direction | undefined;
  /** A REPL prompt was seen: device output shows only in bytes literals, the rest is the REPL's. */
  private repl = false;

  /**
   * Hands on what one line of the log stands for: one piece, or two for a glued final
   * code. `text` is the line without its stamp (unstampedText).
   */
  read(text: string, take: (piece: TerminalLine) => void): void {
    const first = text.charCodeAt(0);
    const glued = first === 0x4f /* O */ || first === 0x45 /* E */ ? GLUED_FINAL.exec(text) : null;
    if (glued) {
      take(this.readText(glued[1]!));
      take(this.readText(glued[2]!));
      return;
    }
    take(this.readText(text));
  }

  private readText(line: string): TerminalLine {
    const first = line.charCodeAt(0);
    // The common case, bare AT traffic, without a regular expression.
    if (first === 0x41 /* A */ || first === 0x23 /* # */ || first === 0x4f /* O */ || first === 0x45 /* E */ || first === 0x2b /* + */ || line === '') {
      this.hexdumpDirection = undefined;
      return { kind: 'text', text: line };
    }
    // The first character rules out most of the expressions below; they run only where they may match.
    const hexdump = mayStartHexdump(first) ? HEXDUMP.exec(line) : null;
    if (hexdump) return this.hexdumpLine(hexdump[1]!);
    this.hexdumpDirection = undefined;
    if ((first === 0x3e /* > */ || first === 0x2e /* . */) && REPL_PROMPT.test(line)) {
      this.repl = true;
      return this.replLine(line);
    }
    const mark = directionMarkOf(line);
    if (mark) return this.unwrapped(line.slice(mark.length), mark.direction);
    const bytes = bytesLiteralBody(line);
    if (bytes !== undefined) return this.bytesLiteral(bytes, undefined);
    return this.prefixed(line);
  }

  private unwrapped(text: string, direction: Direction): TerminalLine {
    const bytes = bytesLiteralBody(text);
    if (bytes !== undefined) return this.bytesLiteral(bytes, direction);
    return { kind: 'text', text, direction };
  }

  private hexdumpLine(hex: string): TerminalLine {
    const bytes = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
    const direction = this.hexdumpDirection ?? (bytes.subarray(0, 2).toString('latin1').toUpperCase() === 'AT' ? 'tx' : 'rx');
    this.hexdumpDirection = direction;
    return { kind: 'bytes', bytes, direction };
  }

  private replLine(line: string): TerminalLine {
    const call = BYTES_IN_CALL.exec(line);
    if (call && /AT/i.test(call[2]!)) return this.bytesLiteral(call[2]!, 'tx');
    return { kind: 'chatter' };
  }

  private bytesLiteral(body: string, direction: Direction | undefined): TerminalLine {
    const bytes = pythonBytes(body);
    return { kind: 'bytes', bytes, direction: direction ?? (/^AT/i.test(bytes.toString('latin1')) ? 'tx' : 'rx') };
  }

  /**
   * The text of a line that continues a payload (`text`: without its stamp): without its
   * direction mark or learned prefix either, and not classified (a payload may hold anything).
   */
  payloadText(text: string): string {
    const mark = directionMarkOf(text);
    if (mark) return text.slice(mark.length);
    for (const { shape } of this.learned) if (shapeOf(text.slice(0, shape.length)) === shape) return text.slice(shape.length);
    return text;
  }

  /** A line with some prefix before its text: a learned one, one followed by AT traffic, or chatter. */
  private prefixed(line: string): TerminalLine {
    for (const { shape, direction } of this.learned) {
      if (shapeOf(line.slice(0, shape.length)) === shape) {
        const text = line.slice(shape.length);
        return direction ? this.unwrapped(text, direction) : { kind: 'text', text };
      }
    }
    const level = LOG_LEVEL.exec(line);
    const at = AT_TRAFFIC.exec(line);
    if (!at) {
      // A log line that names its direction and is followed by a hexdump gives the dump its direction.
      if (level || SENT_WORDS.test(line) || RECEIVED_WORDS.test(line)) {
        this.hexdumpDirection = directionOf(line);
        return { kind: 'chatter' };
      }
      return this.repl ? { kind: 'chatter' } : { kind: 'text', text: line, plain: true };
    }
    const found = at[1] ?? at[2]!;
    const start = at.index + at[0].length - found.length;
    const prefix = line.slice(0, start);
    const text = line.slice(start);
    const direction = directionOf(prefix) ?? (/^at/i.test(text) ? 'tx' : undefined);
    this.learn(prefix, direction);
    return direction ? this.unwrapped(text, direction) : { kind: 'text', text };
  }

  private learn(prefix: string, direction: Direction | undefined): void {
    const shape = shapeOf(prefix);
    const candidate = this.candidates.get(shape);
    if (candidate) {
      candidate.count++;
      if (candidate.direction !== direction) candidate.direction = undefined;
      if (candidate.count === LEARN_AFTER) {
        this.learned.push({ shape, direction: directionOf(prefix) });
        this.learned.sort((a, b) => b.shape.length - a.shape.length);
      }
    } else if (this.candidates.size < MAX_CANDIDATES) {
      this.candidates.set(shape, { count: 1, direction });
    }
  }
}

/**
 * The direction mark `line` starts with (DIRECTION_MARKS) and its length with the white
 * space after it. Found with startsWith rather than a regular expression: the marks are
 * fixed strings, and arrow-marked logs have one on nearly every line.
 */
function directionMarkOf(line: string): { direction: Direction; length: number } | undefined {
  for (const { mark, direction } of DIRECTION_MARKS) {
    if (line.startsWith(mark)) return { direction, length: isWhiteSpace(line.charCodeAt(mark.length)) ? mark.length + 1 : mark.length };
  }
  const first = line.charCodeAt(0);
  if ((first === 0x3e /* > */ || first === 0x3c /* < */) && isWhiteSpace(line.charCodeAt(1))) return { direction: first === 0x3e ? 'tx' : 'rx', length: 2 };
  return undefined;
}

/** Whether a line starting with this character may be a hexdump line: white space, a letter or a digit. */
function mayStartHexdump(first: number): boolean {
  const letter = first | 0x20;
  return isWhiteSpace(first) || isDigit(first) || (letter >= 0x61 && letter <= 0x7a);
}

/** The body of a Python bytes literal that is the whole text (`b'...'`), if it is one. */
function bytesLiteralBody(text: string): string | undefined {
  if (text.charCodeAt(0) !== 0x62 /* b */) return undefined;
  return BYTES_LITERAL.exec(text)?.[2];
}

/** A prefix with its numbers made alike, so `[3214] DEBUG:` and `[3216] DEBUG:` are one shape. */
function shapeOf(prefix: string): string {
  return prefix.replace(/\d/g, '0');
}

/** Which side a prefix or label says wrote the line, if it says. */
function directionOf(text: string): Direction | undefined {
  const sent = SENT_WORDS.test(text);
  const received = RECEIVED_WORDS.test(text);
  if (sent === received) return undefined;
  return sent ? 'tx' : 'rx';
}

/**
 * The text of line `bytes[start, end)` without the timestamp or tick it starts with, if
 * any, decoded as latin1 (one character per byte, so payload sizes stay exact). Nearly
 * every line of a stamped log starts with a stamp: it is found in the bytes, by hand
 * rather than with regular expressions, and only the text after it is decoded, which
 * makes no string per line that is thrown away.
 */
export function unstampedText(bytes: Buffer, start: number, end: number): string {
  const first = byteAt(bytes, start, end);
  if (first === 0x5b /* [ */) {
    const stampEnd = bracketedStampEnd(bytes, start, end);
    if (stampEnd === start) return bytes.toString('latin1', start, end);
    let textStart = stampEnd;
    while (textStart < end && isWhiteSpace(bytes[textStart]!)) textStart++;
    return bytes.toString('latin1', textStart, end);
  }
  if (!isDigit(first)) return bytes.toString('latin1', start, end);
  // A date and time, then possibly a time again (`2026-11-24 12:00:01.123 `, `12:00:01 `).
  let textStart = start;
  const dated = dateTimeEnd(bytes, textStart, end);
  if (dated >= 0) textStart = dated;
  const timed = timeEnd(bytes, textStart, end);
  if (timed >= 0) textStart = timed;
  return bytes.toString('latin1', textStart, end);
}

/** `YYYY-MM-DD`, a space or T, a time of day (timeOfDayEnd), Z or an offset (+01:00, -0500), a space: where it ends, or -1. */
function dateTimeEnd(bytes: Buffer, start: number, end: number): number {
  let index = digitsEnd(bytes, start, end, 4, 4);
  for (let field = 0; field < 2; field++) {
    if (index < 0 || byteAt(bytes, index, end) !== 0x2d /* - */) return -1;
    index = digitsEnd(bytes, index + 1, end, 2, 2);
  }
  if (index < 0 || (byteAt(bytes, index, end) !== 0x20 && byteAt(bytes, index, end) !== 0x54 /* T */)) return -1;
  index = timeOfDayEnd(bytes, index + 1, end);
  if (index < 0) return -1;
  if (byteAt(bytes, index, end) === 0x5a /* Z */) index++;
  else if (byteAt(bytes, index, end) === 0x2b /* + */ || byteAt(bytes, index, end) === 0x2d /* - */) {
    index = digitsEnd(bytes, index + 1, end, 2, 2);
    if (index < 0) return -1;
    if (byteAt(bytes, index, end) === 0x3a /* : */) index++;
    index = digitsEnd(bytes, index, end, 2, 2);
    if (index < 0) return -1;
  }
  return byteAt(bytes, index, end) === 0x20 ? index + 1 : -1;
}

/** A time of day and a space (`12:00:01.123 `, `1:00:01 `): where it ends, or -1. */
function timeEnd(bytes: Buffer, start: number, end: number): number {
  const index = timeOfDayEnd(bytes, start, end);
  return index >= 0 && byteAt(bytes, index, end) === 0x20 ? index + 1 : -1;
}

/** `H:MM:SS` or `HH:MM:SS`, with decimals after `.` or `,` if any: where it ends, or -1. */
function timeOfDayEnd(bytes: Buffer, start: number, end: number): number {
  let index = digitsEnd(bytes, start, end, 1, 2);
  for (let field = 0; field < 2; field++) {
    if (index < 0 || byteAt(bytes, index, end) !== 0x3a /* : */) return -1;
    index = digitsEnd(bytes, index + 1, end, 2, 2);
  }
  if (index < 0) return -1;
  if (byteAt(bytes, index, end) === 0x2e /* . */ || byteAt(bytes, index, end) === 0x2c /* , */) {
    const decimals = digitsEnd(bytes, index + 1, end, 1, Infinity);
    if (decimals >= 0) index = decimals;
  }
  return index;
}

/** Where a run of `min` to `max` digits starting at `bytes[start]` ends (the run is taken whole up to `max`), or -1. */
function digitsEnd(bytes: Buffer, start: number, end: number, min: number, max: number): number {
  let index = start;
  while (index < end && index - start < max && isDigit(bytes[index]!)) index++;
  return index - start >= min ? index : -1;
}

/** The byte at `index` of a line that ends at `end`; -1 past its end. */
function byteAt(bytes: Buffer, index: number, end: number): number {
  return index < end ? bytes[index]! : -1;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Where a bracketed time or tick at `bytes[start]` ends: `[`, then digits and stamp
 * punctuation with at least one digit, then `]`. `start` when there is none.
 */
function bracketedStampEnd(bytes: Buffer, start: number, end: number): number {
  let sawDigit = false;
  let index = start + 1;
  for (; index < end; index++) {
    const byte = bytes[index]!;
    if (byte >= 0x30 && byte <= 0x39) sawDigit = true;
    else if (!isStampPunctuation(byte)) break;
  }
  return sawDigit && index < end && bytes[index] === 0x5d /* ] */ ? index + 1 : start;
}

/** What a bracketed stamp holds besides digits: `:` `.` `,` `-` space `T` `+` `Z`. */
function isStampPunctuation(byte: number): boolean {
  switch (byte) {
    case 0x3a: case 0x2e: case 0x2c: case 0x2d: case 0x20: case 0x54: case 0x2b: case 0x5a:
      return true;
    default:
      return false;
  }
}

/** Whether `\s` matches this character (a byte's latin1 character, or any UTF-16 code unit). */
function isWhiteSpace(code: number): boolean {
  if (code <= 0xff) return (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0xa0;
  return code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, '0': 0x00, '\\': 0x5c, "'": 0x27, '"': 0x22 };

/** The bytes of a Python bytes literal's body (`\r\n`, `\x00`, `\\`). */
function pythonBytes(body: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\' || i + 1 >= body.length) {
      out.push(char.charCodeAt(0) & 0xff);
      continue;
    }
    const next = body[++i]!;
    if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (SIMPLE_ESCAPES[next] !== undefined) out.push(SIMPLE_ESCAPES[next]!);
    else out.push(0x5c, next.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

const COMMAND_LINE = /^AT(?:[#+%&$^][A-Za-z]|[A-Za-z]\d*(?:$|[=?;])|$)/i;
const DEVICE_LINE = /^(?:OK$|ERROR$|\+CM[ES] ERROR|[#+%][A-Z][A-Z0-9_]*:|Ready$)/;

/** A command line as a host writes it (`AT`, `ATE0`, `AT#XSOCKET=1,1,0`), not a word such as "attempting". */
export function isCommandLine(text: string): boolean {
  // Most lines do not start with an A: those are told without running the expression.
  return (text.charCodeAt(0) | 0x20) === 0x61 /* a or A */ && COMMAND_LINE.test(text);
}

/** A line the device prints outside a response: a final result code, a URC or notification, `Ready`. */
export function looksLikeAtTraffic(text: string): boolean {
  return DEVICE_LINE.test(text);
}

/** The text and direction of one plain line of latin1 text (for tests and simple callers). */
export function parseTerminalLine(line: string): { text: string; direction?: Direction } {
  let read: TerminalLine | undefined;
  const bytes = Buffer.from(line, 'latin1');
  new TerminalLineReader().read(unstampedText(bytes, 0, bytes.length), (piece) => { read ??= piece; });
  return read?.kind === 'text' ? { text: read.text, ...(read.direction ? { direction: read.direction } : {}) } : { text: '' };
}
