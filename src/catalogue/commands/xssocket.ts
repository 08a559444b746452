// Secure socket #XSSOCKET: open a TLS/DTLS socket and list the open ones.

import type { CommandSpec } from '../types.ts';
import { CID_FIELD, CID_PARAMETER, ROLE_DOMAIN } from '../socket-parameters.ts';
import { integerField, literal, oneOf, range, shape } from '../vocabulary.ts';

const SECURE_SOCKET_TYPES = oneOf(
  [1, '``SOCK_STREAM`` for the stream socket type using the TLS 1.2 protocol.'],
  [2, '``SOCK_DGRAM`` for the datagram socket type using the DTLS 1.2 protocol.'],
);

const SEC_TAG_DOC = 'It indicates to the modem the credential of the security tag to be used for establishing a secure connection.';

export const XSSOCKET: CommandSpec = {
  name: '#XSSOCKET',
  title: 'Secure socket #XSSOCKET',
  order: 2,
  summary: 'The ``#XSSOCKET`` command allows you to open a secure socket and to check the socket handle. TLS and DTLS servers are currently not supported.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to open a secure socket.',
      syntax: '#XSSOCKET=<op>,<type>,<role>,<sec_tag>[,<peer_verify>[,<cid>]]',
      parameters: [
        {
          name: 'op',
          wire: 'uint16',
          domain: oneOf(
            [1, 'Open a socket for IP protocol family version 4.'],
            [2, 'Open a socket for IP protocol family version 6.'],
          ),
          doc: 'The ``<op>`` parameter can accept one of the following values.',
        },
        {
          name: 'type',
          wire: 'int32',
          domain: oneOf(
            [1, 'Set ``SOCK_STREAM`` for the stream socket type using the TLS 1.2 protocol.'],
            [2, 'Set ``SOCK_DGRAM`` for the datagram socket type using the DTLS 1.2 protocol.'],
          ),
          doc: 'The ``<type>`` parameter can accept one of the following values.',
        },
        {
          name: 'role',
          wire: 'uint16',
          domain: ROLE_DOMAIN,
          errata: ['E4'],
          doc: 'The ``<role>`` parameter can accept one of the following values. (TLS and DTLS servers are "not supported", yet the firmware accepts role 1, E4.)',
        },
        {
          name: 'sec_tag',
          wire: 'int32',
          domain: range(0, 2147483647),
          errata: ['E4'],
          doc: `The \`\`<sec_tag>\`\` parameter is an integer. ${SEC_TAG_DOC} Note that when \`\`<role>\`\` has a value of \`\`1\`\`, \`\`<sec_tag>\`\` is not supported. (The firmware requires it for role 1 too, E4.)`,
        },
        {
          name: 'peer_verify',
          wire: 'uint16',
          domain: oneOf(
            [0, 'None (default for server role).'],
            [1, 'Optional.'],
            [2, 'Required (default for client role).'],
          ),
          optional: true,
          doc: 'The ``<peer_verify>`` parameter can accept one of the following values. When omitted: 2 for a client, 0 for a server.',
        },
        CID_PARAMETER,
      ],
      responses: [
        shape('#XSSOCKET', 'set', [
          integerField('handle', range(), 'Positive or ``0`` - The socket opened successfully. Negative - The socket failed to open.'),
          integerField('type', SECURE_SOCKET_TYPES),
          integerField('protocol', oneOf([258, 'IPPROTO_TLS_1_2.'], [273, 'IPPROTO_DTLS_1_2.'])),
        ], '#XSSOCKET: <handle>,<type>,<protocol>. The firmware never prints a negative handle: a failure is ERROR alone (E2).', { errata: ['E2'] }),
      ],
    },
    read: {
      supported: true,
      requirement: 'The read command allows you to check the secure socket handle.',
      syntax: '#XSSOCKET?',
      parameters: [],
      responses: [
        shape('#XSSOCKET', 'read', [
          integerField('handle', range(0), 'The ``<handle>`` value is an integer. When positive or ``0``, the socket is valid.'),
          integerField('family', oneOf([1, 'IP protocol family version 4.'], [2, 'IP protocol family version 6.'])),
          integerField('role', ROLE_DOMAIN),
          integerField('type', SECURE_SOCKET_TYPES),
          integerField('sec_tag', range(0, 2147483647), `The \`\`<sec_tag>\`\` value is an integer. ${SEC_TAG_DOC}`),
          CID_FIELD,
        ], '#XSSOCKET: <handle>,<family>,<role>,<type>,<sec_tag>,<cid>, one line per open secure socket; with none open, OK alone.', { multiple: true }),
      ],
    },
    test: {
      supported: true,
      requirement: 'The test command tests the existence of the command and provides information about the type of its subparameters.',
      syntax: '#XSSOCKET=?',
      parameters: [],
      responses: [
        shape('#XSSOCKET', 'test', [
          literal('handle', '<handle>'),
          literal('ops', '(1,2)'),
          literal('types', '(1,2)'),
          literal('roles', '(0,1)'),
          literal('sec_tag', '<sec_tag>'),
          literal('peer_verify', '<peer_verify>'),
          literal('cid', '<cid>'),
        ], '#XSSOCKET: <handle>,<list of ops>,<list of types>,<list of roles>,<sec_tag>,<peer_verify>,<cid>, printed literally.'),
      ],
    },
  },
};
