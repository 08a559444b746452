// #XAPOLL state, modelled on the firmware's poll work (notes §7): each polled socket has
// the IN/OUT bits its one-shot modem callback waits for, bits waiting to be added at the
// next poll work (re-arming), and the bits a fired callback reported. The poll work runs
// after socket events on the next turn of the event loop, so that events arriving together
// (data and FIN) make one URC, e.g. `#XAPOLL: 1,17`, and it visits every socket in slot
// order, registering any that has something pending (as the firmware's work item does).

import type { EmulatedSocket } from '../sockets/emulated-socket.ts';
import { POLL_ALWAYS, POLLIN, POLLOUT } from '../sockets/poll-events.ts';
import type { SocketTable } from '../sockets/socket-table.ts';

export interface AsyncPollRules {
  /**
   * firmware: a callback is registered only for pending IN/OUT bits or after a report, so
   * after `AT#XAPOLL=1,0` no HUP/ERR ever arrives. doc: HUP/ERR/NVAL are "always polled".
   */
  registerWithoutEvents: boolean;
  /** firmware: an events value with bad bits is stored (and shown by `AT#XAPOLL?`) before it is refused. */
  storeInvalidEvents: boolean;
  /**
   * firmware: starting "poll all" again keeps each socket's state (a socket silenced by
   * HUP stays silent); doc: a new start replaces the previous one entirely.
   */
  pollAllRestartKeepsState: boolean;
}

interface PollState {
  /** IN/OUT the callback waits for; reported bits leave until re-armed. */
  events: number;
  /** IN/OUT to add at the next poll work (the firmware's update_events). */
  update: number;
  /** What the fired callback saw, not yet reported. */
  revents: number;
  /** The registered one-shot callback's mask, if one is registered. */
  callback: number | undefined;
  /** Listed in `AT#XAPOLL=1,<events>,<handle>…`. */
  specific: boolean;
  /** After ERR/HUP/NVAL: nothing more until the socket is closed. */
  disabled: boolean;
  /** doc: register once even with no IN/OUT to wait for. */
  registerAnyway: boolean;
}

const ARMABLE = POLLIN | POLLOUT;

export class AsyncPoll {
  private running = false;
  private events = 0;
  private pollAll = false;
  private readonly states = new Map<EmulatedSocket, PollState>();
  private emit: (line: string) => void = () => undefined;
  private work: NodeJS.Immediate | undefined;

  constructor(private readonly table: SocketTable, private readonly rules: AsyncPollRules) {
    table.subscribe({
      opened: (socket) => this.rearm(socket, POLLIN | POLLOUT),
      closed: (socket) => this.forget(socket),
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Starts (or restarts) polling; false when `events` has bits other than IN/OUT. With
   * `pollAll`, every open socket and every later one is polled; otherwise the caller marks
   * the listed sockets and then calls runPollWork().
   */
  begin(events: number, pollAll: boolean, emit: (line: string) => void): boolean {
    if ((events & ~ARMABLE) !== 0) {
      if (this.rules.storeInvalidEvents) this.events = events;
      return false;
    }
    if (!pollAll || !this.rules.pollAllRestartKeepsState) this.clearStates();
    this.running = true;
    this.events = events;
    this.pollAll = pollAll;
    this.emit = emit;
    if (pollAll) for (const socket of this.table.sockets()) this.stateOf(socket).update = events;
    return true;
  }

  /** Adds a listed socket to the polled set; it is registered at the next poll work. */
  mark(socket: EmulatedSocket): void {
    const state = this.stateOf(socket);
    state.specific = true;
    state.update = this.events;
  }

  /** The poll work the firmware runs at the end of a successful `AT#XAPOLL=1,…`. */
  runPollWork(): void {
    clearImmediate(this.work);
    this.work = undefined;
    if (!this.running) return;
    this.fireCallbacks();
    for (const socket of this.table.sockets()) {
      const state = this.states.get(socket);
      if (state) this.report(socket, state);
    }
  }

  stop(): void {
    this.clearStates();
    clearImmediate(this.work);
    this.work = undefined;
    this.running = false;
    this.events = 0;
    this.pollAll = false;
  }

  /**
   * Re-arms one-shot events (delegate_poll_event): POLLIN after #XRECV/#XRECVFROM returned
   * data, POLLOUT after any #XSEND/#XSENDTO and on data-mode exit, both for a new socket
   * under "poll all". Only bits in the started mask count.
   */
  rearm(socket: EmulatedSocket, events: number): void {
    // A socket closed meanwhile (e.g. a data-mode exit after a reset) is not polled again.
    if (!this.running || this.table.find(socket.handle) !== socket) return;
    const state = this.pollAll ? this.stateOf(socket) : this.states.get(socket);
    if (!state || !(this.pollAll || state.specific)) return;
    state.update |= this.events & events;
    this.scheduleWork();
  }

  /** `#XAPOLL: <running>,<events>[,<handle>…]`: polled open sockets in slot order. */
  statusLine(): string {
    const polled = this.table.sockets().filter((socket) => this.pollAll || this.states.get(socket)?.specific);
    return `#XAPOLL: ${this.running ? 1 : 0},${this.events}${polled.map((socket) => `,${socket.handle}`).join('')}`;
  }

  /** One socket's turn in the poll work: report what fired, then re-register if anything is pending. */
  private report(socket: EmulatedSocket, state: PollState): void {
    const revents = state.revents;
    state.revents = 0;
    if (revents !== 0) {
      this.emit(`#XAPOLL: ${socket.handle},${revents}`);
      if ((revents & POLL_ALWAYS) !== 0) state.disabled = true;
      else state.events &= ~revents;
    }
    if (state.disabled || (revents === 0 && state.update === 0 && !state.registerAnyway)) return;
    state.registerAnyway = false;
    state.events |= state.update;
    state.update = 0;
    state.callback = state.events;
    socket.setPollListener(() => this.scheduleWork());
    // Registering on a socket that is already ready fires the callback at once.
    if (this.fire(socket, state)) this.scheduleWork();
  }

  /** Registered callbacks whose condition holds fire once (they are one-shot). */
  private fireCallbacks(): void {
    for (const [socket, state] of this.states) this.fire(socket, state);
  }

  private fire(socket: EmulatedSocket, state: PollState): boolean {
    if (state.callback === undefined) return false;
    const revents = socket.pollEvents() & (state.callback | POLL_ALWAYS);
    if (revents === 0) return false;
    state.revents |= revents;
    state.callback = undefined;
    return true;
  }

  private scheduleWork(): void {
    this.work ??= setImmediate(() => this.runPollWork());
  }

  private stateOf(socket: EmulatedSocket): PollState {
    let state = this.states.get(socket);
    if (!state) {
      state = {
        events: 0, update: 0, revents: 0, callback: undefined, specific: false, disabled: false,
        registerAnyway: this.rules.registerWithoutEvents,
      };
      this.states.set(socket, state);
    }
    return state;
  }

  private forget(socket: EmulatedSocket): void {
    if (!this.states.delete(socket)) return;
    socket.setPollListener(undefined);
  }

  private clearStates(): void {
    for (const socket of [...this.states.keys()]) this.forget(socket);
  }
}
