// UDP send data #XSENDTO: send a datagram to a named peer, from the command line or in data mode.

import type { CommandSpec } from '../types.ts';
import {
  dataModeExitShape, handleParameter, portParameter, SEND_DATA_PARAMETER, SEND_FLAGS_PARAMETER, SEND_MODE_PARAMETER,
  sentShape, urlParameter,
} from '../socket-parameters.ts';
import { notSupported } from '../vocabulary.ts';

export const XSENDTO: CommandSpec = {
  name: '#XSENDTO',
  title: 'UDP send data #XSENDTO',
  order: 12,
  summary: 'The ``#XSENDTO`` command allows you to send data over UDP.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to send data over UDP.',
      syntax: '#XSENDTO=<handle>,<mode>,<flags>,<url>,<port>[,<data>]',
      parameters: [
        handleParameter(),
        SEND_MODE_PARAMETER,
        SEND_FLAGS_PARAMETER,
        urlParameter('The ``<url>`` parameter is a string. It indicates the hostname or the IP address of the remote peer. The maximum size of the hostname is 128 bytes. When using IP addresses, it supports both IPv4 and IPv6. (The firmware accepts at most 127, E11.)'),
        portParameter('The ``<port>`` parameter is an unsigned 16-bit integer (0 - 65535). It represents the port of the UDP service on remote peer.'),
        SEND_DATA_PARAMETER,
      ],
      responses: [sentShape('#XSENDTO')],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
  unsolicited: [dataModeExitShape('#XSENDTO')],
  dataMode: { parameter: 'mode', values: [2] },
};
