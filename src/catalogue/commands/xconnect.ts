// Connection #XCONNECT: connect a client socket to a server.

import type { CommandSpec } from '../types.ts';
import { handleField, handleParameter, portParameter, urlParameter } from '../socket-parameters.ts';
import { integerField, notSupported, oneOf, shape } from '../vocabulary.ts';

export const XCONNECT: CommandSpec = {
  name: '#XCONNECT',
  title: 'Connection #XCONNECT',
  order: 7,
  summary: 'The ``#XCONNECT`` command allows you to connect to a server and to check the connection status. This command is for TCP and UDP clients.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to connect to a TCP or UDP server.',
      syntax: '#XCONNECT=<handle>,<url>,<port>',
      parameters: [
        handleParameter(),
        urlParameter('The ``<url>`` parameter is a string. It indicates the hostname or the IP address of the server. The maximum supported size of the hostname is 128 bytes. When using IP addresses, it supports both IPv4 and IPv6. (The firmware accepts at most 127, E11.)'),
        portParameter('The ``<port>`` parameter is an unsigned 16-bit integer (0 - 65535). It represents the port of the TCP or UDP service on the remote server.'),
      ],
      responses: [
        shape('#XCONNECT', 'set', [
          handleField(),
          integerField('status', oneOf([1, 'Connected.'], [0, 'Disconnected.']), 'The ``<status>`` value is an integer.'),
        ], '#XCONNECT: <handle>,<status>. The firmware prints status 1 only; a failure is ERROR alone (E7).', { errata: ['E7'] }),
      ],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
};
