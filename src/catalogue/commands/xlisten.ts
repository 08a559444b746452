// Set listen mode #XLISTEN: put a TCP server socket in listening mode.

import type { CommandSpec } from '../types.ts';
import { handleParameter } from '../socket-parameters.ts';
import { notSupported } from '../vocabulary.ts';

export const XLISTEN: CommandSpec = {
  name: '#XLISTEN',
  title: 'Set listen mode #XLISTEN',
  order: 8,
  summary: 'The ``#XLISTEN`` command allows you to put the TCP socket in listening mode for incoming connections. This command is for TCP servers.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to put the TCP socket in listening mode for incoming connections.',
      syntax: '#XLISTEN=<handle>',
      parameters: [handleParameter()],
      // "There is no response."
      responses: [],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
};
