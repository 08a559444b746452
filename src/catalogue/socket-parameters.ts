// Parameters and response fields that several socket commands share, each written once
// with the spec's wording. Wire types follow at_parser (firmware-notes §2 and §4).

import type { FieldSpec, ParameterSpec, ResponseShape } from './types.ts';
import { integerField, oneOf, quotedField, range, shape } from './vocabulary.ts';

/** Text of an IPv4 or IPv6 address as the firmware prints it (inet_ntop). */
export const IP_ADDRESS_PATTERN = '^(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$';

/**
 * `<handle>` as a parameter. The handle is the modem's socket descriptor (firmware-notes §3);
 * at_parser reads it as a signed integer, and any value not in the socket table is refused.
 */
export function handleParameter(doc = 'The ``<handle>`` parameter is an integer that specifies the socket handle returned from ``#XSOCKET`` or ``#XSSOCKET`` commands.'): ParameterSpec {
  return { name: 'handle', wire: 'int32', domain: range(0), doc };
}

export function handleField(doc = 'The ``<handle>`` value is an integer indicating the socket handle.'): FieldSpec {
  return integerField('handle', range(0), doc);
}

export const CID_PARAMETER: ParameterSpec = {
  name: 'cid',
  wire: 'uint16',
  domain: range(0, 10),
  optional: true,
  default: 0,
  doc: 'The ``<cid>`` parameter is an integer indicating the used PDN connection. It represents ``cid`` in the ``+CGDCONT`` command. Its default value is ``0``. (The firmware refuses values above 10, the highest +CGDCONT cid.)',
};

export const CID_FIELD: FieldSpec = integerField(
  'cid',
  range(0, 10),
  'The ``<cid>`` value is an integer indicating the used PDN connection. It represents ``cid`` in the ``+CGDCONT`` command.',
);

export const ROLE_DOMAIN = oneOf([0, 'Client.'], [1, 'Server.']);

export function portParameter(doc: string): ParameterSpec {
  return { name: 'port', wire: 'uint16', domain: range(0, 65535), doc };
}

/** `<url>` of #XCONNECT and #XSENDTO: hostname or IP address, 128 bytes per spec, 127 in firmware (E11). */
export function urlParameter(doc: string): ParameterSpec {
  return {
    name: 'url',
    wire: 'string',
    domain: { kind: 'string', maxBytes: 128, firmwareMaxBytes: 127, format: 'hostname' },
    errata: ['E11'],
    doc,
  };
}

export const SEND_MODE_PARAMETER: ParameterSpec = {
  name: 'mode',
  wire: 'uint16',
  domain: oneOf(
    [0, 'String mode. Data is provided directly in the command as the ``<data>`` parameter.'],
    [1, 'Hex string mode. Data is provided as a hexadecimal string in the ``<data>`` parameter.'],
    [2, 'Data mode. |SM| enters ``sm_data_mode`` for data input.'],
  ),
  doc: 'The ``<mode>`` parameter specifies the data sending mode.',
};

export const SEND_FLAGS_PARAMETER: ParameterSpec = {
  name: 'flags',
  wire: 'int32',
  domain: oneOf(
    [0, 'No flags set.'],
    [512, 'Blocks send operation until the request is acknowledged. The request will not return until the send operation is completed by lower layers, or until the timeout given by the AT_SO_SNDTIMEO socket option, is reached. Valid timeout values are 1 to 600 seconds.'],
  ),
  errata: ['E26'],
  doc: 'The ``<flags>`` parameter sets the sending behavior. (The firmware passes any int32 to send() unchanged.)',
};

/** `<data>` of #XSEND and #XSENDTO: text in mode 0, hex in mode 1 (2800 characters per spec, 2802 in firmware, E10). */
export const SEND_DATA_PARAMETER: ParameterSpec = {
  name: 'data',
  wire: 'string',
  domain: { kind: 'string', format: 'text' },
  optional: true,
  requiredWhen: { parameter: 'mode', values: [0, 1] },
  variants: [
    {
      when: { parameter: 'mode', values: [1] },
      wire: 'string',
      domain: { kind: 'string', format: 'hex', maxBytes: 2800, firmwareMaxBytes: 2802 },
      doc: 'For hex string mode (``1``), it is a hexadecimal string representation of the data to be sent. The maximum payload size in hexadecimal string mode is up to 2800 characters (1400 bytes).',
    },
  ],
  errata: ['E10'],
  doc: 'The ``<data>`` parameter is required when ``<mode>`` is ``0`` (string mode) or ``1`` (hex string mode). For string mode (``0``), it is a string that contains the data to be sent. This parameter is not used when ``<mode>`` is ``2`` (data mode).',
};

