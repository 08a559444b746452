// Close socket #XCLOSE: close one socket, or all of them.

import type { CommandSpec } from '../types.ts';
import { handleParameter } from '../socket-parameters.ts';
import { integerField, notSupported, range, shape } from '../vocabulary.ts';

export const XCLOSE: CommandSpec = {
  name: '#XCLOSE',
  title: 'Close socket #XCLOSE',
  order: 3,
  summary: 'The ``#XCLOSE`` command allows you to close one or all sockets.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to close a specific socket or all open sockets.',
      syntax: '#XCLOSE[=<handle>]',
      parameters: [
        {
          ...handleParameter('The ``<handle>`` parameter is an optional integer that specifies the socket handle to close. This is the handle value returned from ``#XSOCKET`` or ``#XSSOCKET`` commands. If omitted, all open sockets will be closed.'),
          optional: true,
        },
      ],
      responses: [
        shape('#XCLOSE', 'set', [
          integerField('handle', range(0), 'The ``<handle>`` value is an integer indicating the handle of the closed socket.'),
          integerField('result', range(), 'The ``<result>`` value indicates the result of closing the socket. When ``0``, the socket closed successfully. (Otherwise the firmware prints the negative errno and ends with ERROR, E23.)'),
        ], '#XCLOSE: <handle>,<result>. When closing all sockets (no handle parameter provided), multiple responses will be sent, one for each socket that was closed; with none open, OK alone.',
        { multiple: true, errata: ['E23'] }),
      ],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
};
