// Which socket commands need the device to be attached to a network: those that resolve a
// name, reach a destination or bind to the default PDN's address (firmware-notes §4 #XBIND,
// #XCONNECT, #XGETADDRINFO; #XSENDTO sends to a URL). Without registration and a PDN they
// answer ERROR whatever the device's conformance, so a scenario that sends one of them says
// nothing about the device on a device that is not attached: it is INCONCLUSIVE. Every other
// socket command works offline (sockets open, options are set, handles close).

export const NETWORK_COMMANDS: readonly string[] = ['#XCONNECT', '#XSENDTO', '#XBIND', '#XGETADDRINFO'];

const NETWORK_COMMAND_LINE = new RegExp(`AT(?:${NETWORK_COMMANDS.map((name) => `\\${name}`).join('|')})=(?!\\?)`);

/** Whether a command line, or a scenario step quoting one, sends (sets) a command that needs the network; its test form does not. */
export function needsNetwork(text: string): boolean {
  return NETWORK_COMMAND_LINE.test(text);
}
