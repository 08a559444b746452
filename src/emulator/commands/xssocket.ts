// #XSSOCKET: open a TLS 1.2 or DTLS 1.2 socket; list the secure ones (notes §4 #XSSOCKET).

import { SecureOptions } from '../sockets/secure-options.ts';
import type { CommandModule } from '../types.ts';
import { refuse, requireOneOf } from './command-refusal.ts';
import { error, ok } from './reply.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';
import { openSocket, readCid, readFamily } from './socket-opening.ts';

const IPPROTO_TLS_1_2 = 258;
const IPPROTO_DTLS_1_2 = 273;

export function xssocketCommand(deps: SocketCommandDeps): CommandModule {
  return {
    name: '#XSSOCKET',
    async run(form, args) {
      if (form === 'test') return ok(['#XSSOCKET: <handle>,(1,2),(1,2),(0,1),<sec_tag>,<peer_verify>,<cid>']);
      if (form === 'read') {
        return ok(deps.table.sockets().flatMap(({ handle, identity: { family, role, type, cid, secure } }) =>
          secure ? [`#XSSOCKET: ${handle},${family},${role},${type},${secure.secTag},${cid}`] : []));
      }
      if (form !== 'set') return error();
      const family = readFamily(deps, args);
      const type = requireOneOf(args.int32(2), [1, 2] as const, 'type');
      const role = args.uint16(3);
      if (role !== 0 && role !== 1) refuse(`role ${role}`);
      // Mandatory even for servers (E4); int32 parsing refuses values above 2147483647.
      const secTag = args.int32(4);
      // Unchecked by SM; the modem's setsockopt refuses levels other than 0–2.
      const peerVerify = args.count > 5 ? args.uint16(5) : role === 0 ? 2 : 0;
      if (peerVerify > 2) refuse(`peer_verify ${peerVerify}`);
      const cid = readCid(args, 6);
      const protocol = type === 1 ? IPPROTO_TLS_1_2 : IPPROTO_DTLS_1_2;
      const secure = new SecureOptions(protocol, secTag, peerVerify);
      const socket = openSocket(deps, { family, type, role, cid, secure });
      return ok([`#XSSOCKET: ${socket.handle},${type},${protocol}`]);
    },
  };
}
