// Resolve hostname #XGETADDRINFO: DNS lookup through the modem.

import type { CommandSpec } from '../types.ts';
import { IP_ADDRESS_PATTERN } from '../socket-parameters.ts';
import { notSupported, oneOf, quotedField, shape } from '../vocabulary.ts';

/** One or more addresses separated by single spaces, all in one quoted string. */
const ADDRESS_LIST_PATTERN = `^${IP_ADDRESS_PATTERN.slice(1, -1)}(?: ${IP_ADDRESS_PATTERN.slice(1, -1)})*$`;

export const XGETADDRINFO: CommandSpec = {
  name: '#XGETADDRINFO',
  title: 'Resolve hostname #XGETADDRINFO',
  order: 15,
  summary: 'The ``#XGETADDRINFO`` command allows you to resolve hostnames to IPv4 and IPv6 addresses.',
  forms: {
    set: {
      supported: true,
      requirement: 'The set command allows you to resolve hostnames to IPv4 and IPv6 addresses.',
      syntax: '#XGETADDRINFO=<hostname>[,<address_family>]',
      parameters: [
        {
          name: 'hostname',
          wire: 'string',
          domain: { kind: 'string', format: 'hostname', firmwareMaxBytes: 127 },
          doc: 'The ``<hostname>`` parameter is a string. (The spec gives no limit; the firmware accepts at most 127 characters.)',
        },
        {
          name: 'address_family',
          wire: 'int32',
          domain: oneOf([0, 'Unspecified address family.'], [1, 'IPv4 address family.'], [2, 'IPv6 address family.']),
          optional: true,
          doc: 'The ``<address_family>`` parameter is an integer that gives a hint for DNS query on address family. If ``<address_family>`` is not specified, there will be no hint given for DNS query.',
        },
      ],
      responses: [
        shape('#XGETADDRINFO', 'set', [
          quotedField('ip_addresses', ADDRESS_LIST_PATTERN, 'The ``<ip_addresses>`` value is a string. It indicates the IPv4 or IPv6 address of the resolved hostname. The firmware puts several results in one string, separated by spaces.'),
        ], '#XGETADDRINFO: "<ip_addresses>", then OK.'),
        shape('#XGETADDRINFO', 'set', [
          quotedField('error', '^(?:EAI_[A-Z]+|not found)$', 'The name of the getaddrinfo error (gai_strerror), e.g. EAI_NONAME, or "not found" for an empty result.'),
        ], '#XGETADDRINFO: "EAI_NONAME" then ERROR: how the firmware reports a failed lookup (firmware-notes §4). The spec does not describe failures.',
        { variant: 'failure' }),
      ],
    },
    read: notSupported('read'),
    test: notSupported('test'),
  },
};
