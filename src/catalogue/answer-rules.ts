// What an answer must say about the request it answers: the fields a response line repeats
// from the command (the handle, the socket type, the receive mode) or from the command that
// opened the socket it lists (role and type in #XSOCKET?), the fields derived from it (the
// protocol of the socket type asked for), and sizes bounded by what was sent or asked for. Keyed by response shape id; the live steps check the same facts through the
// scenarios' expected lines, the validator reads them from here.

/** A response field and what the command that was answered decides about it. */
export type AnswerRule =
  /** The field equals the parameter's value, when the command gave it. */
  | { field: string; echoes: string }
  /** The field is the value the table gives for the parameter's value. */
  | { field: string; derivedFrom: string; values: Readonly<Record<number, number>>; meaning: string }
  /** The field is at most the byte count of the parameter (text, or hex when its domain says so). */
  | { field: string; atMostBytesOf: string }
  /** The field is at most the parameter's value, when the command gave it. */
  | { field: string; atMost: string }
  /** The field equals the parameter of the command that opened the socket on the line's <handle>. */
  | { field: string; asOpened: string };

const HANDLE: AnswerRule = { field: 'handle', echoes: 'handle' };

/** Socket type → protocol the socket is opened with (IPPROTO_*). */
const PROTOCOL_OF_TYPE = { 1: 6, 2: 17, 3: 0 } as const;
/** Secure socket type → protocol (IPPROTO_TLS_1_2, IPPROTO_DTLS_1_2). */
const SECURE_PROTOCOL_OF_TYPE = { 1: 258, 2: 273 } as const;

export const ANSWER_RULES: Readonly<Record<string, readonly AnswerRule[]>> = {
  'XSOCKET.set': [
    { field: 'type', echoes: 'type' },
    { field: 'protocol', derivedFrom: 'type', values: PROTOCOL_OF_TYPE, meaning: 'type 1 (SOCK_STREAM) is TCP, 6; type 2 (SOCK_DGRAM) is UDP, 17; type 3 (SOCK_RAW) is 0' },
  ],
  'XSSOCKET.set': [
    { field: 'type', echoes: 'type' },
    { field: 'protocol', derivedFrom: 'type', values: SECURE_PROTOCOL_OF_TYPE, meaning: 'type 1 is TLS 1.2, 258; type 2 is DTLS 1.2, 273' },
  ],
  'XSOCKET.read': [{ field: 'role', asOpened: 'role' }, { field: 'type', asOpened: 'type' }],
  'XSSOCKET.read': [{ field: 'role', asOpened: 'role' }, { field: 'type', asOpened: 'type' }, { field: 'sec_tag', asOpened: 'sec_tag' }],
  'XCLOSE.set': [HANDLE],
  'XSOCKETOPT.set': [HANDLE],
  'XSSOCKETOPT.set': [HANDLE],
  'XSSOCKETOPT.set.ciphersuite': [HANDLE],
  'XSSOCKETOPT.set.hostname': [HANDLE],
  'XCONNECT.set': [HANDLE],
  'XSEND.set': [HANDLE, { field: 'size', atMostBytesOf: 'data' }],
  'XSENDTO.set': [HANDLE, { field: 'size', atMostBytesOf: 'data' }],
  'XRECV.set': [HANDLE, { field: 'mode', echoes: 'mode' }, { field: 'size', atMost: 'data_len' }],
  'XRECVFROM.set': [HANDLE, { field: 'mode', echoes: 'mode' }, { field: 'size', atMost: 'data_len' }],
};
