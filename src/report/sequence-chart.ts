// A scenario's exchange as a message-sequence chart (SVG): three lifelines, host, device and
// network peer; an arrow per command the host sent, per line, URC and payload the device
// answered, per chunk that reached a peer, each with its time since the scenario began; the
// steps as bands; the failing step and the exchange it judged drawn red. A typical scenario fits a
// screen: one row per message, labels cut to the space between lifelines with the byte
// count shown (the full bytes are in the element's tooltip and in the step's wire.txt, one
// click away). Credential writes are redacted as in the wire slice; every text is escaped.

import { escapeBytes } from '../at/byte-escape.ts';
import type { WireChunk } from '../transcript/transcript-format.ts';
import { SecretRedactor, redactSecrets } from '../transcript/secret-redaction.ts';
import { DeviceLineTracker } from './device-line-tracker.ts';
import { escapeMarkup } from './markup-escape.ts';

export type Lifeline = 'host' | 'device' | 'peer';
export type MessageKind = 'command' | 'data' | 'line' | 'final' | 'urc' | 'payload' | 'network';

export interface ChartMessage {
  from: Lifeline;
  to: Lifeline;
  kind: MessageKind;
  atUs: number;
  /** The bytes as text, escaped (`\r`, `\xHH`), whole. */
  text: string;
  /** How many bytes the arrow carries. */
  size: number;
  /** The step it belongs to (index into the chart's steps), if any. */
  step?: number;
}

export interface ChartStep {
  text: string;
  startUs: number;
  failed: boolean;
}

export interface PeerArrival {
  peer: string;
  atUs: number;
  bytes: Uint8Array;
}

export interface ScenarioExchange {
  title: string;
  startUs: number;
  wire: readonly WireChunk[];
  peers: readonly PeerArrival[];
  steps: readonly ChartStep[];
}

/** Payload bytes kept per arrow (a label shows far fewer; the tooltip shows these). */
const PAYLOAD_LIMIT = 4096;

/** The exchange's messages in time order, each assigned to the step it happened in. */
export function chartMessages(exchange: ScenarioExchange): ChartMessage[] {
  const messages: ChartMessage[] = [];
  const tracker = new DeviceLineTracker(PAYLOAD_LIMIT);
  const redactors = { tx: new SecretRedactor(), rx: new SecretRedactor() };
  const take = (direction: 'tx' | 'rx', bytes: Buffer, atUs: number): void => {
    if (bytes.length === 0) return;
    if (direction === 'tx') {
      // Each write as written: a command with its CR, or data-mode bytes that end in no line.
      const kinds = tracker.sent(bytes).map((event) => event.kind);
      const kind = kinds.includes('command') || /^AT/i.test(bytes.toString('latin1')) ? 'command' : 'data';
      messages.push({ from: 'host', to: 'device', kind, atUs, text: escapeBytes(bytes), size: bytes.length });
      return;
    }
    for (const event of tracker.received(bytes)) {
      if (event.kind === 'payload') {
        messages.push({ from: 'device', to: 'host', kind: 'payload', atUs, text: `${escapeBytes(event.wire)}${event.cut ? '…' : ''}`, size: event.size });
        continue;
      }
      messages.push({ from: 'device', to: 'host', kind: event.kind, atUs, text: escapeBytes(Buffer.from(event.text, 'latin1')), size: event.text.length });
    }
  };
  let lastUs = exchange.startUs;
  for (const chunk of exchange.wire) {
    lastUs = chunk.atUs;
    take(chunk.direction, redactors[chunk.direction].push(chunk.bytes), chunk.atUs);
  }
  for (const direction of ['tx', 'rx'] as const) take(direction, redactors[direction].flush(), lastUs);
  for (const arrival of exchange.peers) {
    messages.push({ from: 'device', to: 'peer', kind: 'network', atUs: arrival.atUs, text: `${arrival.peer}: ${escapeBytes(arrival.bytes)}`, size: arrival.bytes.length });
  }
  messages.sort((a, b) => a.atUs - b.atUs);
  for (const message of messages) {
    let step: number | undefined;
    exchange.steps.forEach((each, index) => {
      if (each.startUs <= message.atUs) step = index;
    });
    if (step !== undefined) message.step = step;
  }
  return messages;
}

const WIDTH = 980;
const X: Readonly<Record<Lifeline, number>> = { host: 190, device: 560, peer: 860 };
const TOP = 84;
const ROW = 22;
const STEP_ROW = 20;
const CHAR_WIDTH = 7.2;
const COLOURS: Readonly<Record<MessageKind, string>> = {
  command: '#1f4e8c', data: '#1f4e8c', line: '#2e6b2e', final: '#2e6b2e', urc: '#8a5a00', payload: '#2e6b2e', network: '#5b3f8c',
};
const FAILING = '#c0182b';

