// #XSOCKET: open a TCP, UDP or raw socket; list the non-secure ones (notes §4 #XSOCKET).

import type { CommandModule } from '../types.ts';
import { refuse, requireOneOf } from './command-refusal.ts';
import { error, ok } from './reply.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';
import { openSocket, readCid, readFamily } from './socket-opening.ts';

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_IP = 0;

export function xsocketCommand(deps: SocketCommandDeps): CommandModule {
  return {
    name: '#XSOCKET',
    async run(form, args, ctx) {
      if (form === 'test') return ok(['#XSOCKET: <handle>,(1,2),(1,2,3),(0,1),<cid>']);
      if (form === 'read') {
        return ok(deps.table.sockets()
          .filter((socket) => !socket.identity.secure)
          .map(({ handle, identity: { family, role, type, cid } }) => `#XSOCKET: ${handle},${family},${role},${type},${cid}`));
      }
      if (form !== 'set') return error();
      const family = readFamily(deps, args);
      const type = requireOneOf(args.int32(2), [1, 2, 3] as const, 'type');
      const role = args.uint16(3);
      if (deps.decisions.validateRole && role !== 0 && role !== 1) refuse(`role ${role}`);
      const cid = readCid(args, 4);
      // A raw socket is a packet socket in client role whatever <op> and <role> say.
      const identity = type === 3 ? { family: 3 as const, type, role: 0, cid } : { family, type, role, cid };
      const socket = openSocket(deps, identity);
      const tcpProtocol = ctx.profile.fault === 'wrong-protocol' ? IPPROTO_UDP : IPPROTO_TCP;
      const protocol = type === 1 ? tcpProtocol : type === 2 ? IPPROTO_UDP : IPPROTO_IP;
      return ok([`#XSOCKET: ${socket.handle},${type},${protocol}`]);
    },
  };
}
