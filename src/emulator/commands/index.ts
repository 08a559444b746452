// The 15 socket commands of the spec, on one shared socket table and #XAPOLL state.
//
//   createSocketCommands(deps: {
//     network: NetworkMap;        // every name and destination goes through it (sandbox)
//     secure: SecureConnector;    // TLS/DTLS handshakes for #XSSOCKET sockets
//     profile: EmulatorProfile;   // `firmware` | `doc` (see profile-decisions.ts); ctx.profile.fault
//                                 // is read per command (`wrong-protocol`)
//     modem?: NetworkAccess;      // registration and PDNs (default: always attached, every PDN up)
//     onInternalError?(error);    // an exception that is not a refusal (a bug): still ERROR
//   }): {
//     commands: CommandModule[];  // #XSOCKET … #XGETADDRINFO, in spec order
//     table: SocketTable;         // open sockets; table.rawCapture holds what raw sockets sent;
//                                 // table.localEndpointOf(h) is the loopback port a bound socket uses
//     poll: AsyncPoll;            // #XAPOLL state
//     closeAll(): Promise<void>;  // reset/shutdown: stops polling, forgets #XSENDTO's URL, closes every socket and timer
//   }
//
// Every command answers ERROR, once and here, when a parameter cannot be read
// (AtParamError), the command refuses (CommandRefusal) or a socket call fails (SocketError);
// any other exception is also answered ERROR rather than taking the host down.

import { AsyncPoll } from '../apoll/async-poll.ts';
import { SocketTable } from '../sockets/socket-table.ts';
import { SocketError } from '../sockets/socket-error.ts';
import { AtParamError, type CommandModule, type EmulatorProfile, type LoopbackEndpoint, type NetworkMap, type SecureConnector } from '../types.ts';
import type { DevicePorts } from '../sockets/device-ports.ts';
import { ALWAYS_ATTACHED, networkThroughModem, type NetworkAccess } from '../modem/network-access.ts';
import { CommandRefusal } from './command-refusal.ts';
import { decisionsFor } from './profile-decisions.ts';
import { SendtoUrlMemory } from './sendto-url-memory.ts';
import { error } from './reply.ts';
import type { SocketCommandDeps } from './socket-command-deps.ts';
import { xacceptCommand } from './xaccept.ts';
import { xapollCommand } from './xapoll.ts';
import { xbindCommand } from './xbind.ts';
import { xcloseCommand } from './xclose.ts';
import { xconnectCommand } from './xconnect.ts';
import { xgetaddrinfoCommand } from './xgetaddrinfo.ts';
import { xlistenCommand } from './xlisten.ts';
import { xrecvCommand } from './xrecv.ts';
import { xrecvfromCommand } from './xrecvfrom.ts';
import { xsendCommand } from './xsend.ts';
import { xsendtoCommand } from './xsendto.ts';
import { xsocketCommand } from './xsocket.ts';
import { xsocketoptCommand } from './xsocketopt.ts';
import { xssocketCommand } from './xssocket.ts';
import { xssocketoptCommand } from './xssocketopt.ts';

export interface SocketCommandOptions {
  network: NetworkMap;
  secure: SecureConnector;
  profile: EmulatorProfile;
  /** The modem the sockets reach the network through (default: always attached). */
  modem?: NetworkAccess;
  /** Where the device's own ports are (default: ephemeral). */
  devicePorts?: DevicePorts;
  onInternalError?: (error: unknown) => void;
}

export interface SocketCommands {
  commands: CommandModule[];
  table: SocketTable;
  poll: AsyncPoll;
  closeAll(): Promise<void>;
}

export function createSocketCommands(options: SocketCommandOptions): SocketCommands {
  const decisions = decisionsFor(options.profile);
  const table = new SocketTable(options.profile.maxSockets);
  const poll = new AsyncPoll(table, decisions.poll);
  const modem = options.modem ?? ALWAYS_ATTACHED;
  const deps: SocketCommandDeps = {
    table,
    poll,
    network: networkThroughModem(options.network, modem),
    modem,
    decisions,
    factory: { secure: options.secure, descriptors: table.descriptors, rawCapture: table.rawCapture, ...(options.devicePorts ? { devicePorts: options.devicePorts } : {}) },
    sendtoUrl: new SendtoUrlMemory(),
  };
  const commands = [
    xsocketCommand, xssocketCommand, xcloseCommand, xsocketoptCommand, xssocketoptCommand,
    xbindCommand, xconnectCommand, xlistenCommand, xacceptCommand, xsendCommand, xrecvCommand,
    xsendtoCommand, xrecvfromCommand, xapollCommand, xgetaddrinfoCommand,
  ].map((build) => answeringErrorOnFailure(build(deps), options.onInternalError));
  return {
    commands,
    table,
    poll,
    async closeAll() {
      poll.stop();
      deps.sendtoUrl.forgetUrl();
      await table.closeAll();
    },
  };
}

function answeringErrorOnFailure(command: CommandModule, onInternalError?: (error: unknown) => void): CommandModule {
  return {
    name: command.name,
    run: async (form, args, ctx) => {
      try {
        return await command.run(form, args, ctx);
      } catch (failure) {
        const expected = failure instanceof AtParamError || failure instanceof CommandRefusal || failure instanceof SocketError;
        if (!expected) onInternalError?.(failure);
        return error();
      }
    },
  };
}
