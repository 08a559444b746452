// Runs AT commands over any ByteLink: one command at a time, each answer collected from
// the write to its final result code under a deadline, and everything that arrives
// outside a command's answer (URCs above all) kept in a queue that callers can await.

import type { AtEvent, PayloadRule } from './events.ts';
import type { ByteLink } from './link.ts';
import { AtReader } from './at-reader.ts';
import { AtLinkClosedError, AtNoFinalCodeError, AtTimeoutError } from './at-errors.ts';
import { commandNameOf } from './line-classification.ts';
import { commandBytes, type CommandTerminator } from './command-builder.ts';
import { monotonicMicroseconds, type MicrosecondClock } from './monotonic-clock.ts';

export type FinalEvent = Extract<AtEvent, { kind: 'final' }>;
export type PayloadEvent = Extract<AtEvent, { kind: 'payload' }>;
export type UrcEvent = Extract<AtEvent, { kind: 'urc' }>;

export interface AtResponse {
  /** The command line as written, without terminator. */
  command: string;
  /** The echo of the command, if the device echoed it. */
  echo: string | undefined;
  /** Information lines in order (payload headers included). */
  lines: string[];
  payloads: PayloadEvent[];
  final: FinalEvent;
  /** Every event of the answer in wire order, framing errors included. */
  events: AtEvent[];
  /** Every byte received from the write up to the end of the final result code. */
  raw: Buffer;
  sentAtUs: number;
  finishedAtUs: number;
}

export type WireDirection = 'tx' | 'rx';
/** Sees every byte in both directions, as written or received. */
export type WireTap = (direction: WireDirection, bytes: Buffer, atUs: number) => void;

export interface AtRunnerOptions {
  payloadRule: PayloadRule;
  /** Deadline of a command when send() gives none (default 10 000 ms). */
  timeoutMs?: number;
  /** Default: CR, as the firmware's default build. */
  terminator?: CommandTerminator;
  clock?: MicrosecondClock;
  maxLineBytes?: number;
  maxPayloadBytes?: number;
  urcPrefixes?: readonly string[];
  /** Unsolicited events kept until taken; the oldest are dropped beyond this (default 1024). */
  maxQueuedEvents?: number;
  /**
   * A command that once let its deadline pass after answering information lines (a device
   * that leaves out that command's final code) is not given the whole deadline again: its
   * later answers end, with an AtNoFinalCodeError, once the device has been quiet this long
   * after an information line. Unset: every answer waits for its final code or deadline.
   */
  missingFinalGraceMs?: number;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface SendOptions extends WaitOptions {
  /** This command's terminator instead of the runner's (e.g. CRLF, to show a CR build takes it). */
  terminator?: CommandTerminator;
}

export interface UrcWaitOptions extends WaitOptions {
  /** Only a URC for which this returns true is taken. */
  match?: (urc: UrcEvent) => boolean;
}

interface Collector {
  command: string;
  /** Set when the device is known to leave out this command's final code (AtRunnerOptions.missingFinalGraceMs). */
  graceMs: number | undefined;
  graceTimer?: ReturnType<typeof setTimeout>;
  /** An information line of the answer has arrived. */
  answered: boolean;
  events: AtEvent[];
  received: Buffer[];
  receivedBytes: number;
  /** Reader position when the write started; raw is cut relative to it. */
  startPosition: number;
  sentAtUs: number;
  resolve(response: AtResponse): void;
  reject(error: Error): void;
}

interface UrcWaiter {
  name: string;
  match: ((urc: UrcEvent) => boolean) | undefined;
  received: Buffer[];
  resolve(urc: UrcEvent): void;
  reject(error: Error): void;
}

/** The name a URC is awaited by: its text up to the colon ('#XAPOLL' for '#XAPOLL: 1,4'). */
function checkedTimeout(timeoutMs: number, subject: string): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`${subject}: timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  return timeoutMs;
}

function urcName(text: string): string {
  const colon = text.indexOf(':');
  return colon < 0 ? text : text.slice(0, colon);
}

export class AtRunner {
  private readonly reader: AtReader;
  private readonly clock: MicrosecondClock;
  private readonly defaultTimeoutMs: number;
  private readonly terminator: CommandTerminator;
  private readonly maxQueuedEvents: number;
  private readonly taps = new Set<WireTap>();
  private readonly eventListeners = new Set<(event: AtEvent) => void>();
  private readonly unsolicited: AtEvent[] = [];
  private readonly urcWaiters = new Set<UrcWaiter>();
  private readonly detachers: (() => void)[];
  private collector: Collector | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private closedBecause: { error?: Error } | undefined;
  private droppedEvents = 0;
  private readonly missingFinalGraceMs: number | undefined;
  /** Commands (`#XCLOSE`) whose deadline passed after information lines: the device leaves out their final code. */
  private readonly finalless = new Set<string>();

