// Socket #XSOCKET: open a socket and list the open ones.

import type { CommandSpec } from '../types.ts';
import { CID_FIELD, CID_PARAMETER, ROLE_DOMAIN } from '../socket-parameters.ts';
import { integerField, literal, oneOf, range, shape } from '../vocabulary.ts';

const SOCKET_TYPES = oneOf(
  [1, 'Set ``SOCK_STREAM`` for the stream socket type using the TCP protocol.'],
  [2, 'Set ``SOCK_DGRAM`` for the datagram socket type using the UDP protocol.'],
  [3, 'Set ``SOCK_RAW`` for the raw socket type using a generic packet protocol.'],
);

/** The spec lists 0 and 1; the firmware stores and shows any uint16 (E24). */
const ROLE_ACCEPTED_BY_FIRMWARE = { ...ROLE_DOMAIN, firmwareRange: { min: 0, max: 65535, erratum: 'E24' } };

export const XSOCKET: CommandSpec = {
  name: '#XSOCKET',
  title: 'Socket #XSOCKET',
  order: 1,
  summary: 'The ``#XSOCKET`` command allows you to open a socket and to check the socket handle.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to open a socket.',
      syntax: '#XSOCKET=<op>,<type>,<role>[,<cid>]',
      parameters: [
        {
          name: 'op',
          wire: 'uint16',
          domain: oneOf(
            [1, 'Open a socket for IP protocol family version 4. Protocol family is ignored with ``<type>`` parameter value ``3``.'],
            [2, 'Open a socket for IP protocol family version 6. Protocol family is ignored with ``<type>`` parameter value ``3``.'],
          ),
          doc: 'The ``<op>`` parameter can accept one of the following values.',
        },
        {
          name: 'type',
          wire: 'int32',
          domain: SOCKET_TYPES,
          doc: 'The ``<type>`` parameter can accept one of the following values. With ``3`` the ``<op>`` parameter can be either ``1`` or ``2`` as raw socket ignores the protocol family.',
        },
        {
          name: 'role',
          wire: 'uint16',
          domain: ROLE_ACCEPTED_BY_FIRMWARE,
          errata: ['E24'],
          doc: 'The ``<role>`` parameter can accept one of the following values. (The firmware stores any uint16 without complaint, E24.)',
        },
        CID_PARAMETER,
      ],
      responses: [
        shape('#XSOCKET', 'set', [
          integerField('handle', range(), 'Positive or ``0`` - The socket opened successfully. Negative - The socket failed to open.'),
          integerField('type', oneOf(
            [1, 'Set ``SOCK_STREAM`` for the stream socket type using the TCP protocol.'],
            [2, 'Set ``SOCK_DGRAM`` for the datagram socket type using the UDP protocol.'],
            [3, 'Set ``SOCK_RAW`` for the raw socket type using a generic IP protocol.'],
          )),
          integerField('protocol', oneOf([0, 'IPPROTO_IP.'], [6, 'IPPROTO_TCP.'], [17, 'IPPROTO_UDP.'])),
        ], '#XSOCKET: <handle>,<type>,<protocol>. The firmware never prints a negative handle: a failure is ERROR alone (E2).', { errata: ['E2'] }),
      ],
    },
    read: {
      supported: true,
      requirement: 'The read command allows you to check the socket handle.',
      syntax: '#XSOCKET?',
      parameters: [],
      responses: [
        shape('#XSOCKET', 'read', [
          integerField('handle', range(0), 'The ``<handle>`` value is an integer. When positive or ``0``, the socket is valid.'),
          integerField('family', oneOf(
            [1, 'IP protocol family version 4.'],
            [2, 'IP protocol family version 6.'],
            [3, 'Packet family.'],
          ), 'The spec says it is present only in the open response; the firmware prints it here, always, and never in the open response (E3).'),
          integerField('role', ROLE_ACCEPTED_BY_FIRMWARE, 'The firmware shows any uint16 the host gave at open (E24).'),
          integerField('type', SOCKET_TYPES),
          CID_FIELD,
        ], '#XSOCKET: <handle>,<family>,<role>,<type>,<cid>, one line per open non-secure socket; with none open, OK alone.', { multiple: true, errata: ['E3', 'E24'] }),
      ],
    },
    test: {
      supported: true,
      requirement: 'The test command tests the existence of the command and provides information about the type of its subparameters.',
      syntax: '#XSOCKET=?',
      parameters: [],
      responses: [
        shape('#XSOCKET', 'test', [
          literal('handle', '<handle>'),
          literal('ops', '(1,2)'),
          literal('types', '(1,2,3)'),
          literal('roles', '(0,1)'),
          literal('cid', '<cid>'),
        ], '#XSOCKET: <handle>,<list of ops>,<list of types>,<list of roles>,<cid>, printed literally.'),
      ],
    },
  },
};
