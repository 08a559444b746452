// Reader and schemas: how fast the AtReader cuts a large device output into events, and
// how fast checkResponseLine checks the information lines, each alone and together.
// The output is generated: socket open/connect/send/receive/poll/close exchanges in
// rotation over 8 handles, binary #XRECV payloads that hold CR, LF, NUL and "OK\r\n",
// hex payloads, and #XAPOLL URCs. Each answer is fed in 64-byte chunks, as a UART driver
// hands bytes over, after expectResponse for its command (as the AtRunner does).

import { AtReader } from '../src/at/at-reader.ts';
import type { AtEvent } from '../src/at/events.ts';
import { checkResponseLine, type ShapeForm } from '../src/schemas/index.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { figure, type Figure } from './bench-figures.ts';

interface Exchange {
  command: string;
  name: string;
  form: ShapeForm;
  /** The device's answer, cut into the chunks the reader is fed. */
  chunks: Buffer[];
}

const CHUNK_BYTES = 64;

function answer(command: string, form: ShapeForm, text: string | Buffer): Exchange {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1');
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) chunks.push(bytes.subarray(offset, offset + CHUNK_BYTES));
  return { command, name: /^AT(#X[A-Z]+)/.exec(command)![1]!, form, chunks };
}

function cycle(handle: number): Exchange[] {
  const payload = Buffer.from('Test OK\r\nOK\r\n\x00\xff payload of a receive, 48 bytes long.', 'latin1');
  const hex = Buffer.from('hello, world').toString('hex').toUpperCase();
  return [
    answer('AT#XSOCKET=1,1,0', 'set', `\r\n#XSOCKET: ${handle},1,6\r\n\r\nOK\r\n`),
    answer(`AT#XCONNECT=${handle},"test.server.com",1234`, 'set', `\r\n#XCONNECT: ${handle},1\r\n\r\nOK\r\n`),
    answer(`AT#XAPOLL=1,5,${handle}`, 'set', `\r\nOK\r\n\r\n#XAPOLL: ${handle},4\r\n`),
    answer(`AT#XSEND=${handle},0,0,"Test TCP"`, 'set', `\r\n#XSEND: ${handle},8\r\n\r\nOK\r\n`),
    answer(`AT#XRECV=${handle},0,0,10`, 'set', Buffer.concat([Buffer.from(`\r\n#XRECV: ${handle},0,${payload.length}\r\n`), payload, Buffer.from('\r\nOK\r\n')])),
    answer(`AT#XRECV=${handle},1,0,10,2048`, 'set', `\r\n#XRECV: ${handle},1,${hex.length / 2}\r\n${hex}\r\nOK\r\n`),
    answer('AT#XSOCKET?', 'read', `\r\n#XSOCKET: ${handle},1,0,1,0\r\n\r\nOK\r\n`),
    answer('AT#XSOCKET=?', 'test', '\r\n#XSOCKET: <handle>,(1,2),(1,2,3),(0,1),<cid>\r\n\r\nOK\r\n'),
    answer(`AT#XCLOSE=${handle}`, 'set', `\r\n#XCLOSE: ${handle},0\r\n\r\nOK\r\n`),
  ];
}

export function generatedOutput(minimumBytes: number): { exchanges: Exchange[]; bytes: number } {
  const exchanges: Exchange[] = [];
  let bytes = 0;
  for (let round = 0; bytes < minimumBytes; round++) {
    for (const exchange of cycle(round % 8)) {
      exchanges.push(exchange);
      for (const chunk of exchange.chunks) bytes += chunk.length;
    }
  }
  return { exchanges, bytes };
}

/** Lines the schemas check: information lines and URCs, with the command they answered. */
interface CheckedLine {
  text: string;
  /** The command name ('#XSOCKET'); absent for URCs, which may follow any command. */
  name?: string;
  form: ShapeForm;
}

function collectLines(into: CheckedLine[]): (event: AtEvent, exchange: Exchange) => void {
  return (event, exchange) => {
    if (event.kind === 'line') into.push({ text: event.text, name: exchange.name, form: exchange.form });
    if (event.kind === 'urc') into.push({ text: event.text, form: 'urc' });
  };
}

function readAll(exchanges: readonly Exchange[], keep: ((event: AtEvent, exchange: Exchange) => void) | undefined): number {
  let events = 0;
  let current: Exchange | undefined;
  const reader = new AtReader({
    payloadRule,
    onEvent: (event) => {
      events += 1;
      keep?.(event, current!);
    },
  });
  for (const exchange of exchanges) {
    current = exchange;
    reader.expectResponse(exchange.command);
    for (const chunk of exchange.chunks) reader.feed(chunk);
  }
  return events;
}

function checkAll(lines: readonly CheckedLine[]): number {
  let failed = 0;
  for (const line of lines) {
    const context = line.name === undefined ? { form: line.form } : { command: line.name, form: line.form };
    if (!checkResponseLine(line.text, context).ok) failed += 1;
  }
  return failed;
}

export interface ReaderBenchOptions {
  megabytes: number;
  runs: number;
}

export function readerBench(options: ReaderBenchOptions): Figure[] {
  const { exchanges, bytes } = generatedOutput(options.megabytes * 1024 * 1024);
  const lines: CheckedLine[] = [];
  const eventCount = readAll(exchanges, collectLines(lines));
  const failures = checkAll(lines);
  if (failures > 0) throw new Error(`the generated output is not valid: ${failures} lines fail their schema check`);
  const lineBytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line.text, 'latin1') + 4, 0);

  const reader: number[] = [], schemas: number[] = [], both: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    let start = performance.now();
    readAll(exchanges, undefined);
    reader.push((performance.now() - start) / 1000);
    start = performance.now();
    checkAll(lines);
    schemas.push((performance.now() - start) / 1000);
    start = performance.now();
    const collected: CheckedLine[] = [];
    readAll(exchanges, collectLines(collected));
    checkAll(collected);
    both.push((performance.now() - start) / 1000);
  }
  const MB = 1024 * 1024;
  const note = `${(bytes / MB).toFixed(0)} MB of device output, ${eventCount.toLocaleString('en-US')} reader events, ${lines.length.toLocaleString('en-US')} lines checked`;
  return [
    figure('reader', 'AtReader events/s', 'events/s', reader.map((seconds) => eventCount / seconds), { note }),
    figure('reader', 'AtReader MB/s', 'MB/s', reader.map((seconds) => bytes / MB / seconds)),
    figure('reader', 'checkResponseLine lines/s', 'lines/s', schemas.map((seconds) => lines.length / seconds)),
    figure('reader', 'checkResponseLine MB/s', 'MB/s', schemas.map((seconds) => lineBytes / MB / seconds)),
    figure('reader', 'reader + schemas events/s', 'events/s', both.map((seconds) => eventCount / seconds)),
    figure('reader', 'reader + schemas MB/s', 'MB/s', both.map((seconds) => bytes / MB / seconds)),
  ];
}
