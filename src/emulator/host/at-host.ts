// The SM AT host (firmware-notes §1, §6, §1.7): turns received bytes into command lines,
// runs one command at a time, frames the answers, queues URCs until the host is between
// commands, and switches to data mode when a command asks for it after its OK.
// Like the firmware's single work queue, everything here (input, the data-mode quiet
// timer, URC flushing) runs as jobs in one queue, so a blocking command holds back all
// later input and all URCs until it returns.

import { AtParamError, type CommandContext, type CommandModule, type DataModeSink, type EmulatorProfile, type Reply } from '../types.ts';
import { parseAtArgs } from '../at-args.ts';
import { commandName, commandText, passesGrammarCheck } from './command-grammar.ts';
import { DataModeSession } from './data-mode.ts';
import type { DataModeTiming } from './data-mode-timing.ts';
import { LineAssembler, type AssembledLine, type LineTermination } from './line-assembler.ts';
import type { HostOutput } from './output.ts';
import { UrcQueue } from './urc-queue.ts';

export interface AtHostOptions {
  profile: EmulatorProfile;
  commands: readonly CommandModule[];
  output: HostOutput;
  timing: DataModeTiming;
  /** Build-time terminator choice; 'cr' is the firmware default. */
  termination?: LineTermination;
  /** SM_AT_MAX_CMD_LEN. */
  maxLineLength?: number;
  /** CONFIG_SM_DATAMODE_BUF_SIZE. */
  dataModeBufferSize?: number;
  /** CONFIG_SM_URC_BUFFER_SIZE. */
  urcBufferBytes?: number;
  /** CONFIG_SM_URC_DELAY_WITH_INCOMPLETE_ECHO_MS: how long URCs wait after echoing part of a line (default 1000). */
  urcHoldAfterPartialEchoMs?: number;
  /** A command module threw something other than AtParamError (the line was answered ERROR). */
  onInternalError?: (error: unknown) => void;
}

const ERROR_REPLY: Reply = { parts: [], final: 'ERROR' };
const CR = 0x0d;
const LF = 0x0a;

export class AtHost {
  private readonly exactNames = new Map<string, CommandModule>();
  private readonly modemNames = new Map<string, CommandModule>();
  private readonly assembler: LineAssembler;
  private readonly urcs: UrcQueue;
  private readonly context: CommandContext;
  private echoOn = false;
  private session: DataModeSession | undefined;
  private pendingSink: DataModeSink | undefined;
  private lastTerminator = 0;
  private dropLeadingLf = false;
  private quietMs = 0;
  private quietTimer: NodeJS.Timeout | undefined;
  private tail: Promise<void> = Promise.resolve();
  private pendingJobs = 0;
  private unprocessedInput = 0;
  private urcFlushScheduled = false;
  /** When the echo last left a line unfinished (echo on, command still being typed). */
  private partialEchoAt: number | undefined;
  private heldUrcTimer: NodeJS.Timeout | undefined;
  private rebootTimer: NodeJS.Timeout | undefined;
  /** Between AT#XRESET's OK and `Ready`: the chip restarts and its UART takes nothing. */
  private rebooting = false;
  private closed = false;

  constructor(private readonly options: AtHostOptions) {
    this.register(...options.commands);
    this.assembler = new LineAssembler(options.termination ?? 'cr', options.maxLineLength ?? 4096);
    this.urcs = new UrcQueue(options.urcBufferBytes ?? 4096);
    const host = this;
    this.context = {
      profile: options.profile,
      urc: (line) => host.urc(line),
      enterDataMode: (sink) => {
        host.pendingSink = sink;
      },
      get inDataMode() {
        return host.session !== undefined;
      },
    };
  }

  /**
   * Runs `init` (e.g. starting the network side and registering its commands), then
   * sends `Ready`, or `INIT ERROR` if init failed (firmware-notes §1.6). Input that
   * arrives meanwhile waits, as on a booting device.
   */
  start(init?: () => Promise<void>): void {
    this.enqueue(() => this.boot(init));
  }

  private async boot(init?: () => Promise<void>): Promise<void> {
    try {
      await init?.();
    } catch (error) {
      this.options.onInternalError?.(error);
      await this.options.output.send({ kind: 'init-error' });
      return;
    }
    await this.options.output.send({ kind: 'ready' });
  }

