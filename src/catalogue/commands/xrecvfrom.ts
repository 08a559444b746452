// UDP receive data #XRECVFROM: one recvfrom(); the header names the sender, the data follows raw.

import type { CommandSpec } from '../types.ts';
import {
  DATA_LEN_PARAMETER, handleParameter, QUOTED_IP_FIELD, RECEIVE_HEADER_FIELDS, RECEIVE_MODE_PARAMETER, RECEIVE_PAYLOAD, RECEIVE_TIMEOUT_PARAMETER, receiveFlagsParameter,
} from '../socket-parameters.ts';
import { integerField, notSupported, range, shape } from '../vocabulary.ts';

export const XRECVFROM: CommandSpec = {
  name: '#XRECVFROM',
  title: 'UDP receive data #XRECVFROM',
  order: 13,
  summary: 'The ``#XRECVFROM`` command allows you to receive data over UDP.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to receive data over UDP.',
      syntax: '#XRECVFROM=<handle>,<mode>,<flags>,<timeout>[,<data_len>]',
      parameters: [
        handleParameter(),
        RECEIVE_MODE_PARAMETER,
        receiveFlagsParameter([], ' (256 is listed for #XRECV, not here; the firmware passes any flags through, E14.)', ['E14'],
          { value: 256, erratum: 'E14' }),
        RECEIVE_TIMEOUT_PARAMETER,
        DATA_LEN_PARAMETER,
      ],
      responses: [
        shape('#XRECVFROM', 'set', [
          ...RECEIVE_HEADER_FIELDS,
          QUOTED_IP_FIELD,
          integerField('port', range(0, 65535), 'The ``<port>`` value is an integer that represents the UDP port of the remote peer.'),
        ], '#XRECVFROM: <handle>,<mode>,<size>,"<ip_addr>",<port> then <size> raw bytes (2*<size> uppercase hex characters in mode 1) with no CRLF of their own (E13), then the final code. A zero-length datagram gives OK alone.',
        { payload: RECEIVE_PAYLOAD, errata: ['E13'] }),
      ],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
};
