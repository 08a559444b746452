// #XGETADDRINFO: resolve a name through the network map (notes §4 #XGETADDRINFO).

import type { AddressFamily, CommandModule } from '../types.ts';
import { refuse, requireOneOf } from './command-refusal.ts';
import { error, ok } from './reply.ts';
import { setOnlyCommand } from './set-only-command.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';

const HOSTNAME_LIMIT = 128;

export function xgetaddrinfoCommand(deps: SocketCommandDeps): CommandModule {
  return setOnlyCommand('#XGETADDRINFO', async (args) => {
    if (args.count !== 2 && args.count !== 3) refuse(`parameter count ${args.count}`);
    const hostname = args.string(1, HOSTNAME_LIMIT);
    const family: AddressFamily | undefined = args.count === 3 ? requireOneOf(args.int32(2), [0, 1, 2] as const, 'family') : undefined;
    // Without a network the modem's DNS client cannot ask anyone: a temporary failure.
    if (!deps.modem.useNetwork()) return error(['#XGETADDRINFO: "EAI_AGAIN"']);
    const addresses = deps.network.resolve(hostname, family);
    if (addresses.length === 0) return error(['#XGETADDRINFO: "EAI_NONAME"']);
    // Firmware bug: the loop formats the first result on every pass.
    const shown = deps.decisions.repeatFirstAddress ? addresses.map(() => addresses[0]!) : addresses;
    return ok([`#XGETADDRINFO: "${shown.join(' ')}"`]);
  });
}
