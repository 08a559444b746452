// Reading a run's cucumber messages (the NDJSON the `message` formatter writes). Every
// string is passed through the secret redaction as it is read, so a key that reached a
// message (a feature's step text, a failure message) goes no further; the caller may
// write the redacted stream back.

import { readFile } from 'node:fs/promises';
import { redactSecrets } from '../transcript/secret-redaction.ts';

/** One message; only the fields the reports read are typed (see @cucumber/messages). */
export interface Envelope {
  meta?: { implementation?: { name?: string; version?: string }; runtime?: { name?: string; version?: string } };
  gherkinDocument?: { uri?: string; feature?: { name: string; tags?: { name: string }[] } };
  pickle?: { id: string; uri: string; name: string; location?: { line: number }; astNodeIds: string[]; tags: { name: string }[]; steps: { id: string; text: string }[] };
  hook?: { id: string; name?: string; type?: string };
  testRunStarted?: { timestamp: Timestamp };
  testCase?: { id: string; pickleId: string; testSteps: { id: string; pickleStepId?: string; hookId?: string }[] };
  testCaseStarted?: { id: string; testCaseId: string; attempt: number; workerId?: string; timestamp: Timestamp };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: StepResultMessage };
  attachment?: { testCaseStartedId?: string; testStepId?: string; mediaType: string; body: string; contentEncoding?: string; fileName?: string };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean; timestamp: Timestamp };
  testRunFinished?: { success?: boolean; timestamp: Timestamp };
  [other: string]: unknown;
}

export interface Timestamp {
  seconds: number;
  nanos: number;
}

export interface StepResultMessage {
  status: string;
  message?: string;
  duration?: Timestamp;
  exception?: { type?: string; message?: string; stackTrace?: string };
}

export interface RunMessages {
  envelopes: Envelope[];
  /** Whether redaction changed anything (the file on disk still holds a secret). */
  redacted: boolean;
}

export class MessagesFileError extends Error {}

export async function readRunMessages(path: string): Promise<RunMessages> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MessagesFileError(`cannot read the cucumber messages ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseRunMessages(text, path);
}

export function parseRunMessages(text: string, source = 'messages'): RunMessages {
  const envelopes: Envelope[] = [];
  let redacted = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new MessagesFileError(`${source}:${index + 1}: not a JSON message`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MessagesFileError(`${source}:${index + 1}: not a message object`);
    // A cheap test first: almost no line carries a credential write.
    if (/%CMNG=0,/i.test(line)) {
      const before = line;
      value = redactStrings(value);
      redacted ||= JSON.stringify(value) !== before;
    }
    envelopes.push(value as Envelope);
  }
  return { envelopes, redacted };
}

/** One message as the run hands it over, key material redacted as when read from the file. */
export function redactedEnvelope(envelope: Envelope): { envelope: Envelope; redacted: boolean } {
  const text = JSON.stringify(envelope);
  if (!/%CMNG=0,/i.test(text)) return { envelope, redacted: false };
  const clean = redactStrings(envelope) as Envelope;
  return { envelope: clean, redacted: JSON.stringify(clean) !== text };
}

export function serializeRunMessages(envelopes: readonly Envelope[]): string {
  return envelopes.map((envelope) => JSON.stringify(envelope)).join('\n') + '\n';
}

function redactStrings(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactStrings(inner)]));
  }
  return value;
}

export function timestampMs(timestamp: Timestamp | undefined): number | undefined {
  return timestamp ? timestamp.seconds * 1000 + Math.floor(timestamp.nanos / 1e6) : undefined;
}
