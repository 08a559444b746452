// #XAPOLL: start/stop asynchronous poll URCs; read and test forms (notes §7, E19–E21).

import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { ok } from './reply.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';

export function xapollCommand(deps: SocketCommandDeps): CommandModule {
  const { poll, table } = deps;
  return {
    name: '#XAPOLL',
    async run(form, args, ctx) {
      if (form === 'test') return ok(['#XAPOLL: (0,1),<0,1,4,5>,<handle1>,<handle2>,...']);
      if (form === 'read') return ok([poll.statusLine()]);
      const op = args.int32(1);
      if (op === 0) {
        // Stop needs no <events> (E19) and clears every socket's poll state.
        poll.stop();
        return ok();
      }
      if (op !== 1) refuse(`op ${op}`);
      const pollAll = args.count <= 3;
      if (!poll.begin(args.int32(2), pollAll, (line) => ctx.urc(line))) refuse('events other than POLLIN/POLLOUT');
      for (let index = 3; index < args.count; index += 1) {
        // An unknown handle leaves polling running with the sockets marked so far (notes §7).
        const handle = args.int32(index);
        poll.mark(table.find(handle) ?? refuse(`unknown handle ${handle}`));
      }
      poll.runPollWork();
      return ok();
    },
  };
}