/** The chart as a standalone SVG document. */
export function renderSequenceChart(exchange: ScenarioExchange): string {
  const messages = chartMessages(exchange);
  const rows: string[] = [];
  let y = TOP;
  let shownStep: number | undefined;
  const bandStart = (index: number): void => {
    const step = exchange.steps[index]!;
    const colour = step.failed ? FAILING : '#666';
    rows.push(`<line x1="8" x2="${WIDTH - 8}" y1="${y + 4}" y2="${y + 4}" stroke="${colour}" stroke-dasharray="3 3" stroke-width="0.8"/>`);
    rows.push(`<text x="10" y="${y + 16}" fill="${colour}" font-style="italic">${step.failed ? '✗ ' : ''}${escapeMarkup(elided(redactSecrets(step.text), 120).shown)}</text>`);
    y += STEP_ROW;
  };
  const marked = failingExchangeSteps(exchange.steps, messages);
  for (const message of messages) {
    if (message.step !== undefined && message.step !== shownStep) {
      for (let index = (shownStep ?? -1) + 1; index <= message.step; index++) bandStart(index);
      shownStep = message.step;
    }
    const failing = message.step !== undefined && marked.has(message.step);
    rows.push(arrow(message, y + ROW - 6, failing, exchange.startUs));
    y += ROW;
  }
  for (let index = (shownStep ?? -1) + 1; index < exchange.steps.length; index++) bandStart(index);
  const height = y + 16;
  const lifelines = (Object.keys(X) as Lifeline[]).map((name) => [
    `<line x1="${X[name]}" x2="${X[name]}" y1="${TOP - 18}" y2="${height - 6}" stroke="#999" stroke-width="1"/>`,
    `<rect x="${X[name] - 55}" y="${TOP - 42}" width="110" height="24" rx="4" fill="#eef1f5" stroke="#999"/>`,
    `<text x="${X[name]}" y="${TOP - 25}" text-anchor="middle" font-weight="bold">${name === 'peer' ? 'network peer' : name}</text>`,
  ].join('')).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">`,
    `<title>${escapeMarkup(redactSecrets(exchange.title))}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="14" font-weight="bold">${escapeMarkup(elided(redactSecrets(exchange.title), 130).shown)}</text>`,
    `<text x="10" y="32" fill="#666" font-size="11">ms since the scenario began · dashed: URCs, bytes that reached a peer · red: the failing step · a cut label: its tooltip, or the step's wire.txt</text>`,
    lifelines,
    ...rows,
    '</svg>',
  ].join('\n');
}

/**
 * The steps whose exchanges are drawn as failing: a failed step's own, or, when it sent
 * nothing (`Then the response is …` judges the `When I send …` before it), the exchange of
 * the nearest step before it that had one.
 */
function failingExchangeSteps(steps: readonly ChartStep[], messages: readonly ChartMessage[]): Set<number> {
  const withMessages = new Set(messages.flatMap((message) => (message.step !== undefined ? [message.step] : [])));
  const marked = new Set<number>();
  steps.forEach((step, index) => {
    if (!step.failed) return;
    for (let judged = index; judged >= 0; judged--) {
      if (!withMessages.has(judged)) continue;
      marked.add(judged);
      return;
    }
  });
  return marked;
}

function arrow(message: ChartMessage, y: number, failing: boolean, startUs: number): string {
  const x1 = X[message.from];
  const x2 = X[message.to];
  const colour = failing ? FAILING : COLOURS[message.kind];
  const leftToRight = x2 > x1;
  const head = leftToRight ? `${x2},${y} ${x2 - 7},${y - 4} ${x2 - 7},${y + 4}` : `${x2},${y} ${x2 + 7},${y - 4} ${x2 + 7},${y + 4}`;
  const space = Math.abs(x2 - x1) - 16;
  const label = elided(`${message.kind === 'urc' ? 'URC ' : message.kind === 'payload' ? 'payload ' : ''}${message.text}`, Math.floor(space / CHAR_WIDTH), message.size);
  const ms = ((message.atUs - startUs) / 1000).toFixed(1);
  const dash = message.kind === 'urc' || message.kind === 'network' ? ' stroke-dasharray="5 3"' : '';
  return [
    `<g class="${message.kind}${failing ? ' failing' : ''}">`,
    `<title>${escapeMarkup(message.text)}</title>`,
    `<text x="${X.host - 150}" y="${y + 4}" fill="#888">${ms}</text>`,
    `<line x1="${x1}" x2="${x2}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="${failing ? 2 : 1.2}"${dash}/>`,
    `<polygon points="${head}" fill="${colour}"/>`,
    `<text x="${(x1 + x2) / 2}" y="${y - 4}" text-anchor="middle" fill="${colour}">${escapeMarkup(label.shown)}</text>`,
    '</g>',
  ].join('');
}

/** The text cut to `max` characters; a cut is marked, with the size of the whole when known. */
export function elided(text: string, max: number, bytes?: number): { shown: string; cut: boolean } {
  if (text.length <= max) return { shown: text, cut: false };
  const mark = bytes !== undefined ? `… (${bytes} bytes)` : '…';
  return { shown: `${text.slice(0, Math.max(8, max - mark.length))}${mark}`, cut: true };
}
