// The <data> of #XSEND/#XSENDTO in string mode (0) and hex string mode (1), checked
// before anything is sent (notes §4 #XSEND, E10).

import type { AtArgs } from '../types.ts';
import { refuse } from './command-refusal.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';

const HEX_TEXT = /^(?:[0-9A-Fa-f]{2})*$/;

export function readPayload(deps: SocketCommandDeps, args: AtArgs, index: number, mode: 0 | 1): Buffer {
  if (mode === 0) return Buffer.from(args.string(index), 'latin1');
  const hex = args.string(index, deps.decisions.hexMaxChars + 1);
  if (!HEX_TEXT.test(hex)) refuse('data is not an even-length hex string');
  return Buffer.from(hex, 'hex');
}
