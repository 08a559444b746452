// Socket binding #XBIND: bind a socket to a local port.

import type { CommandSpec } from '../types.ts';
import { handleParameter, portParameter } from '../socket-parameters.ts';
import { notSupported } from '../vocabulary.ts';

export const XBIND: CommandSpec = {
  name: '#XBIND',
  title: 'Socket binding #XBIND',
  order: 6,
  summary: 'The ``#XBIND`` command allows you to bind a socket with a local port. This command can be used with TCP servers and both UDP clients and servers.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to bind a socket with a local port.',
      syntax: '#XBIND=<handle>,<port>',
      parameters: [
        handleParameter(),
        portParameter('The ``<port>`` parameter is an unsigned 16-bit integer (0 - 65535). It represents the specific port to use for binding the socket.'),
      ],
      responses: [],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
};
