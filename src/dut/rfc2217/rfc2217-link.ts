// A serial port behind an RFC 2217 access server (ser2net, pyserial's rfc2217_server,
// labgrid's exporters): the Telnet connection is negotiated (BINARY both ways,
// COM-PORT-OPTION), the line is set up, and what remains is a ByteLink of the serial
// port's own bytes. IAC is doubled on every write and undoubled on every read, payloads
// included, so all 256 byte values pass.
//
// A server that does not acknowledge a setting still works (ser2net on a pty never
// acknowledges DTR/RTS): each missing or different answer becomes a warning for the
// report, not a failure. A server that refuses COM-PORT-OPTION or BINARY is not one we
// can use, and says so in one line.

import type { ByteLink } from '../../at/link.ts';
import { answeredDifferently, answers, describeAnswer, FLOWCONTROL_RESUME, FLOWCONTROL_SUSPEND, lineSetupRequests, requestValue, SERVER_OFFSET, type ComPortRequest, type SerialLineSettings } from './com-port-commands.ts';
import { OPTION_BINARY, OPTION_COM_PORT, OPTION_SUPPRESS_GO_AHEAD } from './telnet-codes.ts';
import { TelnetOptions, type OptionCommand } from './telnet-options.ts';
import { escapeIac, optionCommand, subnegotiation, TelnetDecoder, type TelnetEvent } from './telnet-stream.ts';

export interface Rfc2217Options {
  line: SerialLineSettings;
  /** pyserial's `ign_set_control`: do not wait for (or warn about) answers to SET-CONTROL. */
  ignoreSetControl: boolean;
  /** How long to wait for the option negotiation and for each group of answers. */
  timeoutMs: number;
}

export interface Rfc2217Connection {
  link: ByteLink;
  /** Settings the server did not confirm, one line each. */
  warnings: string[];
}

/** The server refused (or never answered) what RFC 2217 needs; `message` is one line. */
export class Rfc2217Refused extends Error {}

/**
 * The server dropped the connection while the line was being set up: pyserial's
 * rfc2217_server does that when its port cannot set DTR/RTS. Worth one retry without them.
 */
export class LineSetupDropped extends Rfc2217Refused {}

const POLICY = {
  usAccepts: new Set([OPTION_BINARY, OPTION_SUPPRESS_GO_AHEAD, OPTION_COM_PORT]),
  // ECHO is refused: the server would send our commands back as if the device had
  himAccepts: new Set([OPTION_BINARY, OPTION_SUPPRESS_GO_AHEAD, OPTION_COM_PORT]),
};

/** Negotiates over `wire` (the raw TCP bytes); on failure the caller closes the wire. */
export async function openRfc2217(wire: ByteLink, options: Rfc2217Options): Promise<Rfc2217Connection> {
  const session = new TelnetSession(wire);
  try {
    await session.negotiateOptions(options.timeoutMs);
    const warnings = await session.setUpLine(lineSetupRequests(options.line), options);
    return { link: session.dataLink(), warnings };
  } catch (error) {
    session.detach();
    throw error;
  }
}

class TelnetSession {
  private readonly decoder = new TelnetDecoder();
  private readonly options = new TelnetOptions(POLICY);
  private readonly stopReading: () => void;
  private readonly stopWatchingClose: () => void;
  /** Device bytes that arrived before anyone listened (a board's `Ready`). */
  private backlog: Buffer[] = [];
  private readonly dataListeners = new Set<(bytes: Buffer) => void>();
  private readonly changeListeners = new Set<() => void>();
  /** Server COM-PORT-OPTION values while the line is being set up (afterwards nobody reads them). */
  private answers: Buffer[] | undefined;
  private closed = false;
  /** The server asked us to stop sending (FLOWCONTROL-SUSPEND) until it resumes. */
  private suspended: Promise<void> | undefined;
  private resume: (() => void) | undefined;

  constructor(private readonly wire: ByteLink) {
    this.stopReading = wire.onData((chunk) => this.take(chunk));
    this.stopWatchingClose = wire.onClose(() => { this.closed = true; this.changed(); });
  }

