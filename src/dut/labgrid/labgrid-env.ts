// What `labgrid-client -p <place> env` prints, read for the one thing a run needs: where the
// place's serial console is exported. labgrid's YAML is
//   targets: {<place>: {resources: [{<class>: {<args>}}, …]}}
// and a NetworkSerialPort's args are host, port, speed and protocol (`rfc2217` unless `raw`).

import { parse } from 'yaml';

export interface LabgridSerialPort {
  host: string;
  port: number;
  /** The speed the lab configured for the board's console (labgrid's default: 115200). */
  speed: number;
  protocol: 'rfc2217' | 'raw';
}

const LABGRID_DEFAULT_SPEED = 115200;

/** The place's NetworkSerialPort; throws an Error with a one-line message when there is none. */
export function serialPortOfEnvironment(text: string, place: string): LabgridSerialPort {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`labgrid-client env printed no YAML (${(error as Error).message.split('\n', 1)[0]})`);
  }
  const targets = record(record(document)?.targets);
  if (!targets || Object.keys(targets).length === 0) throw new Error('labgrid-client env lists no target');
  // `+` (the place of LG_TOKEN) is expanded by labgrid-client: its env names the real place
  const names = Object.keys(targets);
  const name = names.includes(place) ? place : names.length === 1 ? names[0]! : undefined;
  if (name === undefined) throw new Error(`labgrid-client env lists targets ${names.join(', ')} but not ${place}`);
  const resources = record(targets[name])?.resources;
  const ports = (Array.isArray(resources) ? resources : [])
    .map((entry) => record(record(entry)?.NetworkSerialPort))
    .filter((args): args is Record<string, unknown> => args !== undefined);
  if (ports.length === 0) throw new Error(`place ${name} has no NetworkSerialPort (its serial console is not exported)`);
  if (ports.length > 1) throw new Error(`place ${name} has ${ports.length} NetworkSerialPorts; name the board's console in its own place`);
  return portOf(ports[0]!, name);
}

function portOf(args: Record<string, unknown>, place: string): LabgridSerialPort {
  const host = args.host;
  const port = typeof args.port === 'string' ? Number(args.port) : args.port;
  if (typeof host !== 'string' || host === '') throw new Error(`the NetworkSerialPort of place ${place} has no host`);
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`the NetworkSerialPort of place ${place} has no valid port (${String(args.port)})`);
  }
  const speed = args.speed === undefined ? LABGRID_DEFAULT_SPEED : Number(args.speed);
  if (!Number.isInteger(speed) || speed <= 0) throw new Error(`the NetworkSerialPort of place ${place} has an invalid speed (${String(args.speed)})`);
  const protocol = args.protocol === undefined ? 'rfc2217' : args.protocol;
  if (protocol !== 'rfc2217' && protocol !== 'raw') throw new Error(`the NetworkSerialPort of place ${place} speaks '${String(protocol)}' (rfc2217 and raw are known)`);
  return { host, port, speed, protocol };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}
