// Send data #XSEND: send on a connected socket, from the command line or in data mode.

import type { CommandSpec } from '../types.ts';
import {
  dataModeExitShape, handleParameter, SEND_DATA_PARAMETER, SEND_FLAGS_PARAMETER, SEND_MODE_PARAMETER, sentShape,
} from '../socket-parameters.ts';
import { notSupported } from '../vocabulary.ts';

export const XSEND: CommandSpec = {
  name: '#XSEND',
  title: 'Send data #XSEND',
  order: 10,
  summary: 'The ``#XSEND`` command allows you to send data over TCP and UDP connections.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to send data over the connection.',
      syntax: '#XSEND=<handle>,<mode>,<flags>[,<data>]',
      parameters: [handleParameter(), SEND_MODE_PARAMETER, SEND_FLAGS_PARAMETER, SEND_DATA_PARAMETER],
      responses: [sentShape('#XSEND')],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
  unsolicited: [dataModeExitShape('#XSEND')],
  dataMode: { parameter: 'mode', values: [2] },
};
