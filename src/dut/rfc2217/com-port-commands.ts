// RFC 2217 (COM-PORT-OPTION) commands: what the client asks the access server to do to the
// serial port, and how the server's answers are recognised. A server answers a command
// with the same command number plus 100 and the value it put into effect.

export const SET_BAUDRATE = 1;
export const SET_DATASIZE = 2;
export const SET_PARITY = 3;
export const SET_STOPSIZE = 4;
export const SET_CONTROL = 5;
export const NOTIFY_LINESTATE = 6;
export const NOTIFY_MODEMSTATE = 7;
export const FLOWCONTROL_SUSPEND = 8;
export const FLOWCONTROL_RESUME = 9;
export const PURGE_DATA = 12;
/** Server-to-client command numbers are the client's plus this. */
export const SERVER_OFFSET = 100;

export const PARITY_CODES = { none: 1, odd: 2, even: 3, mark: 4, space: 5 } as const;
export const STOP_SIZE_CODES = { 1: 1, 2: 2, 1.5: 3 } as const;

/** SET-CONTROL values (RFC 2217): outbound flow control and the DTR/RTS lines. */
export const CONTROL_FLOW_NONE = 1;
export const CONTROL_FLOW_XONXOFF = 2;
export const CONTROL_FLOW_HARDWARE = 3;
export const CONTROL_DTR_ON = 8;
export const CONTROL_DTR_OFF = 9;
export const CONTROL_RTS_ON = 11;
export const CONTROL_RTS_OFF = 12;
/** PURGE-DATA: both the server's receive and transmit buffers. */
export const PURGE_BOTH = 3;

export type Parity = keyof typeof PARITY_CODES;
export type StopBits = 1 | 1.5 | 2;
export type FlowControl = 'none' | 'xonxoff' | 'rtscts';

/** How the serial port behind the server is to be set up. */
export interface SerialLineSettings {
  baud: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: StopBits;
  flowControl: FlowControl;
  /** Assert DTR and RTS (a Nordic DK's interface MCU drives its UART only with DTR set). */
  assertModemLines: boolean;
}

/** One command the client sends, with what it expects back. */
export interface ComPortRequest {
  /** For messages: `SET-BAUDRATE 115200`. */
  label: string;
  command: number;
  value: Buffer;
  /** A SET-CONTROL request (its answer is ignored with `ign_set_control`). */
  control: boolean;
}

export function baudRequest(baud: number): ComPortRequest {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(baud);
  return { label: `SET-BAUDRATE ${baud}`, command: SET_BAUDRATE, value, control: false };
}

function oneByte(label: string, command: number, byte: number, control = false): ComPortRequest {
  return { label, command, value: Buffer.from([byte]), control };
}

const FLOW_CODES: Record<FlowControl, number> = { none: CONTROL_FLOW_NONE, xonxoff: CONTROL_FLOW_XONXOFF, rtscts: CONTROL_FLOW_HARDWARE };

/** The requests that put the line into `settings`, in the order they are sent. */
export function lineSetupRequests(settings: SerialLineSettings): ComPortRequest[] {
  const requests = [
    baudRequest(settings.baud),
    oneByte(`SET-DATASIZE ${settings.dataBits}`, SET_DATASIZE, settings.dataBits),
    oneByte(`SET-PARITY ${settings.parity.toUpperCase()}`, SET_PARITY, PARITY_CODES[settings.parity]),
    oneByte(`SET-STOPSIZE ${settings.stopBits}`, SET_STOPSIZE, STOP_SIZE_CODES[settings.stopBits]),
    oneByte(`SET-CONTROL flow ${settings.flowControl.toUpperCase()}`, SET_CONTROL, FLOW_CODES[settings.flowControl], true),
  ];
  if (settings.assertModemLines) {
    requests.push(oneByte('SET-CONTROL DTR ON', SET_CONTROL, CONTROL_DTR_ON, true), oneByte('SET-CONTROL RTS ON', SET_CONTROL, CONTROL_RTS_ON, true));
  }
  requests.push(oneByte('PURGE-DATA both', PURGE_DATA, PURGE_BOTH));
  return requests;
}

/** The COM-PORT-OPTION subnegotiation value of a request: command byte, then its value. */
export function requestValue(request: ComPortRequest): Buffer {
  return Buffer.concat([Buffer.from([request.command]), request.value]);
}

/**
 * Whether a server subnegotiation answers `request`: the same command plus 100. A
 * SET-CONTROL answer must also speak of the same thing (flow control, DTR or RTS), since
 * several SET-CONTROL requests are outstanding at once.
 */
export function answers(request: ComPortRequest, value: Buffer): boolean {
  if (value[0] !== request.command + SERVER_OFFSET) return false;
  if (request.command !== SET_CONTROL) return true;
  const group = (code: number | undefined): string =>
    code === undefined ? '?' : code <= 3 ? 'flow' : code <= 6 ? 'break' : code <= 9 ? 'dtr' : code <= 12 ? 'rts' : 'other';
  return group(value[1]) === group(request.value[0]);
}

/** The answered value differs from the requested one (the server chose something else). */
export function answeredDifferently(request: ComPortRequest, value: Buffer): boolean {
  return !value.subarray(1).equals(request.value);
}

/** The answer's value for a message: the baud rate as a number, anything else as its bytes. */
export function describeAnswer(request: ComPortRequest, value: Buffer): string {
  const body = value.subarray(1);
  if (request.command === SET_BAUDRATE && body.length === 4) return String(body.readUInt32BE(0));
  return [...body].join(' ');
}
