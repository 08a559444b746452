// A device served as raw TCP, the way ser2net and lab exporters share a serial port:
// every byte of the socket is a byte of the UART, with no telnet negotiation.

import { Socket } from 'node:net';
import type { ByteLink } from '../at/link.ts';
import { DutUnavailableError, type DutDescription } from './dut.ts';
import { PhysicalDut } from './physical-dut.ts';
import type { ReadinessOptions } from './readiness.ts';
import { streamLink } from './stream-link.ts';

export interface TcpDutOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  readiness?: ReadinessOptions;
}

/** How long a closing exporter may take to close its side before we drop the socket. */
const CLOSE_GRACE_MS = 500;

export class TcpDut extends PhysicalDut {
  constructor(private readonly options: TcpDutOptions) {
    super(options.readiness);
  }

  describe(): DutDescription {
    return { adapter: 'tcp', target: tcpTarget(this.options.host, this.options.port) };
  }

  protected connect(): Promise<ByteLink> {
    return connectTcpWire(this.options.host, this.options.port, this.options.connectTimeoutMs);
  }
}

/** `host:port`, with an IPv6 address in brackets. */
export function tcpTarget(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The TCP connection to an exporter as a ByteLink (raw here; the RFC 2217 adapter speaks Telnet over it). */
export async function connectTcpWire(host: string, port: number, connectTimeoutMs = 5000, kind: 'tcp' | 'rfc2217' = 'tcp'): Promise<ByteLink> {
  const socket = await connectSocket(host, port, connectTimeoutMs, `${kind} target ${tcpTarget(host, port)}`);
  return streamLink(socket, () => new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  }));
}

function connectSocket(host: string, port: number, timeoutMs: number, target: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const fail = (error: DutUnavailableError): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const onError = (error: NodeJS.ErrnoException): void => fail(tcpFailure(target, error));
    const timer = setTimeout(() => fail(new DutUnavailableError('timeout', `${target} did not accept a connection within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', onError);
    socket.connect({ host, port }, () => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}

function tcpFailure(target: string, error: NodeJS.ErrnoException): DutUnavailableError {
  switch (error.code) {
    case 'ECONNREFUSED': return new DutUnavailableError('refused', `${target} refused the connection (is the exporter running?)`);
    case 'ETIMEDOUT': return new DutUnavailableError('timeout', `${target} did not answer (connection timed out)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return new DutUnavailableError('refused', `${target}: host name not found`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return new DutUnavailableError('refused', `${target} is unreachable (${error.code})`);
    default: return new DutUnavailableError('failed', `cannot connect to ${target}: ${error.message}`);
  }
}
