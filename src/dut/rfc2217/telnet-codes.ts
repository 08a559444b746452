// The Telnet byte codes this client uses (RFC 854 commands, RFC 855/856 and RFC 2217 option
// numbers), named once.

export const IAC = 255;
export const DONT = 254;
export const DO = 253;
export const WONT = 252;
export const WILL = 251;
export const SB = 250;
export const SE = 240;

export type Verb = typeof WILL | typeof WONT | typeof DO | typeof DONT;

export const OPTION_BINARY = 0;
export const OPTION_ECHO = 1;
export const OPTION_SUPPRESS_GO_AHEAD = 3;
export const OPTION_COM_PORT = 44;

export function verbName(verb: number): string {
  switch (verb) {
    case WILL: return 'WILL';
    case WONT: return 'WONT';
    case DO: return 'DO';
    case DONT: return 'DONT';
    default: return String(verb);
  }
}

export function optionName(option: number): string {
  switch (option) {
    case OPTION_BINARY: return 'BINARY';
    case OPTION_ECHO: return 'ECHO';
    case OPTION_SUPPRESS_GO_AHEAD: return 'SUPPRESS-GO-AHEAD';
    case OPTION_COM_PORT: return 'COM-PORT-OPTION';
    default: return `option ${option}`;
  }
}
