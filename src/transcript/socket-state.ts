// What a session has done to the device's sockets and to #XAPOLL, as far as the log
// shows: which handles are open, which were closed (and where), and what is polled.
// A log may start in the middle of a session, so a handle never seen before is taken
// as already open, and polling as running, instead of condemning everything before.

export type PollState =
  | { kind: 'unknown' }
  | { kind: 'stopped'; line: number }
  | { kind: 'running'; line: number; events: number; handles: ReadonlySet<number> | 'all' };

const POLLIN = 1;
const POLLOUT = 4;
/** POLLERR | POLLHUP | POLLNVAL: after one of these the socket reports nothing more (firmware-notes §7). */
const POLL_END = 8 | 16 | 32;

export class SocketState {
  private readonly open = new Map<number, number>();
  private readonly closed = new Map<number, number>();
  private readonly pollEnded = new Map<number, number>();
  /** The parameters of the command that opened each open handle (when the log shows it). */
  private readonly openings = new Map<number, ReadonlyMap<string, number | string>>();
  poll: PollState = { kind: 'unknown' };

  get openCount(): number {
    return this.open.size;
  }

  isOpen(handle: number): boolean {
    return this.open.has(handle);
  }

  /** Line where `handle` was closed, if the log shows it closed and not reopened. */
  closedAt(handle: number): number | undefined {
    return this.open.has(handle) ? undefined : this.closed.get(handle);
  }

  /** Line where `handle` was opened, if it is open. */
  openedAt(handle: number): number | undefined {
    return this.open.get(handle);
  }

  /** A handle used before the log shows it opened: take it as opened before the log began. */
  adopt(handle: number, line: number): void {
    if (!this.open.has(handle) && !this.closed.has(handle)) this.open.set(handle, line);
  }

  /** What the command that opened `handle` asked for, if the log shows it opened. */
  openingOf(handle: number): ReadonlyMap<string, number | string> | undefined {
    return this.openings.get(handle);
  }

  opened(handle: number, line: number, asked?: ReadonlyMap<string, number | string>): void {
    this.open.set(handle, line);
    if (asked) this.openings.set(handle, asked);
    else this.openings.delete(handle);
    this.closed.delete(handle);
    this.pollEnded.delete(handle);
  }

  closedHandle(handle: number, line: number): void {
    this.open.delete(handle);
    this.openings.delete(handle);
    this.closed.set(handle, line);
    this.pollEnded.delete(handle);
  }

  closeAll(line: number): void {
    for (const handle of [...this.open.keys()]) this.closedHandle(handle, line);
  }

  /** The device restarted: every socket is gone and nothing is polled. */
  reset(line: number): void {
    this.closeAll(line);
    this.poll = { kind: 'stopped', line };
  }

  startPolling(line: number, events: number, handles: readonly number[]): void {
    this.poll = { kind: 'running', line, events, handles: handles.length === 0 ? 'all' : new Set(handles) };
    this.pollEnded.clear();
  }

  stopPolling(line: number): void {
    this.poll = { kind: 'stopped', line };
    this.pollEnded.clear();
  }

  /** Why a `#XAPOLL: handle,revents` URC should not have come; undefined when it may. */
  unexpectedPollEvent(handle: number, revents: number, line: number): string | undefined {
    const poll = this.poll;
    if (poll.kind === 'unknown') {
      this.poll = { kind: 'running', line, events: POLLIN | POLLOUT, handles: 'all' };
      this.adopt(handle, line);
      return this.recordPollEvent(handle, revents, line);
    }
    if (poll.kind === 'stopped') return `polling is stopped (since line ${poll.line})`;
    if (poll.handles !== 'all' && !poll.handles.has(handle)) {
      return `socket ${handle} is not among the polled sockets (${[...poll.handles].join(', ')}; #XAPOLL at line ${poll.line})`;
    }
    const closedLine = this.closedAt(handle);
    if (closedLine !== undefined) return `socket ${handle} was closed at line ${closedLine}; no event follows #XCLOSE`;
    this.adopt(handle, line);
    const unpolled = revents & ~poll.events & (POLLIN | POLLOUT);
    if (unpolled) return `revents ${revents} reports ${unpolled === POLLIN ? 'POLLIN' : unpolled === POLLOUT ? 'POLLOUT' : 'POLLIN and POLLOUT'}, which <events> ${poll.events} does not poll (line ${poll.line})`;
    return this.recordPollEvent(handle, revents, line);
  }

  private recordPollEvent(handle: number, revents: number, line: number): string | undefined {
    const ended = this.pollEnded.get(handle);
    if (ended !== undefined) return `socket ${handle} already reported an error or hang-up at line ${ended}; polling of it has ended`;
    if (revents & POLL_END) this.pollEnded.set(handle, line);
    return undefined;
  }
}
