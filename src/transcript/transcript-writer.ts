// Writes a transcript (format in transcript-format.ts) as events happen. Records are
// gathered into blocks before they reach the sink, so logging every byte of a run costs
// a few large writes, not one per chunk.

import { closeSync, openSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { once } from 'node:events';
import { escapeBytes } from '../at/byte-escape.ts';
import { formatTime, MAX_RECORD_BYTES, TRANSCRIPT_HEADER, type Direction } from './transcript-format.ts';

const LF = 0x0a;
const CR = 0x0d;
const BLOCK_CHARS = 64 * 1024;

/** Where a device line ends in `bytes` from `start`: after an LF that closes some text. */
function recordEnd(bytes: Buffer, start: number): number {
  const limit = Math.min(bytes.length, start + MAX_RECORD_BYTES);
  let onlyLineEnds = true;
  for (let i = start; i < limit; i++) {
    const byte = bytes[i]!;
    if (byte === LF && !onlyLineEnds) return i + 1;
    if (byte !== LF && byte !== CR) onlyLineEnds = false;
  }
  return limit;
}

function escapeText(text: string): string {
  return escapeBytes(Buffer.from(text, 'utf8'));
}

/** Sees the transcript's text as it is written, record by record (e.g. the live run's judge). */
export type TranscriptObserver = (text: string) => void;

export class TranscriptWriter {
  private block = '';
  private closed = false;

  /** `meta` becomes `#@ key=value` lines after the header (adapter, port, profile, ...). */
  constructor(private readonly sink: Writable, meta: Readonly<Record<string, string>> = {}, private readonly observer?: TranscriptObserver) {
    this.block = `${TRANSCRIPT_HEADER}\n`;
    for (const [key, value] of Object.entries(meta)) this.block += `#@ ${escapeText(key)}=${escapeText(value)}\n`;
    observer?.(this.block);
  }

  /**
   * A transcript file written synchronously, block by block, and flushed when the process
   * exits, however it exits (a second Ctrl-C included): every finished scenario is on disk.
   */
  static toFile(path: string, meta?: Readonly<Record<string, string>>, observer?: TranscriptObserver): TranscriptWriter {
    const fd = openSync(path, 'w');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        writeSync(fd, chunk);
        done();
      },
      final(done) {
        closeSync(fd);
        process.off('exit', flushAtExit);
        done();
      },
    });
    const writer = new TranscriptWriter(sink, meta, observer);
    const flushAtExit = (): void => writer.flush();
    process.on('exit', flushAtExit);
    return writer;
  }

  tx(bytes: Buffer, atUs: number): void {
    this.bytes('tx', bytes, atUs);
  }

  rx(bytes: Buffer, atUs: number): void {
    this.bytes('rx', bytes, atUs);
  }

  note(text: string, atUs: number): void {
    this.append(`${formatTime(atUs)} note ${escapeText(text)}\n`);
  }

  /** The device session restarted: what the validator knows about sockets ends here. */
  reset(reason: string, atUs: number): void {
    this.append(`${formatTime(atUs)} reset ${escapeText(reason)}\n`);
  }

  comment(text: string): void {
    for (const line of text.split(/\r\n|\r|\n/)) this.append(`# ${line}\n`);
  }

  /** Hands what is gathered to the sink now (e.g. at the end of a scenario). */
  flush(): void {
    this.flushBlock();
  }

  /** Resolves once the sink can take more (for writers producing faster than the disk). */
  async drained(): Promise<void> {
    this.flushBlock();
    if (this.sink.writableNeedDrain) await once(this.sink, 'drain');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flushBlock();
    this.sink.end();
    if (!this.sink.writableFinished) await once(this.sink, 'finish');
  }

  private bytes(direction: Direction, bytes: Buffer, atUs: number): void {
    const time = formatTime(atUs);
    for (let start = 0; start < bytes.length; ) {
      const end = recordEnd(bytes, start);
      this.append(`${time} ${direction} ${escapeBytes(bytes.subarray(start, end))}\n`);
      start = end;
    }
  }

  private append(text: string): void {
    if (this.closed) throw new Error('transcript writer is closed');
    this.block += text;
    this.observer?.(text);
    if (this.block.length >= BLOCK_CHARS) this.flushBlock();
  }

  private flushBlock(): void {
    if (this.block.length === 0) return;
    this.sink.write(this.block);
    this.block = '';
  }
}