  constructor(private readonly link: ByteLink, options: AtRunnerOptions) {
    this.clock = options.clock ?? monotonicMicroseconds;
    this.defaultTimeoutMs = checkedTimeout(options.timeoutMs ?? 10_000, 'AtRunner');
    this.terminator = options.terminator ?? '\r';
    this.maxQueuedEvents = options.maxQueuedEvents ?? 1024;
    this.missingFinalGraceMs = options.missingFinalGraceMs;
    this.reader = new AtReader({
      payloadRule: options.payloadRule,
      onEvent: (event) => this.dispatch(event),
      clock: this.clock,
      ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
      ...(options.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: options.maxPayloadBytes }),
      ...(options.urcPrefixes === undefined ? {} : { urcPrefixes: options.urcPrefixes }),
    });
    this.detachers = [
      link.onData((bytes) => this.receive(bytes)),
      link.onClose((error) => this.linkClosed(error)),
    ];
  }

  /** Unsolicited events dropped because nobody took them and the queue was full. */
  get droppedUnsolicited(): number {
    return this.droppedEvents;
  }

  /**
   * Writes a command line (no terminator: the runner adds it) and resolves with its answer
   * once the final result code arrives. Commands wait for the previous one to finish.
   * Rejects with AtTimeoutError when no final code arrives within timeoutMs of the write.
   */
  send(commandLine: string, options: SendOptions = {}): Promise<AtResponse> {
    let bytes: Buffer;
    let timeoutMs: number;
    try {
      bytes = commandBytes(commandLine, options.terminator ?? this.terminator);
      timeoutMs = checkedTimeout(options.timeoutMs ?? this.defaultTimeoutMs, commandLine);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.exclusive(() => this.run(commandLine, bytes, timeoutMs));
  }

  /** Writes bytes as they are (data mode), in turn with commands. */
  writeRaw(bytes: Buffer): Promise<void> {
    return this.exclusive(async () => {
      this.refuseWhenClosed('raw write');
      this.tap('tx', bytes, this.clock());
      await this.link.write(bytes);
    });
  }

  /**
   * Takes the first queued URC named `name` ('#XAPOLL' matches '#XAPOLL: 1,4'; 'Ready'
   * matches 'Ready'), or waits for one.
   */
  urc(name: string, options: UrcWaitOptions = {}): Promise<UrcEvent> {
    const wanted = name.endsWith(':') ? name.slice(0, -1) : name;
    const index = this.unsolicited.findIndex((event) => event.kind === 'urc' && urcName(event.text) === wanted && (options.match?.(event) ?? true));
    if (index >= 0) return Promise.resolve(this.unsolicited.splice(index, 1)[0] as UrcEvent);
    const subject = `waiting for URC ${wanted}`;
    if (this.closedBecause) return Promise.reject(new AtLinkClosedError(subject, Buffer.alloc(0), this.closedBecause.error));
    let timeoutMs: number;
    try {
      timeoutMs = checkedTimeout(options.timeoutMs ?? this.defaultTimeoutMs, subject);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<UrcEvent>((resolve, reject) => {
      const waiter: UrcWaiter = {
        name: wanted,
        match: options.match,
        received: [],
        resolve: (urc) => { clearTimeout(timer); this.urcWaiters.delete(waiter); resolve(urc); },
        reject: (error) => { clearTimeout(timer); this.urcWaiters.delete(waiter); reject(error); },
      };
      const timer = setTimeout(() => {
        waiter.reject(new AtTimeoutError(subject, timeoutMs, Buffer.concat(waiter.received), 'no matching URC arrived'));
      }, timeoutMs);
      this.urcWaiters.add(waiter);
    });
  }

  /** Everything received outside a command's answer since the last call: URCs, and any stray line, final code or framing error. */
  takeUrcs(): AtEvent[] {
    return this.unsolicited.splice(0, this.unsolicited.length);
  }

  /** What takeUrcs would take, left in place. */
  peekUrcs(): readonly AtEvent[] {
    return [...this.unsolicited];
  }

  /** Sees every event the reader finds, answers and unsolicited alike (boot lines, say); returns a remover. */
  onEvent(listener: (event: AtEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => { this.eventListeners.delete(listener); };
  }

  /** Registers a tap on every byte written and received; returns a remover. */
  onWire(tap: WireTap): () => void {
    this.taps.add(tap);
    return () => { this.taps.delete(tap); };
  }

  /** Stops listening to the link (the link itself stays open); pending work is rejected. */
  detach(): void {
    for (const detach of this.detachers) detach();
    this.linkClosed(new Error('the runner was detached from the link'));
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private refuseWhenClosed(subject: string): void {
    if (this.closedBecause) throw new AtLinkClosedError(subject, Buffer.alloc(0), this.closedBecause.error);
  }

  private run(commandLine: string, bytes: Buffer, timeoutMs: number): Promise<AtResponse> {
    this.refuseWhenClosed(commandLine);
    return new Promise<AtResponse>((resolve, reject) => {
      const sentAtUs = this.clock();
      const name = commandNameOf(commandLine);
      const finish = (): void => {
        clearTimeout(timer);
        clearTimeout(collector.graceTimer);
        if (this.collector === collector) this.collector = undefined;
      };
      const collector: Collector = {
        command: commandLine,
        graceMs: name !== undefined && this.finalless.has(name) ? this.missingFinalGraceMs : undefined,
        answered: false,
        events: [],
        received: [],
        receivedBytes: 0,
        startPosition: this.reader.position,
        sentAtUs,
        resolve: (response) => { finish(); resolve(response); },
        reject: (error) => { finish(); this.reader.abandonResponse(); reject(error); },
      };
      const timer = setTimeout(() => {
        if (collector.answered && name !== undefined && this.missingFinalGraceMs !== undefined) this.finalless.add(name);
        collector.reject(new AtTimeoutError(commandLine, timeoutMs, Buffer.concat(collector.received), 'no final result code arrived'));
      }, timeoutMs);
      this.collector = collector;
      this.reader.expectResponse(commandLine);
      this.tap('tx', bytes, sentAtUs);
      this.link.write(bytes).catch((error: Error) => {
        collector.reject(new Error(`${commandLine}: writing the command failed: ${error.message}`, { cause: error }));
      });
    });
  }

  private receive(bytes: Buffer): void {
    this.tap('rx', bytes, this.clock());
    const collector = this.collector;
    if (collector) {
      collector.received.push(bytes);
      collector.receivedBytes += bytes.length;
    }
    for (const waiter of this.urcWaiters) waiter.received.push(bytes);
    this.reader.feed(bytes);
    if (collector && this.collector === collector && collector.answered && collector.graceMs !== undefined) {
      // the answer is over when the device goes quiet after its lines, final code or not
      clearTimeout(collector.graceTimer);
      collector.graceTimer = setTimeout(() => {
        collector.reject(new AtNoFinalCodeError(collector.command, Buffer.concat(collector.received), collector.graceMs!));
      }, collector.graceMs);
    }
  }

  private dispatch(event: AtEvent): void {
    for (const listener of this.eventListeners) listener(event);
    const collector = this.collector;
    if (collector && event.kind !== 'urc') {
      collector.events.push(event);
      if (event.kind === 'line') collector.answered = true;
      if (event.kind === 'final') collector.resolve(this.responseOf(collector, event));
      return;
    }
    if (event.kind === 'urc') {
      for (const waiter of this.urcWaiters) {
        if (urcName(event.text) === waiter.name && (waiter.match?.(event) ?? true)) {
          waiter.resolve(event);
          return;
        }
      }
    }
    this.unsolicited.push(event);
    if (this.unsolicited.length > this.maxQueuedEvents) {
      this.unsolicited.shift();
      this.droppedEvents++;
    }
  }

  private responseOf(collector: Collector, final: FinalEvent): AtResponse {
    const answerLength = this.reader.position - collector.startPosition;
    const raw = Buffer.concat(collector.received, collector.receivedBytes).subarray(0, answerLength);
    let echo: string | undefined;
    const lines: string[] = [];
    const payloads: PayloadEvent[] = [];
    for (const event of collector.events) {
      if (event.kind === 'echo') echo = event.text;
      else if (event.kind === 'line') lines.push(event.text);
      else if (event.kind === 'payload') payloads.push(event);
    }
    return {
      command: collector.command,
      echo,
      lines,
      payloads,
      final,
      events: collector.events,
      raw,
      sentAtUs: collector.sentAtUs,
      finishedAtUs: final.atUs,
    };
  }

  private linkClosed(error?: Error): void {
    if (this.closedBecause) return;
    this.closedBecause = error ? { error } : {};
    const collector = this.collector;
    if (collector) collector.reject(new AtLinkClosedError(collector.command, Buffer.concat(collector.received), error));
    for (const waiter of [...this.urcWaiters]) {
      waiter.reject(new AtLinkClosedError(`waiting for URC ${waiter.name}`, Buffer.concat(waiter.received), error));
    }
  }

  private tap(direction: WireDirection, bytes: Buffer, atUs: number): void {
    for (const tap of this.taps) tap(direction, bytes, atUs);
  }
}
