// The 26 errata of firmware-notes §9, and E27 read from the same firmware's sources
// (app/src/sm_at_socket.c bind_to_pdn): where the spec disagrees with itself or with the
// firmware it documents (ncs-serial-modem 1bc9f6e4). A scenario that sees a device behave
// as `firmware` says gets NON-STRICT instead of FAIL, citing the erratum id.

import type { Erratum } from './types.ts';

export const ERRATA: readonly Erratum[] = [
  {
    id: 'E1',
    specText: 'The application can open up to 8 sockets.',
    commands: ['#XSOCKET', '#XSSOCKET'],
    firmware: 'The socket table holds 7 sockets (POSIX_OPEN_MAX 8 - 1); opening the 8th gives ERROR. The modem pool of 8 is also shared with other SM features. Raised to 8 only in Mar 2026.',
    observable: true,
  },
  {
    id: 'E2',
    specText: 'Negative - The socket failed to open.',
    commands: ['#XSOCKET', '#XSSOCKET'],
    firmware: 'A negative handle is never printed. Failures give ERROR only.',
    observable: true,
  },
  {
    id: 'E3',
    specText: 'The ``<family>`` value is present only in the response to a request to open the socket.',
    commands: ['#XSOCKET'],
    firmware: 'The reverse is true: the open response (<handle>,<type>,<protocol>) has no family; the read response always has it (1/2/3).',
    observable: true,
  },
  {
    id: 'E4',
    specText: 'Note that when ``<role>`` has a value of ``1``, ``<sec_tag>`` is not supported.',
    commands: ['#XSSOCKET'],
    firmware: 'The firmware still requires <sec_tag> (missing: ERROR) and applies it. Although "TLS and DTLS servers are currently not supported", role 1 is accepted and the modem is set to server role.',
    observable: true,
  },
  {
    id: 'E5',
    specText: '``4`` - RAI_ONGOING. Indicates that the application is expecting to receive just one data packet after the next call to send',
    commands: ['#XSOCKETOPT'],
    firmware: 'The text copies RAI_ONE_RESP. Per nrf_socket.h RAI_ONGOING means the socket is in active use by a client, so the modem stays in connected mode after the next send. SM passes the value through unchanged.',
    observable: false,
  },
  {
    id: 'E6',
    specText: '(set-only) / (get-only)',
    commands: ['#XSOCKETOPT', '#XSSOCKETOPT'],
    firmware: 'Not enforced by SM; the modem decides. A set without a value sends 0 (#XSOCKETOPT) or fails (#XSSOCKETOPT, even for 13 PURGE). #XSSOCKETOPT get output is undocumented: 0x<lowercase hex> for the cipher suite, the hostname unquoted, otherwise an integer.',
    observable: true,
  },
  {
    id: 'E7',
    specText: '``0`` - Disconnected.',
    commands: ['#XCONNECT'],
    firmware: 'Never printed. Success always prints <handle>,1; failure prints ERROR.',
    observable: true,
  },
  {
    id: 'E8',
    specText: 'AT#XACCEPT=0,60 / #XACCEPT: 0,"192.168.0.2"',
    commands: ['#XACCEPT'],
    firmware: 'The firmware prints the accepted descriptor, which cannot be 0 while the listening socket holds 0. It is not a usable handle: keep using the listening handle, although the syntax text ("the socket handle of the accepted connection") suggests otherwise.',
    examples: ['XACCEPT-1'],
    observable: true,
  },
  {
    id: 'E9',
    specText: 'AT#XSEND=1,2,512 / OK / Test datamode with flags / +++',
    commands: ['#XSEND', '#XSENDTO'],
    firmware: 'After the terminator the firmware prints #XDATAMODE: 0, which the example leaves out. 512 is <flags>, not a size.',
    examples: ['XSEND-3'],
    observable: true,
  },
  {
    id: 'E10',
    specText: 'The maximum payload size in hexadecimal string mode is up to 2800 characters (1400 bytes).',
    commands: ['#XSEND', '#XSENDTO'],
    firmware: 'The buffer is 1401 bytes, so 2802 hex characters are accepted. The 4096-character command limit also applies to the whole line in string mode.',
    observable: true,
  },
  {
    id: 'E11',
    specText: 'The maximum size of the hostname is 128 bytes.',
    commands: ['#XSENDTO', '#XCONNECT'],
    firmware: 'At most 127 characters; 128 gives ERROR (the buffer includes the terminator).',
    observable: true,
  },
  {
    id: 'E12',
    specText: 'It represents the actual number of bytes that has been sent.',
    commands: ['#XSEND', '#XSENDTO'],
    firmware: 'The line is also printed on failure (#XSEND: <handle>,0 followed by ERROR), which the spec never mentions.',
    observable: true,
  },
  {
    id: 'E13',
    specText: '#XRECV: <handle>,<mode>,<size> / <data>',
    commands: ['#XRECV', '#XRECVFROM'],
    firmware: 'The data is raw with no trailing CRLF of its own; the CRLF before OK belongs to the final result code.',
    examples: ['XRECV-1', 'XRECV-2', 'XRECVFROM-1', 'XRECVFROM-2', 'XAPOLL-5'],
    observable: true,
  },
  {
    id: 'E14',
    specText: '``64`` - Override the operation to non-blocking. (#XRECVFROM lists 0, 2 and 64; #XRECV also lists ``256``)',
    commands: ['#XRECVFROM'],
    firmware: 'The #XRECVFROM flags list omits 256 (WAITALL); SM passes any flags through.',
    observable: true,
  },
  {
    id: 'E15',
    specText: 'AT#XSEND=1,"echo"',
    commands: ['#XAPOLL', '#XSEND'],
    firmware: 'ERROR: <mode> must be an integer and <flags> is required. The correct form is AT#XSEND=1,0,0,"echo". The example was written for an older syntax #XSEND=<handle>[,<data>][,<flags>].',
    examples: ['XAPOLL-4'],
    observable: true,
  },
  {
    id: 'E16',
    specText: 'AT#XRECV=1,1',
    commands: ['#XAPOLL', '#XRECV'],
    firmware: 'ERROR: <flags> and <timeout> are missing. (In the old syntax it meant handle 1, timeout 1 s.)',
    examples: ['XAPOLL-5'],
    observable: true,
  },
  {
    id: 'E17',
    specText: '#XRECV: 1,4 / echo',
    commands: ['#XAPOLL', '#XRECV'],
    firmware: 'The firmware prints #XRECV: 1,<mode>,4. With mode 1 as written, the payload would be hex 6563686F, not echo.',
    examples: ['XAPOLL-5'],
    observable: true,
  },
  {
    id: 'E18',
    specText: '#XAPOLL: 1,32 (POLLNVAL) is not received here as a closure event POLLHUP was already received.',
    commands: ['#XAPOLL', '#XCLOSE'],
    firmware: 'After #XCLOSE no event is ever sent for that socket. The spec also dropped the note that says so.',
    examples: ['XAPOLL-6'],
    observable: true,
  },
  {
    id: 'E19',
    specText: '#XAPOLL=<op>,<events>[,<handle1>[,<handle2> ...<handle8>]',
    commands: ['#XAPOLL'],
    firmware: 'The syntax makes <events> mandatory, but the firmware (and the spec\'s own example AT#XAPOLL=0) accepts stop without it.',
    examples: ['XAPOLL-7'],
    observable: true,
  },
  {
    id: 'E20',
    specText: '#XAPOLL: <running>,<events>,[<handle1> ...<handle8>]',
    commands: ['#XAPOLL'],
    firmware: 'No brackets, one ,<handle> per polled socket, and no trailing comma when there are no handles (#XAPOLL: 0,0).',
    observable: true,
  },
  {
    id: 'E21',
    specText: '#XAPOLL: (0,1),<0,1,4,5>,<handle1>,<handle2>,...',
    commands: ['#XAPOLL'],
    firmware: 'Exactly what the firmware prints, but it breaks the parenthesised-list convention of every other test response.',
    examples: ['XAPOLL-11'],
    observable: true,
  },
  {
    id: 'E22',
    specText: 'AT#XAPOLL? (followed by two blank lines) / #XAPOLL: 1,1,0',
    commands: ['#XAPOLL'],
    firmware: 'The wire has exactly one CRLF before each line; the extra blank line is a terminal artifact.',
    examples: ['XAPOLL-8', 'XAPOLL-9', 'XAPOLL-10'],
    observable: false,
  },
  {
    id: 'E23',
    specText: 'When ``0``, the socket closed successfully.',
    commands: ['#XCLOSE'],
    firmware: 'Otherwise <result> is the raw negative errno, and the final code is ERROR.',
    observable: true,
  },
  {
    id: 'E24',
    specText: 'The ``<role>`` parameter can accept one of the following values: ``0`` - Client. ``1`` - Server.',
    commands: ['#XSOCKET'],
    firmware: 'Any value 0-65535 is accepted without complaint and shows in AT#XSOCKET?.',
    observable: true,
  },
  {
    id: 'E25',
    specText: 'For more information on the networking services, see the `Zephyr Network APIs`_.',
    commands: [],
    firmware: 'The firmware calls the nRF modem library sockets (nrf_socket etc.) directly; option semantics follow nrf_socket.h.',
    observable: false,
  },
  {
    id: 'E26',
    specText: 'Valid timeout values are 1 to 600 seconds.',
    commands: ['#XSEND', '#XSENDTO'],
    firmware: 'SM sets a 30 s SO_SNDTIMEO on every new socket, so flag 512 works without setting AT_SO_SNDTIMEO first.',
    observable: true,
  },
  {
    id: 'E27',
    specText: 'The ``<cid>`` parameter is an integer indicating the used PDN connection. It represents ``cid`` in the ``+CGDCONT`` command.',
    commands: ['#XSOCKET', '#XSSOCKET'],
    firmware: 'A <cid> above 0 is handed unchanged to NRF_SO_BINDTOPDN, which takes a PDN ID (as AT%XGETPDNID reports it), not a +CGDCONT cid; the two agree only when the modem numbered the PDN like its context. A <cid> whose PDN is not up makes that call fail: the socket is closed and the answer is ERROR. <cid> 0 binds to nothing: the socket follows the default PDN.',
    observable: false,
  },
];

const BY_ID = new Map<string, Erratum>(ERRATA.map((erratum) => [erratum.id, erratum]));

export function erratumById(id: string): Erratum | undefined {
  return BY_ID.get(id);
}
