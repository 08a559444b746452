// poll() event bits as the modem numbers them; #XAPOLL prints them in decimal (spec, notes §7).

export const POLLIN = 1;
export const POLLOUT = 4;
export const POLLERR = 8;
export const POLLHUP = 16;
export const POLLNVAL = 32;

/** Events reported whatever the requested mask (closure and error). */
export const POLL_ALWAYS = POLLERR | POLLHUP | POLLNVAL;
