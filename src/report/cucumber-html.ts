// cucumber's own HTML report (no Java needed), written from the run's messages after
// the redaction, so that a key that reached a message during the run is not in the page
// the run's live html formatter wrote. The formatter embeds the messages with every `<`
// escaped and its app renders text/plain attachments as text.

import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import type { Envelope } from './run-messages.ts';

export async function writeCucumberHtml(envelopes: readonly Envelope[], path: string): Promise<void> {
  await pipeline(Readable.from(envelopes, { objectMode: true }), new CucumberHtmlStream(), createWriteStream(path));
}
