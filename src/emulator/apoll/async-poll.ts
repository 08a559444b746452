// #XAPOLL state (notes §7): which sockets are polled for what, and the one-shot URCs.
// The firmware registers a modem poll callback per socket; here each socket reports its
// readiness changes and the check runs on the next turn of the event loop, so that
// events arriving together (data and FIN) make one URC, e.g. `#XAPOLL: 1,17`.

import type { EmulatedSocket } from '../sockets/emulated-socket.ts';
import { POLL_ALWAYS, POLLIN, POLLOUT } from '../sockets/poll-events.ts';
import type { SocketTable } from '../sockets/socket-table.ts';

export interface AsyncPollRules {
  /**
   * firmware: a socket whose watch mask is empty gets no callback, so after
   * `AT#XAPOLL=1,0` no HUP/ERR ever arrives. doc: HUP/ERR/NVAL are "always polled".
   */
  registerWithoutEvents: boolean;
  /** firmware: an events value with bad bits is stored (and shown by `AT#XAPOLL?`) before it is refused. */
  storeInvalidEvents: boolean;
}

interface PollState {
  /** IN/OUT still armed (one-shot). */
  watch: number;
  registered: boolean;
  /** After ERR/HUP/NVAL: nothing more until the socket is closed. */
  disabled: boolean;
  pending: NodeJS.Immediate | undefined;
}

const ARMABLE = POLLIN | POLLOUT;

export class AsyncPoll {
  private running = false;
  private events = 0;
  private pollAll = false;
  private readonly states = new Map<EmulatedSocket, PollState>();
  private emit: (line: string) => void = () => undefined;

  constructor(private readonly table: SocketTable, private readonly rules: AsyncPollRules) {
    table.subscribe({
      opened: (socket) => this.opened(socket),
      closed: (socket) => this.forget(socket),
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Starts (or restarts) polling; false when `events` has bits other than IN/OUT.
   * With `pollAll`, every open socket and every later one is armed; otherwise the
   * caller marks sockets one by one and then calls registerMarked().
   */
  begin(events: number, pollAll: boolean, emit: (line: string) => void): boolean {
    const valid = (events & ~ARMABLE) === 0;
    if (!valid) {
      if (this.rules.storeInvalidEvents) this.events = events;
      return false;
    }
    this.clearStates();
    this.running = true;
    this.events = events;
    this.pollAll = pollAll;
    this.emit = emit;
    if (pollAll) for (const socket of this.table.sockets()) this.mark(socket);
    return true;
  }

  /** Adds a socket to the polled set without registering it yet. */
  mark(socket: EmulatedSocket): void {
    this.forget(socket);
    this.states.set(socket, { watch: this.events & ARMABLE, registered: false, disabled: false, pending: undefined });
  }

  /** Registers the callbacks of every marked socket that has something to wait for. */
  registerMarked(): void {
    for (const [socket, state] of this.states) {
      if (!state.registered && (state.watch !== 0 || this.rules.registerWithoutEvents)) this.register(socket, state);
    }
  }

  stop(): void {
    this.clearStates();
    this.running = false;
    this.events = 0;
    this.pollAll = false;
  }

  /**
   * Re-arms a one-shot event: POLLIN after #XRECV/#XRECVFROM returned data, POLLOUT after
   * any #XSEND/#XSENDTO and on data-mode exit. Only bits in the started mask count.
   */
  rearm(socket: EmulatedSocket, event: typeof POLLIN | typeof POLLOUT): void {
    if (!this.running) return;
    const state = this.states.get(socket);
    const added = event & this.events;
    if (!state || state.disabled || added === 0) return;
    state.watch |= added;
    if (state.registered) this.schedule(socket, state);
    else this.register(socket, state);
  }

  /** `#XAPOLL: <running>,<events>[,<handle>…]`: polled open sockets in slot order. */
  statusLine(): string {
    const polled = this.running ? this.table.sockets().filter((socket) => this.pollAll || this.states.has(socket)) : [];
    return `#XAPOLL: ${this.running ? 1 : 0},${this.events}${polled.map((socket) => `,${socket.handle}`).join('')}`;
  }

  private opened(socket: EmulatedSocket): void {
    if (!this.running || !this.pollAll) return;
    this.mark(socket);
    this.registerMarked();
  }

  private register(socket: EmulatedSocket, state: PollState): void {
    state.registered = true;
    socket.setPollListener(() => this.schedule(socket, state));
    this.schedule(socket, state);
  }

  private schedule(socket: EmulatedSocket, state: PollState): void {
    if (state.pending || state.disabled) return;
    state.pending = setImmediate(() => {
      state.pending = undefined;
      this.check(socket, state);
    });
  }

  private check(socket: EmulatedSocket, state: PollState): void {
    if (this.states.get(socket) !== state || state.disabled) return;
    const revents = socket.pollEvents() & (state.watch | POLL_ALWAYS);
    if (revents === 0) return;
    state.watch &= ~revents;
    if ((revents & POLL_ALWAYS) !== 0) {
      state.disabled = true;
      socket.setPollListener(undefined);
    }
    this.emit(`#XAPOLL: ${socket.handle},${revents}`);
  }

  private forget(socket: EmulatedSocket): void {
    const state = this.states.get(socket);
    if (!state) return;
    clearImmediate(state.pending);
    this.states.delete(socket);
    socket.setPollListener(undefined);
  }

  private clearStates(): void {
    for (const socket of [...this.states.keys()]) this.forget(socket);
  }
}
