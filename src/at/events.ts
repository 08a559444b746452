// What the AtReader reports, in wire order. Every event keeps the exact bytes it came
// from so that transcripts and reports can show the wire, not an interpretation of it.

export type FinalCode = 'OK' | 'ERROR' | '+CME ERROR' | '+CMS ERROR';

interface EventBase {
  /** Bytes of the wire that made this event (line text without its CRLF framing). */
  raw: Buffer;
  /** Monotonic time in microseconds when the last byte of the event arrived. */
  atUs: number;
}

export type AtEvent =
  | (EventBase & { kind: 'echo'; text: string })
  | (EventBase & { kind: 'line'; text: string })
  | (EventBase & { kind: 'final'; code: FinalCode; text: string; errorNumber?: number })
  | (EventBase & { kind: 'urc'; text: string })
  | (EventBase & { kind: 'payload'; header: string; bytes: Buffer; mode: 0 | 1 })
  | (EventBase & { kind: 'framing-error'; reason: string });

/**
 * Tells the reader, from the spec catalogue, whether a line announces a raw payload and
 * how many bytes of wire follow it (already doubled for hex mode). undefined: no payload.
 */
export type PayloadRule = (line: string) => { wireBytes: number; mode: 0 | 1 } | undefined;
