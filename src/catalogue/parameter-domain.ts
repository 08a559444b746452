// Whether a parameter value lies inside its domain, by the spec text and by the firmware
// (ParameterSpec.firmwareRange / firmwareMaxBytes). One rule, used by the transcript's
// command checker (is this line valid?) and by the bad-input derivation (which values must
// the device refuse?), so the two can never disagree.

import type { IntegerDomain, ParameterSpec, StringDomain, WireType } from './types.ts';

export interface DomainStatus {
  /** The spec text allows the value. */
  inSpec: boolean;
  /** The firmware the spec documents accepts the value. */
  inFirmware: boolean;
}

/** What at_parser itself accepts for an integer wire type (firmware-notes §2). */
export const WIRE_RANGE: Record<Exclude<WireType, 'string'>, { min: number; max: number }> = {
  uint16: { min: 0, max: 65535 },
  int32: { min: -2147483648, max: 2147483647 },
};

/** The wire type and domain that apply, given the values parsed before (e.g. hex data in mode 1). */
export function effectiveDomain(parameter: ParameterSpec, values: ReadonlyMap<string, number | string>): { wire: WireType; domain: IntegerDomain | StringDomain } {
  const variant = parameter.variants?.find((candidate) => candidate.when.values.includes(values.get(candidate.when.parameter) as number));
  return variant ?? parameter;
}

/** An integer inside the wire type's range: inside the spec's listed values or bounds, and the firmware's. */
export function integerStatus(domain: IntegerDomain, value: number): DomainStatus {
  const listed = domain.values?.map((entry) => entry.value);
  const inSpec = (listed === undefined || listed.includes(value)) && (domain.min === undefined || value >= domain.min) && (domain.max === undefined || value <= domain.max);
  const firmware = domain.firmwareRange;
  const inFirmware = inSpec || (firmware !== undefined && value >= firmware.min && value <= firmware.max);
  return { inSpec, inFirmware };
}

/** A string of `bytes` bytes against the spec's and the firmware's longest value. */
export function stringLengthStatus(domain: StringDomain, bytes: number): DomainStatus {
  const specMax = domain.maxBytes ?? Infinity;
  const firmwareMax = domain.firmwareMaxBytes ?? specMax;
  return { inSpec: bytes <= specMax, inFirmware: bytes <= firmwareMax };
}

const INTEGER_TOKEN = /^(0|[+-]?[1-9]\d*)$/;

/** at_parser's integer: `0`, or an optional sign and digits without a leading zero (`01`, `-0`, `0x10` are not). */
export function isIntegerToken(token: string): boolean {
  return INTEGER_TOKEN.test(token);
}



const HANDLE_PARAMETER = /^handle\d*$/;

/** Parameters naming a socket handle (`handle`, `handle1` … of #XAPOLL). */
export function isHandleParameter(name: string): boolean {
  return HANDLE_PARAMETER.test(name);
}
