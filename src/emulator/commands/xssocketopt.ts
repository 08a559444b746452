// #XSSOCKETOPT: get/set TLS/DTLS options of a secure socket (notes §4 #XSSOCKETOPT).
// Output formats the spec leaves undocumented (E6): hostname unquoted, cipher suite 0x….

import { isSecureOptionName, TLS_SESSION_CACHE_PURGE, type SecureOptionValue } from '../sockets/secure-options.ts';
import type { CommandModule } from '../types.ts';
import { refuse } from './command-refusal.ts';
import { error, ok } from './reply.ts';
import { requireSocket, type SocketCommandDeps } from './socket-command-deps.ts';

/** A string value must fit the firmware's 128-byte buffer with its terminator. */
const STRING_VALUE_LIMIT = 128;

export function xssocketoptCommand(deps: SocketCommandDeps): CommandModule {
  return {
    name: '#XSSOCKETOPT',
    async run(form, args) {
      if (form === 'test') return ok(['#XSSOCKETOPT: <handle>,(0,1),<name>,<value>']);
      if (form !== 'set') return error();
      const socket = requireSocket(deps, args);
      const secure = socket.identity.secure ?? refuse('not a secure socket');
      const op = args.uint16(2);
      if (op !== 0 && op !== 1) refuse(`op ${op}`);
      const name = args.uint16(3);
      if (!isSecureOptionName(name)) refuse(`option ${name}`);
      if (op === 0) return ok([`#XSSOCKETOPT: ${socket.handle},${formatValue(secure.get(name, socket))}`]);
      if (!args.has(4)) {
        if (name === TLS_SESSION_CACHE_PURGE && !deps.decisions.purgeNeedsValue) return ok();
        refuse('value missing');
      }
      // The value is tried as an integer first, then as a string (notes §4).
      secure.set(name, args.isInteger(4) ? args.int32(4) : args.string(4, STRING_VALUE_LIMIT));
      return ok();
    },
  };
}

function formatValue(value: SecureOptionValue): string {
  switch (value.kind) {
    case 'cipher-suite': return `0x${value.value.toString(16)}`;
    case 'hostname': return value.value;
    case 'integer': return String(value.value);
  }
}