  async negotiateOptions(timeoutMs: number): Promise<void> {
    this.send([
      ...this.options.request('us', OPTION_BINARY, true),
      ...this.options.request('him', OPTION_BINARY, true),
      ...this.options.request('us', OPTION_COM_PORT, true),
    ]);
    const settled = (): boolean => [
      this.options.state('us', OPTION_BINARY), this.options.state('him', OPTION_BINARY), this.options.state('us', OPTION_COM_PORT),
    ].every((state) => state === 'yes' || state === 'no');
    const heard = await this.until(settled, timeoutMs);
    if (this.closed) throw new Rfc2217Refused('the server closed the connection during the Telnet negotiation');
    if (!heard) throw new Rfc2217Refused(`no Telnet answer to WILL COM-PORT-OPTION within ${timeoutMs} ms (a raw TCP port is tcp:<host>:<port>; a server that could not open its serial port says nothing either)`);
    if (!this.options.enabled('us', OPTION_COM_PORT)) throw new Rfc2217Refused('the server refused COM-PORT-OPTION (DONT 44): it is a Telnet server without RFC 2217');
    if (!this.options.enabled('us', OPTION_BINARY) || !this.options.enabled('him', OPTION_BINARY)) {
      throw new Rfc2217Refused('the server refused BINARY transmission, so bytes above 0x7F would not pass');
    }
  }

  /** Sends every request at once and waits for the answers (one timeout for all). */
  async setUpLine(requests: readonly ComPortRequest[], options: Rfc2217Options): Promise<string[]> {
    const awaited = requests.filter((request) => !(request.control && options.ignoreSetControl));
    const answered = new Map<ComPortRequest, Buffer>();
    let seen = 0;
    const received: Buffer[] = [];
    this.answers = received;
    const collect = (): boolean => {
      for (; seen < received.length; seen++) {
        const value = received[seen]!;
        const request = awaited.find((candidate) => !answered.has(candidate) && answers(candidate, value));
        if (request) answered.set(request, value);
      }
      return answered.size === awaited.length || this.closed;
    };
    for (const request of requests) this.wire.write(subnegotiation(OPTION_COM_PORT, requestValue(request))).catch(() => undefined);
    await this.until(collect, options.timeoutMs);
    this.answers = undefined;
    if (this.closed) {
      const sent = requests.map((request) => request.label).join(', ');
      throw new LineSetupDropped(`the server closed the connection while setting up the line (${sent})`);
    }
    const warnings: string[] = [];
    for (const request of awaited) {
      const value = answered.get(request);
      if (!value) warnings.push(`the RFC 2217 server did not acknowledge ${request.label} within ${options.timeoutMs} ms`);
      else if (answeredDifferently(request, value)) warnings.push(`the RFC 2217 server answered ${request.label} with ${describeAnswer(request, value)}`);
    }
    return warnings;
  }

  dataLink(): ByteLink {
    const session = this;
    return {
      async write(bytes: Buffer): Promise<void> {
        while (session.suspended) await session.suspended;
        await session.wire.write(escapeIac(bytes));
      },
      onData(listener: (bytes: Buffer) => void): () => void {
        session.dataListeners.add(listener);
        const waiting = session.backlog;
        session.backlog = [];
        for (const bytes of waiting) listener(bytes);
        return () => { session.dataListeners.delete(listener); };
      },
      onClose: (listener) => session.wire.onClose(listener),
      close: () => { session.detach(); return session.wire.close(); },
    };
  }

  detach(): void {
    this.stopReading();
    this.stopWatchingClose();
    this.resume?.();
  }

  private take(chunk: Buffer): void {
    for (const event of this.decoder.decode(chunk)) this.handle(event);
    this.changed();
  }

  private handle(event: TelnetEvent): void {
    switch (event.kind) {
      case 'data':
        if (this.dataListeners.size === 0) this.backlog.push(event.bytes);
        else for (const listener of [...this.dataListeners]) listener(event.bytes);
        return;
      case 'option':
        this.send(this.options.receive(event.verb, event.option));
        return;
      case 'subnegotiation':
        if (event.option === OPTION_COM_PORT) this.comPort(event.value);
        return;
      case 'command':
        return; // NOP, GA, DM…: nothing a serial line needs
    }
  }

  private comPort(value: Buffer): void {
    const command = value[0];
    if (command === FLOWCONTROL_SUSPEND + SERVER_OFFSET && !this.suspended) {
      this.suspended = new Promise((resolve) => { this.resume = () => { this.suspended = undefined; this.resume = undefined; resolve(); }; });
    } else if (command === FLOWCONTROL_RESUME + SERVER_OFFSET) {
      this.resume?.();
    } else {
      // answers, NOTIFY-LINESTATE and NOTIFY-MODEMSTATE; only answers during the set-up are looked at
      this.answers?.push(value);
    }
  }

  private send(commands: readonly OptionCommand[]): void {
    for (const { verb, option } of commands) this.wire.write(optionCommand(verb, option)).catch(() => undefined);
  }

  private changed(): void {
    for (const listener of [...this.changeListeners]) listener();
  }

  /** Resolves true as soon as `condition` holds, false after `timeoutMs`. */
  private until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (condition()) finish(true);
        else if (this.closed) finish(false);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (result: boolean): void => {
        clearTimeout(timer);
        this.changeListeners.delete(check);
        resolve(result);
      };
      this.changeListeners.add(check);
    });
  }
}
