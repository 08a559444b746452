// Builds the logs the transcript tests validate: spec examples rendered as a terminal log
// (as people paste them) and as an sm-conformance transcript (the wire, byte by byte).

import { PassThrough } from 'node:stream';
import type { SpecExample } from '../src/catalogue/types.ts';
import { TranscriptWriter } from '../src/transcript/transcript-writer.ts';

/** The example as a terminal shows it: command, device lines, payload on its own line, data-mode input, URCs. */
export function exampleAsTerminalLines(example: SpecExample): string[] {
  const lines = [example.line];
  const [first, ...rest] = example.response;
  if (example.payload !== undefined && first !== undefined) lines.push(first, example.payload, ...rest);
  else lines.push(...example.response);
  lines.push(...(example.dataModeInput ?? []), ...(example.urcs ?? []));
  return lines;
}

export type WireStep = { tx: string } | { rx: string };

/** The example as the wire carries it (firmware-notes §1.3, §5): CR after commands, CRLF around device lines, raw payload. */
export function exampleAsWire(example: SpecExample): WireStep[] {
  const steps: WireStep[] = [{ tx: `${example.line}\r` }];
  const [first, ...rest] = example.response;
  if (example.payload !== undefined && first !== undefined) {
    steps.push({ rx: `\r\n${first}\r\n` }, { rx: example.payload });
    for (const line of rest) steps.push({ rx: `\r\n${line}\r\n` });
  } else {
    for (const line of example.response) steps.push({ rx: `\r\n${line}\r\n` });
  }
  for (const input of example.dataModeInput ?? []) steps.push({ tx: input });
  for (const urc of example.urcs ?? []) steps.push({ rx: `\r\n${urc}\r\n` });
  return steps;
}

/** Writes wire steps as an sm-conformance transcript (1 ms apart). */
export async function transcriptOf(steps: readonly WireStep[], extra?: (writer: TranscriptWriter) => void): Promise<string> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => parts.push(chunk));
  const writer = new TranscriptWriter(sink, { dut: 'test' });
  steps.forEach((step, index) => {
    if ('tx' in step) writer.tx(Buffer.from(step.tx, 'latin1'), index * 1000);
    else writer.rx(Buffer.from(step.rx, 'latin1'), index * 1000);
  });
  extra?.(writer);
  await writer.close();
  return Buffer.concat(parts).toString('latin1');
}

/** A terminal log from lines, with CRLF line ends. */
export function terminalLog(lines: readonly string[], lineEnd = '\r\n'): string {
  return `${lines.join(lineEnd)}${lineEnd}`;
}