const RECEIVE_MODES = oneOf(
  [0, 'Binary mode. Data is received as binary data.'],
  [1, 'Hex string mode. Data is received as a hexadecimal string representation.'],
);

export const RECEIVE_MODE_PARAMETER: ParameterSpec = {
  name: 'mode',
  wire: 'uint16',
  domain: RECEIVE_MODES,
  doc: 'The ``<mode>`` parameter specifies the receive mode.',
};

/**
 * `<flags>` of #XRECV and #XRECVFROM: the values both list, plus those only one lists
 * (#XRECV adds 256; the firmware passes any flags through, E14).
 */
export function receiveFlagsParameter(extra: readonly (readonly [number, string])[], doc: string, errata?: readonly string[],
  firmwareAccepts?: { value: number; erratum: string }): ParameterSpec {
  const listed = oneOf(
    [0, 'No flags set.'],
    [2, 'Read data without removing it from the socket input queue.'],
    [64, 'Override the operation to non-blocking.'],
    ...extra,
  );
  return {
    name: 'flags',
    wire: 'int32',
    domain: firmwareAccepts
      ? { ...listed, firmwareRange: { min: firmwareAccepts.value, max: firmwareAccepts.value, erratum: firmwareAccepts.erratum } }
      : listed,
    ...(errata ? { errata } : {}),
    doc: `The \`\`<flags>\`\` parameter sets the receiving behavior based on the BSD socket definition.${doc}`,
  };
}

export const RECEIVE_TIMEOUT_PARAMETER: ParameterSpec = {
  name: 'timeout',
  wire: 'int32',
  domain: range(0),
  doc: 'The ``<timeout>`` parameter sets the timeout value in seconds. When ``0``, it means no timeout, and it makes this request block indefinitely.',
};

export const DATA_LEN_PARAMETER: ParameterSpec = {
  name: 'data_len',
  wire: 'int32',
  domain: range(0, 2048),
  optional: true,
  default: 2048,
  doc: 'The ``<data_len>`` parameter is optional and sets the maximum number of bytes to receive. The maximum value is 2048 bytes, which is also the default value when the parameter is omitted.',
};

/** Fields `<handle>,<mode>,<size>` that open both receive headers; the raw payload follows. */
export const RECEIVE_HEADER_FIELDS: readonly FieldSpec[] = [
  handleField(),
  integerField('mode', RECEIVE_MODES, 'The ``<mode>`` value is an integer indicating the receive mode used.'),
  integerField('size', range(0, 2048), 'The ``<size>`` value is an integer that represents the actual number of bytes received. In case of hex string mode, it represents the number of bytes before conversion to hexadecimal format.'),
];

export const RECEIVE_PAYLOAD = { sizeField: 'size', modeField: 'mode' } as const;

/** `#XSEND: <handle>,<size>` / `#XSENDTO: <handle>,<size>`. */
export function sentShape(prefix: string): ResponseShape {
  return shape(prefix, 'set', [
    handleField(),
    integerField('size', range(0), 'The ``<size>`` value is an integer. It represents the actual number of bytes that has been sent.'),
  ], `${prefix}: <handle>,<size>. The firmware prints it on failure too, then ERROR (E12). Data mode (mode 2) answers OK alone.`,
  { errata: ['E12'] });
}

/** `#XDATAMODE: <status>`, printed when data mode ends (firmware-notes §6; the spec omits it, E9). */
export function dataModeExitShape(command: string): ResponseShape {
  return {
    id: `${command.slice(1)}.exit`,
    prefix: '#XDATAMODE',
    form: 'exit',
    fields: [integerField('status', range(), '0 on success; otherwise a negative errno.')],
    errata: ['E9'],
    doc: 'Printed when data mode ends (after the terminator ``+++``); 0 on success. Not in the spec (E9).',
  };
}

export const QUOTED_IP_FIELD: FieldSpec = quotedField('ip_addr', IP_ADDRESS_PATTERN, 'The ``<ip_addr>`` value is a string that represents the IPv4 or IPv6 address of the remote peer.');
