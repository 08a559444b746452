// Follows a session's bytes just far enough to say what each device line is, for the
// reports that show the wire (the wire slice's URC and payload notes, the sequence chart's
// arrows): a payload header (per the catalogue's payload rule) is followed by a counted
// number of raw bytes, and a line is a URC when the AtReader's classification says so for
// the command in progress. The AtReader itself judges; this only labels.

import { DEFAULT_URC_PREFIXES, commandNameOf, finalResultOf, isUnsolicited } from '../at/line-classification.ts';
import { payloadRule } from '../catalogue/payload.ts';

export type DeviceLineEvent =
  | { kind: 'line' | 'urc' | 'final'; text: string }
  /** `wire` as sent (hex text in mode 1), its first `limit` bytes when `cut`; `size` bytes in all. */
  | { kind: 'payload'; header: string; mode: 0 | 1; wire: Buffer; size: number; cut: boolean };

/** A host line: a command (`AT…`) or, in data mode, data. */
export interface HostLineEvent { kind: 'command' | 'data'; text: string }

const CR = 0x0d;
const LF = 0x0a;

interface PendingPayload { header: string; mode: 0 | 1; remaining: number; size: number; bytes: number[] }

export class DeviceLineTracker {
  private pendingCommand: string | undefined;
  private pending = false;
  private commandBytes: number[] = [];
  private line: number[] = [];
  private payload: PendingPayload | undefined;
  /** A payload header ended at its CR: the payload starts after the LF that completes the CRLF. */
  private payloadAfterLf: PendingPayload | undefined;

  /** @param payloadLimit  payload bytes kept per event (the rest is only counted) */
  constructor(private readonly payloadLimit: number) {}

  /** The host's bytes: the lines they complete. */
  sent(bytes: Uint8Array): HostLineEvent[] {
    const events: HostLineEvent[] = [];
    for (const byte of bytes) {
      if (byte !== CR && byte !== LF) {
        this.commandBytes.push(byte);
        continue;
      }
      if (this.commandBytes.length === 0) continue;
      const line = Buffer.from(this.commandBytes).toString('latin1');
      this.commandBytes = [];
      // Data-mode bytes are not commands: only an AT line starts waiting for a response.
      if (/^AT/i.test(line)) {
        this.pendingCommand = commandNameOf(line);
        this.pending = true;
        events.push({ kind: 'command', text: line });
      } else events.push({ kind: 'data', text: line });
    }
    return events;
  }

  /** The device's bytes: the lines and payloads they complete. */
  received(bytes: Uint8Array): DeviceLineEvent[] {
    const events: DeviceLineEvent[] = [];
    for (const byte of bytes) {
      if (this.payloadAfterLf) {
        this.payload = this.payloadAfterLf;
        this.payloadAfterLf = undefined;
        if (byte === LF) continue;
      }
      const payload = this.payload;
      if (payload) {
        if (payload.bytes.length < this.payloadLimit) payload.bytes.push(byte);
        if (--payload.remaining === 0) {
          events.push({ kind: 'payload', header: payload.header, mode: payload.mode, wire: Buffer.from(payload.bytes), size: payload.size, cut: payload.bytes.length < payload.size });
          this.payload = undefined;
        }
        continue;
      }
      if (byte !== CR && byte !== LF) {
        this.line.push(byte);
        continue;
      }
      if (this.line.length === 0) continue;
      const text = Buffer.from(this.line).toString('latin1');
      this.line = [];
      events.push(this.lineEnded(text, byte === CR));
    }
    return events;
  }

  private lineEnded(text: string, endedAtCr: boolean): DeviceLineEvent {
    if (finalResultOf(text)) {
      this.pending = false;
      return { kind: 'final', text };
    }
    const rule = payloadRule(text);
    if (rule && rule.wireBytes > 0) {
      const payload = { header: text, mode: rule.mode, remaining: rule.wireBytes, size: rule.wireBytes, bytes: [] };
      if (endedAtCr) this.payloadAfterLf = payload;
      else this.payload = payload;
    }
    return { kind: isUnsolicited(text, this.pendingCommand, this.pending, DEFAULT_URC_PREFIXES) ? 'urc' : 'line', text };
  }
}
