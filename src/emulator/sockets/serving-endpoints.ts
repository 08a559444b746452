// The loopback endpoints this process serves the emulator on (`emulate --tcp <port>`). The
// device must never reach them: a connection from the device to its own serving port would
// take over the host's link (the TCP server gives a new connection the device and closes
// the old one). Kept per process, because every emulator of the process shares the ports.

import type { LoopbackEndpoint } from '../types.ts';

const serving = new Set<string>();

function keyOf(endpoint: LoopbackEndpoint): string {
  return `${endpoint.host} ${endpoint.port}`;
}

/** Marks `endpoint` as a serving port until the returned release is called. */
export function reserveServingEndpoint(endpoint: LoopbackEndpoint): () => void {
  const key = keyOf(endpoint);
  serving.add(key);
  return () => {
    serving.delete(key);
  };
}

export function isServingEndpoint(endpoint: LoopbackEndpoint): boolean {
  return serving.has(keyOf(endpoint));
}
