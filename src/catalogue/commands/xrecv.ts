// Receive data #XRECV: one recv() on a TCP or UDP socket; the data follows the header raw.

import type { CommandSpec } from '../types.ts';
import {
  DATA_LEN_PARAMETER, handleParameter, RECEIVE_HEADER_FIELDS, RECEIVE_MODE_PARAMETER, RECEIVE_PAYLOAD, RECEIVE_TIMEOUT_PARAMETER, receiveFlagsParameter,
} from '../socket-parameters.ts';
import { notSupported, shape } from '../vocabulary.ts';

export const XRECV: CommandSpec = {
  name: '#XRECV',
  title: 'Receive data #XRECV',
  order: 11,
  summary: 'The ``#XRECV`` command allows you to receive data over TCP or UDP connections.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to receive data over the connection.',
      syntax: '#XRECV=<handle>,<mode>,<flags>,<timeout>[,<data_len>]',
      parameters: [
        handleParameter(),
        RECEIVE_MODE_PARAMETER,
        receiveFlagsParameter([[256, '(TCP only) Block until the full amount of data can be returned.']], ''),
        RECEIVE_TIMEOUT_PARAMETER,
        DATA_LEN_PARAMETER,
      ],
      responses: [
        shape('#XRECV', 'set', RECEIVE_HEADER_FIELDS,
          '#XRECV: <handle>,<mode>,<size> then <size> raw bytes (2*<size> uppercase hex characters in mode 1) with no CRLF of their own (E13), then the final code. The spec\'s #XAPOLL example omits <mode> (E17). Nothing is printed when recv returns 0 bytes.',
          { payload: RECEIVE_PAYLOAD, errata: ['E13', 'E17'] }),
      ],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
};
