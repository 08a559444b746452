// Everything the host sends, as events in wire order, and the faithful framing that turns
// them into bytes (firmware-notes §1.3, §1.6). Fault profiles sit between the two
// (../faults.ts), so the faithful path never has to know about them.

import type { FinalCode } from '../types.ts';

export type OutputEvent =
  | { kind: 'ready' }                       // Ready\r\n, no leading CRLF
  | { kind: 'init-error' }                  // INIT ERROR\r\n: start-up failed
  | { kind: 'echo'; bytes: Buffer }         // received command-mode bytes, as received
  | { kind: 'line'; text: string }          // \r\n<text>\r\n: information line or #XDATAMODE exit line
  | { kind: 'raw'; bytes: Buffer }          // payload after a #XRECV/#XRECVFROM header, as is
  | { kind: 'final'; code: FinalCode }     // \r\nOK\r\n, \r\nERROR\r\n or \r\n+CME ERROR: <n>\r\n
  | { kind: 'urc'; text: string };          // \r\n<text>\r\n, sent only between commands

export interface HostOutput {
  send(event: OutputEvent): Promise<void>;
}

/** rsp_send formats into a 2100-byte buffer: longer formatted lines are cut silently. */
const RESPONSE_BUFFER_BYTES = 2100;

export function frameOutputEvent(event: OutputEvent, eol = '\r\n'): Buffer {
  switch (event.kind) {
    case 'ready':
      return Buffer.from(`Ready${eol}`, 'latin1');
    case 'init-error':
      return Buffer.from(`INIT ERROR${eol}`, 'latin1');
    case 'echo':
    case 'raw':
      return event.bytes;
    case 'final':
      return Buffer.from(`${eol}${event.code}${eol}`, 'latin1');
    case 'line':
    case 'urc':
      return Buffer.from(`${eol}${event.text}${eol}`.slice(0, RESPONSE_BUFFER_BYTES - 1), 'latin1');
  }
}

/** The faithful output: frames each event and hands the bytes on. */
export class FramedOutput implements HostOutput {
  constructor(private readonly write: (bytes: Buffer) => void, private readonly eol = '\r\n') {}

  async send(event: OutputEvent): Promise<void> {
    const bytes = frameOutputEvent(event, this.eol);
    if (bytes.length > 0) this.write(bytes);
  }
}
