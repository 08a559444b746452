// Socket AT command syntaxes of other firmware generations than the one the spec documents,
// from their public documentation: a log written against one of them fails the spec's rules
// line after line, and saying which generation it is helps more than the FAILs themselves.
// Each sign is a pattern that only that generation's syntax produces.

export interface GenerationSign {
  /** Matches the text of a command or device line (anywhere in it). */
  pattern: RegExp;
  /** What the sign is, in that generation's words. */
  shows: string;
}

export interface Generation {
  id: string;
  /** How to name it to a user. */
  name: string;
  signs: readonly GenerationSign[];
}

export const GENERATIONS: readonly Generation[] = [
  {
    id: 'slm',
    name: 'the nRF Connect SDK Serial LTE Modem (SLM, v3.1 and before: one active socket, chosen with #XSOCKETSELECT)',
    signs: [
      { pattern: /AT#XS?SOCKET=0(?![\d,])/, shows: 'AT#XSOCKET=0 closes the active socket' },
      { pattern: /#XS?SOCKET: -?\d+,"closed"/, shows: '#XSOCKET: <result>,"closed"' },
      { pattern: /#XSOCKETSELECT/, shows: '#XSOCKETSELECT picks the active socket' },
      { pattern: /AT#XSEND(?:TO)?="/, shows: 'AT#XSEND=<data> / AT#XSENDTO=<url>,<port>[,<data>] without a handle' },
      { pattern: /#XSEND(?:TO)?: \d+(?![\d,])/, shows: '#XSEND: <size> without a handle' },
      { pattern: /#XRECV: \d+(?![\d,])/, shows: '#XRECV: <size> without a handle' },
      { pattern: /AT#XRECV(?:FROM)?=\d+(?![\d,])/, shows: 'AT#XRECV=<timeout> without a handle' },
      { pattern: /#XRECVFROM: \d+,"/, shows: '#XRECVFROM: <size>,"<ip_addr>",<port> without a handle' },
      { pattern: /AT#XCONNECT="/, shows: 'AT#XCONNECT=<url>,<port> without a handle' },
      { pattern: /#XCONNECT: \d(?![\d,])/, shows: '#XCONNECT: <status> without a handle' },
      { pattern: /AT#XBIND=\d+(?![\d,])/, shows: 'AT#XBIND=<port> without a handle' },
      { pattern: /AT#XLISTEN(?![=\w?])/, shows: 'AT#XLISTEN without a handle' },
      { pattern: /AT#XPOLL=/, shows: 'AT#XPOLL, the blocking poll' },
    ],
  },
  {
    id: 'sm-early',
    name: 'an early nRF Serial Modem build (socket handles, but #XSEND=<handle>[,<data>][,<flags>] and #XRECV without <mode>)',
    signs: [
      { pattern: /AT#XSEND=\d+,"/, shows: 'AT#XSEND=<handle>,<data>' },
      { pattern: /#XRECV: \d+,\d+(?![\d,])/, shows: '#XRECV: <handle>,<size> without <mode>' },
      { pattern: /AT#XRECV=\d+,\d+(?![\d,])/, shows: 'AT#XRECV=<handle>,<timeout>' },
    ],
  },
  {
    id: 'sm-later',
    name: 'a later nRF Serial Modem build (AT#XAPOLL=[<handle>],<op>[,<events>], #XSEND: <handle>,<result_type>,<size>, #XSENDNTF)',
    signs: [
      { pattern: /#XSEND: \d+,\d+,\d+/, shows: '#XSEND: <handle>,<result_type>,<size>' },
      { pattern: /#XSENDNTF:/, shows: '#XSENDNTF: <handle>,<status>,<size>' },
      { pattern: /AT#XAPOLL=,/, shows: 'AT#XAPOLL=[<handle>],<op>[,<events>]' },
      { pattern: /#XACCEPT: \d+,\d+,"/, shows: '#XACCEPT: <handle>,<cid>,"<peer_addr>",<peer_port>' },
    ],
  },
];
