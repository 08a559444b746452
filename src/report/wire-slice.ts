// A step's wire slice as people read it in a report: every byte in and out, in the
// transcript format (direction, µs timestamp, bytes escaped by src/transcript, so a slice
// saved from a report still reads back with `sm-conformance validate`), with comment
// lines after the record that completes a URC or a raw payload: URCs are marked, and a
// payload is shown once more as text and as hex. Credential writes are redacted first.

import { Writable } from 'node:stream';
import { DEFAULT_URC_PREFIXES, commandNameOf, finalResultOf, isUnsolicited } from '../at/line-classification.ts';
import { payloadRule } from '../catalogue/payload.ts';
import { escapeBytes } from '../at/byte-escape.ts';
import type { Direction, WireChunk } from '../transcript/transcript-format.ts';
import { TranscriptWriter } from '../transcript/transcript-writer.ts';
import { SecretRedactor } from '../transcript/secret-redaction.ts';

/** Payload bytes shown again as text and hex; longer ones are cut (the records hold them all). */
const MAX_SHOWN_PAYLOAD = 4096;
const HEX_BYTES_PER_LINE = 32;
const CR = 0x0d;
const LF = 0x0a;

export function renderWireSlice(chunks: readonly WireChunk[]): string {
  const parts: string[] = [];
  const sink = new Writable({
    write(part: Buffer | string, _encoding, done) {
      parts.push(part.toString());
      done();
    },
  });
  const writer = new TranscriptWriter(sink);
  writer.comment('wire slice: tx = host to device, rx = device to host; times are µs of the session clock');
  const redactors = { tx: new SecretRedactor(), rx: new SecretRedactor() };
  const lines = new DeviceLineTracker();
  let lastUs = 0;
  for (const chunk of chunks) {
    const bytes = redactors[chunk.direction].push(chunk.bytes);
    lastUs = chunk.atUs;
    writeChunk(writer, lines, chunk.direction, bytes, chunk.atUs);
  }
  for (const direction of ['tx', 'rx'] as const) writeChunk(writer, lines, direction, redactors[direction].flush(), lastUs);
  writer.flush();
  return parts.join('');
}

function writeChunk(writer: TranscriptWriter, lines: DeviceLineTracker, direction: Direction, bytes: Buffer, atUs: number): void {
  if (bytes.length === 0) return;
  writer[direction](bytes, atUs);
  const notes = direction === 'tx' ? lines.sent(bytes) : lines.received(bytes);
  for (const note of notes) writer.comment(note);
}

/**
 * Follows the device's lines just far enough to mark URCs and payloads: a payload header
 * (per the catalogue's payload rule) is followed by a counted number of raw bytes, and a
 * line is a URC when the AtReader's classification says so for the command in progress.
 */
class DeviceLineTracker {
  private pendingCommand: string | undefined;
  private pending = false;
  private commandBytes: number[] = [];
  private line: number[] = [];
  private payload: { header: string; mode: 0 | 1; remaining: number; bytes: number[] } | undefined;
  /** A payload header ended at its CR: the payload starts after the LF that completes the CRLF. */
  private payloadAfterLf: { header: string; mode: 0 | 1; remaining: number; bytes: number[] } | undefined;

  sent(bytes: Buffer): string[] {
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
      }
    }
    return [];
  }

  received(bytes: Buffer): string[] {
    const notes: string[] = [];
    for (const byte of bytes) {
      if (this.payloadAfterLf) {
        this.payload = this.payloadAfterLf;
        this.payloadAfterLf = undefined;
        if (byte === LF) continue;
      }
      const payload = this.payload;
      if (payload) {
        if (payload.bytes.length < MAX_SHOWN_PAYLOAD) payload.bytes.push(byte);
        if (--payload.remaining === 0) {
          notes.push(...describePayload(payload.header, payload.mode, Buffer.from(payload.bytes)));
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
      notes.push(...this.lineEnded(text, byte === CR));
    }
    return notes;
  }

  private lineEnded(text: string, endedAtCr: boolean): string[] {
    if (finalResultOf(text)) {
      this.pending = false;
      return [];
    }
    const rule = payloadRule(text);
    if (rule && rule.wireBytes > 0) {
      const payload = { header: text, mode: rule.mode, remaining: rule.wireBytes, bytes: [] };
      if (endedAtCr) this.payloadAfterLf = payload;
      else this.payload = payload;
    }
    if (isUnsolicited(text, this.pendingCommand, this.pending, DEFAULT_URC_PREFIXES)) return [`^ URC ${escapeBytes(Buffer.from(text, 'latin1'))}`];
    return [];
  }
}

function describePayload(header: string, mode: 0 | 1, wire: Buffer): string[] {
  const bytes = mode === 1 ? Buffer.from(wire.toString('latin1'), 'hex') : wire;
  const cut = wire.length >= MAX_SHOWN_PAYLOAD ? ' (first bytes only; the records above hold them all)' : '';
  const notes = [`^ payload of ${escapeBytes(Buffer.from(header, 'latin1'))}: ${bytes.length} byte${bytes.length === 1 ? '' : 's'}${mode === 1 ? ' (sent as hex)' : ''}${cut}`];
  notes.push(`  text: ${escapeBytes(bytes)}`);
  for (let start = 0; start < bytes.length; start += HEX_BYTES_PER_LINE) {
    const row = [...bytes.subarray(start, start + HEX_BYTES_PER_LINE)].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    notes.push(`  ${start === 0 ? 'hex:  ' : '      '}${row}`);
  }
  return notes;
}
