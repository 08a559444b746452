// Asynchronous socket polling #XAPOLL: URCs for socket events between commands.

import type { CommandSpec, IntegerDomain, ParameterSpec } from '../types.ts';
import { handleField, handleParameter } from '../socket-parameters.ts';
import { integerField, literal, notSupported, oneOf, range, shape } from '../vocabulary.ts';

const POLLED_EVENTS: IntegerDomain = oneOf(
  [0, 'Poll the default events.'],
  [1, 'Read events (``POLLIN``) are polled, in addition to the default events.'],
  [4, 'Write events (``POLLOUT``) are polled, in addition to the default events.'],
  [5, 'Read and write events (1 + 4 summed up).'],
);

const HANDLE_COUNT = 8;

const POLLED_HANDLES: ParameterSpec[] = Array.from({ length: HANDLE_COUNT }, (_, index) => ({
  ...handleParameter('The ``<handleN>`` value sets the socket handle to poll. If no handles are specified, all open sockets will be polled, including any new sockets that are created after ``#XAPOLL`` has been started.'),
  name: `handle${index + 1}`,
  optional: true,
}));

export const XAPOLL: CommandSpec = {
  name: '#XAPOLL',
  title: 'Asynchronous socket polling #XAPOLL',
  order: 14,
  summary: 'The ``#XAPOLL`` command allows you to receive Unsolicited Result Code (URC) notifications for events on all opened sockets or for selected sockets that have already been opened. It is not usable at the same time with ``#XACCEPT``.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to activate or deactivate asynchronous polling for sockets.',
      syntax: '#XAPOLL=<op>,<events>[,<handle1>[,<handle2> ...<handle8>]',
      parameters: [
        { name: 'op', wire: 'uint16', domain: oneOf([0, 'Stop asynchronous polling.'], [1, 'Start asynchronous polling.']), doc: 'The ``<op>`` value can accept one of the following values.' },
        {
          name: 'events',
          wire: 'int32',
          domain: POLLED_EVENTS,
          requiredWhen: { parameter: 'op', values: [1] },
          errata: ['E19'],
          doc: 'The ``<events>`` value is an integer, which is interpreted as a bit field: any combination of the listed values summed up. ``POLLERR``, ``POLLHUP`` and ``POLLNVAL`` are always polled. (The syntax makes it mandatory; the firmware and the spec\'s own example stop without it, E19.)',
        },
        ...POLLED_HANDLES,
      ],
      responses: [],
    },
    read: {
      supported: true,
      requirement: 'The read command allows you to check the status of asynchronous polling.',
      syntax: '#XAPOLL?',
      parameters: [],
      responses: [
        shape('#XAPOLL', 'read', [
          integerField('running', oneOf([0, 'Asynchronous polling is not running.'], [1, 'Asynchronous polling is running.'])),
          integerField('events', POLLED_EVENTS, 'The events that are being polled.'),
          { ...integerField('handle', range(0), 'The socket handles that are being polled.'), repeated: true },
        ], '#XAPOLL: <running>,<events>,[<handle1> ...<handle8>] in the spec; on the wire no brackets, one ,<handle> per polled socket and nothing after <events> when there are none (E20).',
        { errata: ['E20'] }),
      ],
    },
    test: {
      supported: true,
      requirement: 'The test command provides information about the command and its parameters.',
      syntax: '#XAPOLL=?',
      parameters: [],
      responses: [
        shape('#XAPOLL', 'test', [
          literal('ops', '(0,1)'),
          literal('events', '<0,1,4,5>'),
          literal('handle1', '<handle1>'),
          literal('handle2', '<handle2>'),
          literal('more', '...'),
        ], '#XAPOLL: (0,1),<0,1,4,5>,<handle1>,<handle2>,..., printed literally; angle brackets, unlike other test responses (E21).',
        { errata: ['E21'] }),
      ],
    },
  },
  unsolicited: [
    shape('#XAPOLL', 'urc', [
      handleField('The ``<handle>`` value is an integer. It is the handle of the socket that has events.'),
      integerField('revents', range(1, 61), 'A bit field: POLLIN (1), POLLOUT (4), POLLERR (8), POLLHUP (16), and POLLNVAL (32) summed up.'),
    ], '#XAPOLL: <handle>,<revents>, sent as a URC between commands. No event follows #XCLOSE (E18).', { errata: ['E18'] }),
  ],
};
