// cucumber's own HTML report (no Java needed), written from the run's messages after
// the redaction, so that a key that reached a message during the run is not in the page
// the run's live html formatter wrote. The formatter embeds the messages with every `<`
// escaped and its app renders text/plain attachments as text; a log line
// (text/x.cucumber.log+plain) it renders as HTML (ANSI colours to markup), so the log
// lines, which quote the device and the steps (`<handle>`), are escaped here first.
//
// Its error box shows an exception's stack trace whenever the message carries one. A step
// that failed because the device answered wrongly shows the check's message alone there;
// the stack stays (our frames first) only when our own code threw. The messages file keeps
// what cucumber recorded; only the page's copy is changed.

import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { escapeMarkup } from './markup-escape.ts';
import type { Envelope, StepResultMessage } from './run-messages.ts';
import { isHarnessError, projectFirstStack, shownError } from './verdict-explanation.ts';

const LOG_MEDIA_TYPE = 'text/x.cucumber.log+plain';

export async function writeCucumberHtml(envelopes: readonly Envelope[], path: string): Promise<void> {
  await pipeline(Readable.from(envelopes.map(shownToReader), { objectMode: true }), new CucumberHtmlStream(), createWriteStream(path));
}

function shownToReader(envelope: Envelope): Envelope {
  const finished = envelope.testStepFinished;
  if (finished) return { ...envelope, testStepFinished: { ...finished, testStepResult: shownStepResult(finished.testStepResult) } };
  const attachment = envelope.attachment;
  if (attachment?.mediaType !== LOG_MEDIA_TYPE || attachment.contentEncoding === 'BASE64') return envelope;
  return { ...envelope, attachment: { ...attachment, body: escapeMarkup(attachment.body) } };
}

function shownStepResult(result: StepResultMessage): StepResultMessage {
  const message = result.exception?.message ?? result.message;
  if (result.status !== 'FAILED' || message === undefined) return result;
  const type = result.exception?.type;
  if (isHarnessError(type)) {
    const stack = projectFirstStack(result.exception?.stackTrace ?? result.message ?? message);
    return { ...result, message: stack, exception: { ...result.exception, stackTrace: stack } };
  }
  // Without an exception the app shows the message as it is: the check's words, nothing else.
  const { exception: _stack, ...rest } = result;
  return { ...rest, message: shownError(message, type, undefined) };
}
