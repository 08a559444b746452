// The shape every loopback peer shares: where it listens, what it received, how to stop it.

import type { PeerRecord } from './peer-record.ts';

/** What a peer does with what it receives. */
export type PeerBehaviour =
  | 'echo'             // send every read/datagram straight back
  | 'sink'             // record only, never answer
  | 'close-after-echo'; // echo the first read, then close the connection (the #XAPOLL example)

export interface PeerEndpoint {
  host: string;
  port: number;
}

export interface Peer {
  readonly name: string;
  readonly transport: 'tcp' | 'udp';
  /** One per listening host (127.0.0.1 and/or ::1), each on its own ephemeral port. */
  readonly endpoints: readonly PeerEndpoint[];
  readonly record: PeerRecord;
  /** Stops listening and drops every connection; resolves when all handles are released. */
  close(): Promise<void>;
}

export interface PeerOptions {
  name: string;
  /** Hosts to listen on. */
  hosts: readonly string[];
  behaviour: PeerBehaviour;
  /** The port on every host; default 0 (an ephemeral one each). */
  port?: number;
}

/** Connection numbers per remote address:port, for datagram peers (streams count accepts). */
export class SourceNumbering {
  readonly #numbers = new Map<string, number>();

  numberOf(address: string, port: number): number {
    const key = `${address}|${port}`;
    let number = this.#numbers.get(key);
    if (number === undefined) {
      number = this.#numbers.size + 1;
      this.#numbers.set(key, number);
    }
    return number;
  }
}

/**
 * Opens one listener per host (each on its own ephemeral port). If one cannot be opened,
 * the ones already open are closed again before the error goes on, so nothing leaks.
 */
export async function listenOnEveryHost<Handle>(
  hosts: readonly string[],
  open: (host: string, opened: (handle: Handle) => void) => Promise<number>,
  close: (handle: Handle) => Promise<void>,
): Promise<{ handles: Handle[]; endpoints: PeerEndpoint[] }> {
  const handles: Handle[] = [];
  const endpoints: PeerEndpoint[] = [];
  try {
    for (const host of hosts) endpoints.push({ host, port: await open(host, (handle) => handles.push(handle)) });
  } catch (error) {
    await Promise.all(handles.map(close));
    throw error;
  }
  return { handles, endpoints };
}
