// Telnet option negotiation by RFC 1143's "Q method": for every option, one state for our
// side (we send WILL/WONT, the peer answers DO/DONT) and one for the peer's side (we send
// DO/DONT, it answers WILL/WONT). Each state is NO, YES, WANTNO or WANTYES, with a one-deep
// queue for a change of mind while a request is outstanding. A side never answers a
// request that would not change its state, so two agents can never loop.
//
// Pure: the machine gets what was received or what we want, and returns the commands to
// send; it owns no socket.

import { DO, DONT, WILL, WONT, type Verb } from './telnet-codes.ts';

export type QState = 'no' | 'yes' | 'wantno' | 'wantyes';
export type Side = 'us' | 'him';

interface SideState {
  state: QState;
  /** RFC 1143's queue bit: the opposite of the outstanding request is wanted next. */
  queuedOpposite: boolean;
}

export interface OptionCommand {
  verb: Verb;
  option: number;
}

export interface TelnetOptionPolicy {
  /** Options we agree to perform when the peer asks (DO). */
  usAccepts: ReadonlySet<number>;
  /** Options we agree to let the peer perform when it offers (WILL). */
  himAccepts: ReadonlySet<number>;
}

export class TelnetOptions {
  private readonly sides = new Map<string, SideState>();

  constructor(private readonly policy: TelnetOptionPolicy) {}

  state(side: Side, option: number): QState {
    return this.side(side, option).state;
  }

  enabled(side: Side, option: number): boolean {
    return this.state(side, option) === 'yes';
  }

  /** We want `side` to perform `option` (true) or stop (false). */
  request(side: Side, option: number, enable: boolean): OptionCommand[] {
    const s = this.side(side, option);
    const [yes, no] = side === 'us' ? [WILL, WONT] as const : [DO, DONT] as const;
    const other: QState = enable ? 'no' : 'yes';
    const asking: QState = enable ? 'wantyes' : 'wantno';
    const askingOther: QState = enable ? 'wantno' : 'wantyes';
    if (s.state === other) {
      s.state = asking;
      return [{ verb: enable ? yes : no, option }];
    }
    // a request the other way is outstanding: change our mind once it is answered
    if (s.state === askingOther) s.queuedOpposite = true;
    // our own request is outstanding: forget a queued change of mind
    else if (s.state === asking) s.queuedOpposite = false;
    return [];
  }

  /** A WILL/WONT/DO/DONT from the peer; returns our answers (none when the state is already what was said). */
  receive(verb: Verb, option: number): OptionCommand[] {
    const side: Side = verb === WILL || verb === WONT ? 'him' : 'us';
    const positive = verb === WILL || verb === DO;
    const accepts = side === 'us' ? this.policy.usAccepts : this.policy.himAccepts;
    const [yes, no] = side === 'us' ? [WILL, WONT] as const : [DO, DONT] as const;
    const s = this.side(side, option);
    const answer = (agree: boolean): OptionCommand[] => [{ verb: agree ? yes : no, option }];

    if (positive) {
      switch (s.state) {
        case 'no':
          if (accepts.has(option)) { s.state = 'yes'; return answer(true); }
          return answer(false);
        case 'yes':
          return [];
        case 'wantno':
          // the peer answered our disable with an enable: RFC 1143 treats it as an error, state NO
          // unless we had changed our mind meanwhile
          if (s.queuedOpposite) { s.state = 'yes'; s.queuedOpposite = false; } else s.state = 'no';
          return [];
        case 'wantyes':
          if (s.queuedOpposite) { s.state = 'wantno'; s.queuedOpposite = false; return answer(false); }
          s.state = 'yes';
          return [];
      }
    }
    switch (s.state) {
      case 'no':
        return [];
      case 'yes':
        s.state = 'no';
        return answer(false);
      case 'wantno':
        if (s.queuedOpposite) { s.state = 'wantyes'; s.queuedOpposite = false; return answer(true); }
        s.state = 'no';
        return [];
      case 'wantyes':
        s.state = 'no';
        s.queuedOpposite = false;
        return [];
    }
  }

  private side(side: Side, option: number): SideState {
    const key = `${side}:${option}`;
    let s = this.sides.get(key);
    if (!s) {
      s = { state: 'no', queuedOpposite: false };
      this.sides.set(key, s);
    }
    return s;
  }
}