  /** Adds command modules (before `start`'s init finishes, so before any command runs). */
  register(...modules: CommandModule[]): void {
    for (const module of modules) this.registerOne(module);
  }

  /**
   * AT#XRESET: `delayMs` after the command's OK (the firmware's final_call, so the OK gets
   * out), the chip restarts: input is lost until then, queued URCs are gone, echo is off
   * again (a static flag), then `init` runs and `Ready` follows as at power-up.
   */
  reboot(delayMs: number, init: () => Promise<void>): void {
    this.rebooting = true;
    clearTimeout(this.rebootTimer);
    this.rebootTimer = setTimeout(() => {
      this.enqueue(async () => this.forgetVolatileState());
      this.start(async () => {
        try {
          await init();
        } finally {
          this.rebooting = false;
        }
      });
    }, delayMs);
  }

  /**
   * The chip restarts at once, unasked (a crash right after an answer went out). Called
   * from within the job that sent that answer, so input that arrives meanwhile waits for
   * `Ready` instead of being lost: where the restart strikes does not depend on timing.
   */
  async restartNow(init: () => Promise<void>): Promise<void> {
    this.forgetVolatileState();
    await this.boot(init);
  }

  /** What a restart loses: queued URCs, the line being typed, echo (a static flag), data mode. */
  private forgetVolatileState(): void {
    this.urcs.drain();
    this.setEcho(false);
    this.assembler.reset();
    this.pendingSink = undefined;
    this.session = undefined;
    clearTimeout(this.quietTimer);
  }

  /** Bytes from the serial line, in order. */
  receive(bytes: Buffer): void {
    if (this.closed || this.rebooting || bytes.length === 0) return;
    const copy = Buffer.from(bytes);
    this.unprocessedInput += copy.length;
    this.enqueue(async () => {
      try {
        await this.process(copy);
      } finally {
        this.unprocessedInput -= copy.length;
      }
    });
  }

  /** Bytes received from the host and not yet processed (a server stops reading above a bound). */
  get pendingInputBytes(): number {
    return this.unprocessedInput;
  }

  /** Queues an unsolicited line; it goes out between commands, and after data mode ends. */
  urc(line: string): void {
    if (this.closed || !this.urcs.push(line) || this.urcFlushScheduled) return;
    this.urcFlushScheduled = true;
    this.enqueue(async () => {
      this.urcFlushScheduled = false;
      await this.flushUrcs();
    });
  }

  setEcho(on: boolean): void {
    this.echoOn = on;
    this.partialEchoAt = undefined;
  }

  get echo(): boolean {
    return this.echoOn;
  }

  get inDataMode(): boolean {
    return this.session !== undefined;
  }

  /** URCs dropped because their buffer was full. */
  get droppedUrcs(): number {
    return this.urcs.dropped;
  }

  /** Resolves once every job queued so far (and any they queued) has run. */
  async idle(): Promise<void> {
    while (this.pendingJobs > 0) await this.tail;
  }

  /** Stops taking input and timers; a command still running finishes on its own. */
  close(): void {
    this.closed = true;
    clearTimeout(this.quietTimer);
    clearTimeout(this.heldUrcTimer);
    clearTimeout(this.rebootTimer);
  }

  private registerOne(module: CommandModule): void {
    // '+' and '%' commands belong to the modem, whose parser ignores case; SM's own
    // commands are intercepted case-sensitively (firmware-notes §1.1).
    const modemNative = module.name.startsWith('+') || module.name.startsWith('%');
    const names = modemNative ? this.modemNames : this.exactNames;
    const key = modemNative ? module.name.toUpperCase() : module.name;
    if (names.has(key)) throw new Error(`two command modules are named ${module.name}`);
    names.set(key, module);
  }

  private lookup(name: string): CommandModule | undefined {
    if (name.startsWith('+') || name.startsWith('%')) return this.modemNames.get(name.toUpperCase());
    return this.exactNames.get(name);
  }

  private enqueue(job: () => Promise<void>): void {
    this.pendingJobs++;
    this.tail = this.tail
      .then(job)
      .catch((error) => this.options.onInternalError?.(error))
      .finally(() => {
        this.pendingJobs--;
      });
  }

