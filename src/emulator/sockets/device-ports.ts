// Where the device's own ports (its servers, its bound sockets) are on this machine. A served
// emulator binds the device's own port numbers, so a client finds its servers where a board's
// would be (run --device-host); in process, ephemeral ports keep parallel emulators apart.

import type { LoopbackEndpoint } from '../types.ts';

/** A device port that another program holds here, and the ephemeral port standing in for it. */
export interface TakenDevicePort {
  transport: 'tcp' | 'udp';
  host: LoopbackEndpoint['host'];
  port: number;
  instead: number;
}

export interface DevicePorts {
  /** Bind the device's own port numbers (EmulatorOptions.bindDevicePorts); otherwise ephemeral ones. */
  bindOwnNumbers: boolean;
  /** The loopback address they are on (EmulatorOptions.deviceHost); default: by the socket's family. */
  host?: LoopbackEndpoint['host'];
  /** Told when a device port is taken here: a client sent to it will not reach the device. */
  onTaken?: (taken: TakenDevicePort) => void;
}

export const EPHEMERAL_DEVICE_PORTS: DevicePorts = { bindOwnNumbers: false };

/** One line for the person serving the emulator. */
export function describeTakenDevicePort(taken: TakenDevicePort): string {
  const at = taken.host.includes(':') ? `[${taken.host}]:${taken.port}` : `${taken.host}:${taken.port}`;
  return `the device's ${taken.transport.toUpperCase()} port ${at} is held by another program on this machine; the device uses port ${taken.instead} instead, so a client sent to ${at} (run --device-host) will not reach it`;
}
