// Socket options #XSOCKETOPT: get and set options of a socket.

import type { CommandSpec } from '../types.ts';
import { handleField, handleParameter } from '../socket-parameters.ts';
import { integerField, literal, notSupported, oneOf, range, shape } from '../vocabulary.ts';

export const XSOCKETOPT: CommandSpec = {
  name: '#XSOCKETOPT',
  title: 'Socket options #XSOCKETOPT',
  order: 4,
  summary: 'The ``#XSOCKETOPT`` command allows you to get and set socket options.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to get and set socket options.',
      syntax: '#XSOCKETOPT=<handle>,<op>,<name>[,<value>]',
      parameters: [
        handleParameter(),
        { name: 'op', wire: 'uint16', domain: oneOf([0, 'Get'], [1, 'Set']), doc: 'The ``<op>`` parameter can accept one of the following values.' },
        {
          name: 'name',
          wire: 'uint16',
          domain: oneOf(
            [2, 'AT_SO_REUSEADDR (set-only). ``<value>`` is an integer that indicates whether the reuse of local addresses is enabled. It is ``0`` for disabled or ``1`` for enabled.'],
            [20, 'AT_SO_RCVTIMEO. ``<value>`` is an integer that indicates the receive timeout in seconds.'],
            [21, 'AT_SO_SNDTIMEO. ``<value>`` is an integer that indicates the send timeout in seconds.'],
            [30, 'AT_SO_SILENCE_ALL. ``<value>`` is an integer that indicates whether ICMP echo replies for IPv4 and IPv6 are disabled. It is ``0`` for allowing ICMP echo replies or ``1`` for disabling them.'],
            [31, 'AT_SO_IP_ECHO_REPLY. ``<value>`` is an integer that indicates whether ICMP echo replies for IPv4 are enabled. It is ``0`` for disabled or ``1`` for enabled.'],
            [32, 'AT_SO_IPV6_ECHO_REPLY. ``<value>`` is an integer that indicates whether ICMP echo replies for IPv6 are enabled. It is ``0`` for disabled or ``1`` for enabled.'],
            [40, 'AT_SO_BINDTOPDN (set-only). ``<value>`` is an integer that indicates the packet data network ID to bind to.'],
            [55, 'AT_SO_TCP_SRV_SESSTIMEO. ``<value>`` is an integer that indicates the TCP server session inactivity timeout for a socket. It accepts values from the range ``0`` to ``135``, where ``0`` is no timeout and ``135`` is 2 hours, 15 minutes.'],
            [61, 'AT_SO_RAI (set-only). Release Assistance Indication (RAI). ``<value>``: 1 RAI_NO_DATA, 2 RAI_LAST, 3 RAI_ONE_RESP, 4 RAI_ONGOING, 5 RAI_WAIT_MORE.'],
            [62, 'AT_SO_IPV6_DELAYED_ADDR_REFRESH. ``<value>`` is an integer that indicates whether delayed IPv6 address refresh is enabled. It is ``0`` for disabled or ``1`` for enabled.'],
          ),
          errata: ['E5', 'E6'],
          doc: 'The ``<name>`` parameter can accept one of the following values. ("set-only" is not enforced by the firmware: the modem decides, E6. The RAI_ONGOING text copies RAI_ONE_RESP, E5.)',
        },
        {
          name: 'value',
          wire: 'int32',
          domain: range(),
          optional: true,
          errata: ['E6'],
          doc: 'The option value; its meaning depends on ``<name>`` (ranges per option above). Used with ``<op>`` 1; the firmware sets 0 when it is omitted (E6).',
        },
      ],
      responses: [
        shape('#XSOCKETOPT', 'set', [
          handleField(),
          integerField('value', range(), 'The option value (seconds for 20 and 21).'),
        ], '#XSOCKETOPT: <handle>,<value>, the answer to a get (``<op>`` 0); a set answers OK alone. The spec shows it only in an example.'),
      ],
    },
    read: notSupported('read'),
    test: {
      supported: true,
      requirement: 'The test command tests the existence of the command and provides information about the type of its subparameters.',
      syntax: '#XSOCKETOPT=?',
      parameters: [],
      responses: [
        shape('#XSOCKETOPT', 'test', [
          literal('handle', '<handle>'),
          literal('ops', '(0,1)'),
          literal('name', '<name>'),
          literal('value', '<value>'),
        ], '#XSOCKETOPT: <handle>,<list of ops>,<name>,<value>, printed literally.'),
      ],
    },
  },
};
