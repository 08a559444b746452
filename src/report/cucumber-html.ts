// cucumber's own HTML report (no Java needed), written from the run's messages after
// the redaction, so that a key that reached a message during the run is not in the page
// the run's live html formatter wrote. The formatter embeds the messages with every `<`
// escaped and its app renders text/plain attachments as text; a log line
// (text/x.cucumber.log+plain) it renders as HTML (ANSI colours to markup), so the log
// lines, which quote the device and the steps (`<handle>`), are escaped here first.

import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { escapeMarkup } from './markup-escape.ts';
import type { Envelope } from './run-messages.ts';

const LOG_MEDIA_TYPE = 'text/x.cucumber.log+plain';

export async function writeCucumberHtml(envelopes: readonly Envelope[], path: string): Promise<void> {
  await pipeline(Readable.from(envelopes.map(shownAsText), { objectMode: true }), new CucumberHtmlStream(), createWriteStream(path));
}

function shownAsText(envelope: Envelope): Envelope {
  const attachment = envelope.attachment;
  if (attachment?.mediaType !== LOG_MEDIA_TYPE || attachment.contentEncoding === 'BASE64') return envelope;
  return { ...envelope, attachment: { ...attachment, body: escapeMarkup(attachment.body) } };
}
