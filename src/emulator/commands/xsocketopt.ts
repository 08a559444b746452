// #XSOCKETOPT: get/set the options the spec lists (notes §4 #XSOCKETOPT).

import { isSocketOptionName } from '../sockets/socket-options.ts';
import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { error, ok } from './reply.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';

export function xsocketoptCommand(deps: SocketCommandDeps): CommandModule {
  return {
    name: '#XSOCKETOPT',
    async run(form, args) {
      if (form === 'test') return ok(['#XSOCKETOPT: <handle>,(0,1),<name>,<value>']);
      if (form !== 'set') return error();
      const socket = requireSocket(deps, args);
      const op = args.uint16(2);
      if (op !== 0 && op !== 1) refuse(`op ${op}`);
      const name = args.uint16(3);
      if (!isSocketOptionName(name)) refuse(`option ${name}`);
      if (op === 0) return ok([`#XSOCKETOPT: ${socket.handle},${socket.options.get(name)}`]);
      // A set without <value> sends 0 (E6).
      socket.options.set(name, args.count > 4 ? args.int32(4) : 0);
      return ok();
    },
  };
}
