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
    const { host, port } = this.options;
    return { adapter: 'tcp', target: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}` };
  }

  protected async connect(): Promise<ByteLink> {
    const socket = await this.connectSocket();
    return streamLink(socket, () => new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    }));
  }

  private connectSocket(): Promise<Socket> {
    const target = this.describe().target;
    const timeoutMs = this.options.connectTimeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const fail = (error: DutUnavailableError): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const onError = (error: NodeJS.ErrnoException): void => fail(tcpFailure(target, error));
      const timer = setTimeout(() => fail(new DutUnavailableError('timeout', `tcp target ${target} did not accept a connection within ${timeoutMs} ms`)), timeoutMs);
      socket.once('error', onError);
      socket.connect({ host: this.options.host, port: this.options.port }, () => {
        clearTimeout(timer);
        socket.off('error', onError);
        socket.setNoDelay(true);
        resolve(socket);
      });
    });
  }
}

function tcpFailure(target: string, error: NodeJS.ErrnoException): DutUnavailableError {
  switch (error.code) {
    case 'ECONNREFUSED': return new DutUnavailableError('refused', `tcp target ${target} refused the connection (is the exporter running?)`);
    case 'ETIMEDOUT': return new DutUnavailableError('timeout', `tcp target ${target} did not answer (connection timed out)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return new DutUnavailableError('refused', `tcp target ${target}: host name not found`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return new DutUnavailableError('refused', `tcp target ${target} is unreachable (${error.code})`);
    default: return new DutUnavailableError('failed', `cannot connect to tcp target ${target}: ${error.message}`);
  }
}
