// Thrown by a command module when the firmware's handler would return a negative errno:
// the command answers ERROR (the errno is never shown, notes §1.4). Lines already decided
// (e.g. `#XSEND: h,0` before a failed send) travel with it.

export class CommandRefusal extends Error {}

export function refuse(reason: string): never {
  throw new CommandRefusal(reason);
}

/** `value` if it is one of `allowed`, else ERROR. */
export function requireOneOf<T extends number>(value: number, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly number[]).includes(value)) refuse(`${what} ${value}`);
  return value as T;
}
