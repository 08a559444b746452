// Which command lines may keep the device busy for seconds of its own time: a set command
// whose `<timeout>` argument (the catalogue's parameter of that name: #XRECV, #XRECVFROM,
// #XACCEPT) is not 0 waits up to that many seconds when nothing arrives. Whether it will
// depends on the device and the network; what a line asks for is known from its text.

import { commandByName } from './catalogue.ts';
import { invocationOf } from './command-line.ts';

/** The command lines a text quotes between backticks (a scenario step's way of naming them). */
const QUOTED_COMMAND = /`(AT[^`]*)`/g;

/** The seconds a command line allows the device to wait (0: none, or not such a command). */
export function deviceWaitSeconds(line: string): number {
  const invocation = invocationOf(line);
  if (!invocation || invocation.form !== 'set') return 0;
  const form = commandByName(invocation.command)?.forms.set;
  const parameters = form?.supported ? form.parameters : [];
  const index = parameters.findIndex((parameter) => parameter.name === 'timeout');
  const value = index >= 0 ? invocation.arguments[index] : undefined;
  return value !== undefined && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 0;
}

/** Whether a text (a scenario step) sends a command that may wait on device time. */
export function mayWaitOnDevice(text: string): boolean {
  for (const [, line] of text.matchAll(QUOTED_COMMAND)) {
    if (deviceWaitSeconds(line!) > 0) return true;
  }
  return false;
}
