// Accept connection #XACCEPT: wait for a TCP client on a listening socket.

import type { CommandSpec } from '../types.ts';
import { handleParameter, QUOTED_IP_FIELD } from '../socket-parameters.ts';
import { integerField, notSupported, range, shape } from '../vocabulary.ts';

export const XACCEPT: CommandSpec = {
  name: '#XACCEPT',
  title: 'Accept connection #XACCEPT',
  order: 9,
  summary: 'The ``#XACCEPT`` command allows you to accept an incoming connection from a TCP client. This command is for TCP servers.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to wait for the TCP client to connect.',
      syntax: '#XACCEPT=<handle>,<timeout>',
      parameters: [
        handleParameter(),
        {
          name: 'timeout',
          wire: 'int32',
          domain: range(0),
          doc: 'The ``<timeout>`` value sets the timeout value in seconds. ``0`` means no timeout, and it makes this request become blocking.',
        },
      ],
      responses: [
        shape('#XACCEPT', 'set', [
          integerField('handle', range(0), 'The ``<handle>`` value is an integer. It represents the socket handle of the accepted connection. (The firmware prints the accepted descriptor, which is not a usable handle, E8.)'),
          { ...QUOTED_IP_FIELD, doc: 'The ``<ip_addr>`` value indicates the IP address of the peer host. Quoted on the wire, as in the example, though the syntax shows no quotes.' },
        ], '#XACCEPT: <handle>,<ip_addr>', { errata: ['E8'] }),
      ],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
};