  private async process(bytes: Buffer): Promise<void> {
    clearTimeout(this.quietTimer);
    let offset = 0;
    while (offset < bytes.length && !this.closed) {
      offset += this.session ? await this.feedDataMode(bytes, offset) : await this.feedCommandMode(bytes, offset);
    }
    if (this.session) this.startQuietTimer(this.session);
  }

  private async feedCommandMode(bytes: Buffer, offset: number): Promise<number> {
    const { consumed, line } = this.assembler.push(bytes, offset);
    if (this.echoOn) {
      this.partialEchoAt = line ? undefined : performance.now();
      await this.options.output.send({ kind: 'echo', bytes: bytes.subarray(offset, offset + consumed) });
    }
    if (line) {
      this.lastTerminator = bytes[offset + consumed - 1]!;
      await this.runLine(line);
    }
    return consumed;
  }

  private async runLine(line: AssembledLine): Promise<void> {
    if (!line.overflowed && line.bytes.length === 0) return; // an empty line is ignored
    const reply = line.overflowed ? ERROR_REPLY : await this.execute(line.bytes.toString('latin1'));
    const output = this.options.output;
    for (const part of reply.parts) {
      await output.send('line' in part ? { kind: 'line', text: part.line } : { kind: 'raw', bytes: part.raw });
    }
    if (reply.final !== 'none') await output.send({ kind: 'final', code: reply.final });
    const sink = this.pendingSink;
    this.pendingSink = undefined;
    if (sink && reply.final === 'OK') this.enterDataMode(sink);
    else await this.flushUrcs();
  }

  private async execute(line: string): Promise<Reply> {
    const text = commandText(line);
    if (!passesGrammarCheck(text)) return ERROR_REPLY;
    const module = this.lookup(commandName(text));
    if (!module) return ERROR_REPLY;
    try {
      const { form, args } = parseAtArgs(text);
      return await module.run(form, args, this.context);
    } catch (error) {
      if (!(error instanceof AtParamError)) this.options.onInternalError?.(error);
      return ERROR_REPLY;
    }
  }

  private enterDataMode(sink: DataModeSink): void {
    this.session = new DataModeSession(sink, this.options.dataModeBufferSize ?? 4096);
    this.quietMs = this.options.timing.forEntry();
    // In a CR-terminated build the LF of a host's CRLF after the entering command is the
    // first payload byte (firmware-notes §1.1). The `doc` profile takes the spec
    // literally, where no such byte exists, so it drops that LF.
    this.dropLeadingLf = this.options.profile.name === 'doc' && this.lastTerminator === CR;
  }

  private async feedDataMode(bytes: Buffer, offset: number): Promise<number> {
    const session = this.session!;
    if (this.dropLeadingLf) {
      this.dropLeadingLf = false;
      if (bytes[offset] === LF) return 1;
    }
    const { consumed, terminated } = await session.feed(bytes, offset);
    if (terminated) await this.exitDataMode(session);
    return consumed;
  }

  private async exitDataMode(session: DataModeSession): Promise<void> {
    clearTimeout(this.quietTimer);
    const status = await session.finish();
    this.session = undefined;
    await this.options.output.send({ kind: 'line', text: `#XDATAMODE: ${status}` });
    await this.flushUrcs();
  }

  private startQuietTimer(session: DataModeSession): void {
    this.quietTimer = setTimeout(() => {
      this.enqueue(async () => {
        if (this.session === session) await session.quietTimeElapsed();
      });
    }, this.quietMs);
  }

  private async flushUrcs(): Promise<void> {
    if (this.session) return; // held until data mode ends
    if (this.partialEchoAt !== undefined) {
      // While a command is being typed with echo on, URCs wait so they do not land in
      // the middle of the echoed line (firmware-notes §1.5).
      const waitMs = this.partialEchoAt + (this.options.urcHoldAfterPartialEchoMs ?? 1000) - performance.now();
      if (waitMs > 0) {
        clearTimeout(this.heldUrcTimer);
        this.heldUrcTimer = setTimeout(() => this.enqueue(() => this.flushUrcs()), waitMs);
        return;
      }
    }
    for (const text of this.urcs.drain()) await this.options.output.send({ kind: 'urc', text });
  }
}
