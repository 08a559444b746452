// The Telnet byte stream (RFC 854, RFC 855): data bytes with IAC (0xFF) doubled, option
// commands (IAC WILL/WONT/DO/DONT <option>), other commands (IAC <code>) and
// subnegotiations (IAC SB <option> <value…> IAC SE, with IAC doubled inside the value too).
// The decoder keeps its place between chunks, so an IAC split from its second byte by a
// TCP segment boundary is still one escaped byte.

import { DO, DONT, IAC, SB, SE, WILL, WONT, type Verb } from './telnet-codes.ts';

export type TelnetEvent =
  | { kind: 'data'; bytes: Buffer }
  | { kind: 'option'; verb: Verb; option: number }
  | { kind: 'subnegotiation'; option: number; value: Buffer }
  | { kind: 'command'; code: number };

type DecoderState = 'data' | 'iac' | 'verb' | 'sb-option' | 'sb-value' | 'sb-iac';

export class TelnetDecoder {
  private state: DecoderState = 'data';
  private verb: Verb = WILL;
  private sbOption = 0;
  private sbValue: number[] = [];

  /** The events of one chunk in wire order; consecutive data bytes come as one event. */
  decode(chunk: Buffer): TelnetEvent[] {
    const events: TelnetEvent[] = [];
    let data: number[] = [];
    const flushData = (): void => {
      if (data.length > 0) events.push({ kind: 'data', bytes: Buffer.from(data) });
      data = [];
    };
    for (const byte of chunk) {
      switch (this.state) {
        case 'data':
          if (byte === IAC) this.state = 'iac';
          else data.push(byte);
          break;
        case 'iac':
          if (byte === IAC) { data.push(IAC); this.state = 'data'; }
          else if (byte === WILL || byte === WONT || byte === DO || byte === DONT) { this.verb = byte; this.state = 'verb'; }
          else if (byte === SB) this.state = 'sb-option';
          else { flushData(); events.push({ kind: 'command', code: byte }); this.state = 'data'; }
          break;
        case 'verb':
          flushData();
          events.push({ kind: 'option', verb: this.verb, option: byte });
          this.state = 'data';
          break;
        case 'sb-option':
          this.sbOption = byte;
          this.sbValue = [];
          this.state = 'sb-value';
          break;
        case 'sb-value':
          if (byte === IAC) this.state = 'sb-iac';
          else this.sbValue.push(byte);
          break;
        case 'sb-iac':
          if (byte === IAC) { this.sbValue.push(IAC); this.state = 'sb-value'; }
          else if (byte === SE) {
            flushData();
            events.push({ kind: 'subnegotiation', option: this.sbOption, value: Buffer.from(this.sbValue) });
            this.state = 'data';
          } else {
            // RFC 855 allows nothing else here; keep the byte as the sender most likely meant it
            this.sbValue.push(byte);
            this.state = 'sb-value';
          }
          break;
      }
    }
    flushData();
    return events;
  }
}

/** Data bytes as they go on the wire: every 0xFF doubled. */
export function escapeIac(bytes: Buffer): Buffer {
  let count = 0;
  for (const byte of bytes) if (byte === IAC) count++;
  if (count === 0) return bytes;
  const escaped = Buffer.alloc(bytes.length + count);
  let at = 0;
  for (const byte of bytes) {
    escaped[at++] = byte;
    if (byte === IAC) escaped[at++] = IAC;
  }
  return escaped;
}

export function optionCommand(verb: Verb, option: number): Buffer {
  return Buffer.from([IAC, verb, option]);
}

export function subnegotiation(option: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([IAC, SB, option]), escapeIac(value), Buffer.from([IAC, SE])]);
}
