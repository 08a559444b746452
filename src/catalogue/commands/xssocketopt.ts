// Secure socket options #XSSOCKETOPT: get and set TLS/DTLS options of a secure socket.

import type { CommandSpec } from '../types.ts';
import { handleField, handleParameter } from '../socket-parameters.ts';
import { bareField, integerField, literal, notSupported, oneOf, range, shape } from '../vocabulary.ts';

const HOSTNAME_OPTION = 2;

export const XSSOCKETOPT: CommandSpec = {
  name: '#XSSOCKETOPT',
  title: 'Secure socket options #XSSOCKETOPT',
  order: 5,
  summary: 'The ``#XSSOCKETOPT`` command allows you to get and set socket options for secure sockets.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to get and set socket options for secure sockets.',
      syntax: '#XSSOCKETOPT=<handle>,<op>,<name>[,<value>]',
      parameters: [
        handleParameter('The ``<handle>`` parameter is an integer that specifies the socket handle returned from ``#XSSOCKET`` command.'),
        { name: 'op', wire: 'uint16', domain: oneOf([0, 'Get.'], [1, 'Set.']), doc: 'The ``<op>`` parameter can accept one of the following values.' },
        {
          name: 'name',
          wire: 'uint16',
          domain: oneOf(
            [HOSTNAME_OPTION, 'AT_TLS_HOSTNAME. ``<value>`` is a string that indicates the hostname to check against during TLS handshakes. It can be ``NULL`` to disable hostname verification.'],
            [4, 'AT_TLS_CIPHERSUITE_USED (get-only). The TLS cipher suite chosen during the TLS handshake. This option is only supported with modem firmware 2.0.0 and newer.'],
            [5, 'AT_TLS_PEER_VERIFY. ``<value>`` is an integer that indicates what peer verification level should be used. It is ``0`` for none, ``1`` for optional or ``2`` for required.'],
            [12, 'AT_TLS_SESSION_CACHE. ``<value>`` is an integer that indicates whether TLS session caching should be used. It is ``0`` for disabled or ``1`` for enabled.'],
            [13, 'AT_TLS_SESSION_CACHE_PURGE (set-only). Indicates that the TLS session cache should be deleted. ``<value>`` can be any integer value.'],
            [14, 'AT_TLS_DTLS_CID (set-only). ``<value>``: 0 TLS_DTLS_CID_DISABLED, 1 TLS_DTLS_CID_SUPPORTED, 2 TLS_DTLS_CID_ENABLED. Only supported with modem firmware 1.3.5 and newer.'],
            [15, 'AT_TLS_DTLS_CID_STATUS (get-only). It is the DTLS connection identifier status. It can be retrieved after the DTLS handshake. Only supported with modem firmware 1.3.5 and newer.'],
            [18, 'AT_TLS_DTLS_HANDSHAKE_TIMEO. ``<value>`` is an integer that indicates the DTLS handshake timeout in seconds. It can be one of the following values: ``1``, ``3``, ``7``, ``15``, ``31``, ``63``, ``123``.'],
          ),
          errata: ['E6'],
          doc: 'The ``<name>`` parameter can accept one of the following values. ("set-only"/"get-only" are not enforced by the firmware: the modem decides, E6.)',
        },
        {
          name: 'value',
          wire: 'int32',
          domain: range(),
          optional: true,
          variants: [
            {
              when: { parameter: 'name', values: [HOSTNAME_OPTION] },
              wire: 'string',
              domain: { kind: 'string', format: 'hostname', firmwareMaxBytes: 127 },
              doc: 'For AT_TLS_HOSTNAME, ``<value>`` is a string: the hostname, or ``NULL`` to disable hostname verification.',
            },
          ],
          errata: ['E6'],
          doc: 'The option value; its meaning depends on ``<name>``. The firmware requires it for every set, even 13 (E6).',
        },
      ],
      responses: [
        shape('#XSSOCKETOPT', 'set', [handleField(), integerField('value', range())],
          '#XSSOCKETOPT: <handle>,<value>, the answer to a get of an integer option. The spec does not document get output at all (E6).',
          { errata: ['E6'] }),
        shape('#XSSOCKETOPT', 'set', [handleField(), bareField('value', '^0x[0-9a-f]+$', 'Lowercase hex with a 0x prefix, e.g. 0xc02b.')],
          '#XSSOCKETOPT: <handle>,0x<hex>, the answer to a get of AT_TLS_CIPHERSUITE_USED (4) in the firmware (E6).',
          { variant: 'ciphersuite', errata: ['E6'] }),
        shape('#XSSOCKETOPT', 'set', [handleField(), bareField('value', '^[^",]*$', 'The hostname, not quoted.')],
          '#XSSOCKETOPT: <handle>,<hostname>, the answer to a get of AT_TLS_HOSTNAME (2) in the firmware, unquoted (E6).',
          { variant: 'hostname', errata: ['E6'] }),
      ],
    },
    read: notSupported('read'),
    test: {
      supported: true,
      requirement: 'The test command tests the existence of the command and provides information about the type of its subparameters.',
      syntax: '#XSSOCKETOPT=?',
      parameters: [],
      responses: [
        shape('#XSSOCKETOPT', 'test', [
          literal('handle', '<handle>'),
          literal('ops', '(0,1)'),
          literal('name', '<name>'),
          literal('value', '<value>'),
        ], '#XSSOCKETOPT: <handle>,<list of ops>,<name>,<value>, printed literally.'),
      ],
    },
  },
};
