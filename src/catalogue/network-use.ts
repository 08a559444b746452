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

/** The spec's test server: the examples' destination, which the run's peers stand for. */
export const SPEC_TEST_SERVER = 'test.server.com';

/** A command line that sends to a destination (its set form). */
const DESTINATION_LINE = /AT#X(?:CONNECT|SENDTO)=(?!\?)/;

/**
 * Whether a scenario (its steps' texts) reaches the spec's test server: it sends to a
 * destination, and a step names test.server.com (the destination itself, or a name made from
 * it in an earlier step). On a board, only a network that leads that name to the run's peers
 * lets such a scenario say anything about the device (dut/peer-reach.ts).
 */
export function reachesPeers(steps: readonly string[]): boolean {
  return steps.some((text) => DESTINATION_LINE.test(text)) && steps.some((text) => text.includes(SPEC_TEST_SERVER));
}
