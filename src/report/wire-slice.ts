// A step's wire slice as people read it in a report: every byte in and out, in the
// transcript format (direction, µs timestamp, bytes escaped by src/transcript, so a slice
// saved from a report still reads back with `sm-conformance validate`), with comment
// lines after the record that completes a URC or a raw payload: URCs are marked, and a
// payload is shown once more as text and as hex. Credential writes are redacted first.

import { Writable } from 'node:stream';
import { escapeBytes } from '../at/byte-escape.ts';
import { DeviceLineTracker } from './device-line-tracker.ts';
import type { Direction, WireChunk } from '../transcript/transcript-format.ts';
import { TranscriptWriter } from '../transcript/transcript-writer.ts';
import { SecretRedactor } from '../transcript/secret-redaction.ts';

/** Payload bytes shown again as text and hex; longer ones are cut (the records hold them all). */
const MAX_SHOWN_PAYLOAD = 4096;
const HEX_BYTES_PER_LINE = 32;

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
  const lines = new DeviceLineTracker(MAX_SHOWN_PAYLOAD);
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
  if (direction === 'tx') {
    lines.sent(bytes);
    return;
  }
  for (const event of lines.received(bytes)) {
    if (event.kind === 'urc') writer.comment(`^ URC ${escapeBytes(Buffer.from(event.text, 'latin1'))}`);
    if (event.kind === 'payload') for (const note of describePayload(event.header, event.mode, event.wire, event.cut)) writer.comment(note);
  }
}

function describePayload(header: string, mode: 0 | 1, wire: Buffer, shortened: boolean): string[] {
  const bytes = mode === 1 ? Buffer.from(wire.toString('latin1'), 'hex') : wire;
  const cut = shortened ? ' (first bytes only; the records above hold them all)' : '';
  const notes = [`^ payload of ${escapeBytes(Buffer.from(header, 'latin1'))}: ${bytes.length} byte${bytes.length === 1 ? '' : 's'}${mode === 1 ? ' (sent as hex)' : ''}${cut}`];
  notes.push(`  text: ${escapeBytes(bytes)}`);
  for (let start = 0; start < bytes.length; start += HEX_BYTES_PER_LINE) {
    const row = [...bytes.subarray(start, start + HEX_BYTES_PER_LINE)].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    notes.push(`  ${start === 0 ? 'hex:  ' : '      '}${row}`);
  }
  return notes;
}
