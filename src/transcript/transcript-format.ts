// The sm-conformance transcript: the wire log a run writes (one file per run, and per
// worker when parallel) and `sm-conformance validate` reads back.
//
// FORMAT (version 1). UTF-8 text, one record per line, lines end in LF (a CR before the
// LF is tolerated). The first line names the format and its version:
//
//     #sm-conformance-transcript 1
//
// Then, in any order:
//
//     # free text                          a comment, ignored by readers
//     #@ key=value                         metadata (device adapter, port, profile, ...)
//     <time> tx <bytes>                    bytes the host sent to the device
//     <time> rx <bytes>                    bytes the device sent to the host
//     <time> note <text>                   a marker for people (scenario started, ...)
//     <time> reset <text>                  the device session restarted (reboot, new
//                                          emulator): sockets, polling and data mode are
//                                          forgotten by the validator
//
// <time> is microseconds of a monotonic clock, written as seconds with exactly six
// decimals (`12.000345`), so it is exact and sorts as text within one width. Fields are
// separated by exactly one space; everything after the second space is the payload of
// the record, leading spaces included.
//
// <bytes> is escaped (see byte-escape.ts): printable ASCII as is, `\\`, `\r`, `\n`, `\t`,
// and `\xHH` for every other byte (and for a final space). Concatenating the bytes of all
// tx records gives exactly what the host wrote, and of all rx records exactly what the
// device sent. Writers cut rx bytes after line ends so each device line reads as one
// record, e.g.
//
//     #sm-conformance-transcript 1
//     #@ dut=emulator
//     0.000000 note scenario: Open a TCP socket
//     0.000120 tx AT#XSOCKET=1,1,0\r
//     0.001410 rx \r\n#XSOCKET: 0,1,6\r\n
//     0.001410 rx \r\nOK\r\n
//     0.002002 tx AT#XRECV=0,0,0,10\r
//     0.003500 rx \r\n#XRECV: 0,0,7\r\n
//     0.003500 rx Test OK\r\n
//     0.003500 rx OK\r\n
//
// (The payload `Test OK` has no line end of its own: the CRLF after it belongs to OK.)
// <text> of note, reset and metadata values is escaped the same way (non-ASCII as \xHH).

export const TRANSCRIPT_MAGIC = '#sm-conformance-transcript';
export const TRANSCRIPT_VERSION = 1;
export const TRANSCRIPT_HEADER = `${TRANSCRIPT_MAGIC} ${TRANSCRIPT_VERSION}`;

export type Direction = 'tx' | 'rx';

/** Bytes seen on the wire in one direction at one moment, as a session records them. */
export interface WireChunk {
  direction: Direction;
  bytes: Uint8Array;
  /** Microseconds of the session's monotonic clock. */
  atUs: number;
}

export type TranscriptRecord =
  | { kind: Direction; atUs: number; bytes: Buffer; line: number }
  | { kind: 'note' | 'reset'; atUs: number; text: string; line: number }
  | { kind: 'meta'; key: string; value: string; line: number };

/** Longest record line a writer produces; readers accept far longer ones. */
export const MAX_RECORD_BYTES = 1024;

export function formatTime(atUs: number): string {
  const us = Math.max(0, Math.round(atUs));
  const seconds = Math.floor(us / 1_000_000);
  return `${seconds}.${String(us - seconds * 1_000_000).padStart(6, '0')}`;
}
