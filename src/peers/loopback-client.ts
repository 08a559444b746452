// A TCP client on this machine that connects to the device's own server (#XBIND, #XLISTEN,
// #XACCEPT), records what the device sends it and sends what a scenario tells it to; and
// one-off datagrams to a device's bound UDP socket. Both only ever reach 127.0.0.1 or ::1.

import dgram from 'node:dgram';
import net from 'node:net';
import type { PeerEndpoint } from './peer.ts';
import { isLoopbackHost } from './peer-set.ts';
import { PeerRecord } from './peer-record.ts';
import { EnvironmentError } from '../blame/verdict-errors.ts';

/** Errors of the connection itself that the device causes (nothing listens, it reset us). */
const DEVICE_CAUSED = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

export class LoopbackClient {
  readonly record: PeerRecord;
  #ended = false;
  readonly #endWaiters = new Set<() => void>();

  private constructor(private readonly socket: net.Socket, name: string) {
    this.record = new PeerRecord(name);
    const source = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    socket.on('data', (bytes: Buffer) => this.record.add(bytes, source, 1));
    socket.on('error', () => undefined); // a reset shows as the end of the connection
    socket.on('close', () => {
      this.#ended = true;
      for (const wake of this.#endWaiters) wake();
      this.#endWaiters.clear();
    });
  }

  /**
   * Connects to `endpoint` (loopback only). Rejects with a plain Error when the device
   * refuses (its fault), with EnvironmentError when this machine cannot connect.
   */
  static connect(endpoint: PeerEndpoint, options: { name?: string; timeoutMs?: number } = {}): Promise<LoopbackClient> {
    if (!isLoopbackHost(endpoint.host)) return Promise.reject(notLoopback(endpoint));
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: endpoint.host, port: endpoint.port });
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`connecting to the device's server at ${where(endpoint)} timed out after ${timeoutMs} ms`)), timeoutMs);
      socket.once('error', (error: NodeJS.ErrnoException) => {
        const message = `connecting to the device's server at ${where(endpoint)} failed: ${error.message}`;
        fail(error.code !== undefined && DEVICE_CAUSED.has(error.code) ? new Error(message) : new EnvironmentError(message));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new LoopbackClient(socket, options.name ?? 'loopback client'));
      });
    });
  }

  /** The device closed the connection (or it was reset). */
  get ended(): boolean {
    return this.#ended;
  }

  /** Writes bytes to the device; rejects if the connection is gone. */
  send(bytes: Buffer): Promise<void> {
    if (this.#ended || this.socket.destroyed) return Promise.reject(new Error('the loopback client is no longer connected to the device'));
    return new Promise((resolve, reject) => this.socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** Resolves once the device has closed the connection; rejects after `timeoutMs`. */
  waitForEnd(timeoutMs: number): Promise<void> {
    if (this.#ended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#endWaiters.delete(wake);
        reject(new Error(`the device did not close the connection within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#endWaiters.add(wake);
    });
  }

  /** Closes our side (FIN), as a client that is done. */
  end(): Promise<void> {
    if (this.#ended) return Promise.resolve();
    return new Promise((resolve) => this.socket.end(() => resolve()));
  }

  /** Drops the connection and releases the socket. */
  close(): void {
    this.socket.destroy();
  }
}

/**
 * Sends one datagram from a fresh socket to the device's UDP socket at `endpoint` and
 * closes it. Resolves once the datagram has left; rejects with EnvironmentError when this
 * machine cannot send it.
 */
export async function sendLoopbackDatagram(endpoint: PeerEndpoint, bytes: Buffer): Promise<void> {
  if (!isLoopbackHost(endpoint.host)) throw notLoopback(endpoint);
  const socket = dgram.createSocket(endpoint.host === '::1' ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.send(bytes, endpoint.port, endpoint.host, (error) => (error ? reject(error) : resolve()));
    });
  } catch (error) {
    throw new EnvironmentError(`sending a datagram to the device at ${where(endpoint)} failed: ${(error as Error).message}`);
  } finally {
    socket.close();
  }
}

function notLoopback(endpoint: PeerEndpoint): Error {
  return new Error(`a loopback client reaches 127.0.0.1 or ::1 only, not ${endpoint.host}`);
}

function where(endpoint: PeerEndpoint): string {
  return endpoint.host.includes(':') ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}
