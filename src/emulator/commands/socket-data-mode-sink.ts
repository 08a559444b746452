// Where data-mode bytes go for #XSEND/#XSENDTO mode 2 (notes §6): each burst is one
// send (one datagram on UDP/DTLS), or one sendto() while a #XSENDTO address is set. Send
// failures are only logged by the firmware, so they are dropped here too; a datagram that
// overflowed the buffer makes data mode fail.

import type { Destination } from '../sockets/destination.ts';
import type { EmulatedSocket } from '../sockets/emulated-socket.ts';
import { POLLOUT } from '../sockets/poll-events.ts';
import { SocketError } from '../sockets/socket-error.ts';
import type { AsyncPoll } from '../apoll/async-poll.ts';
import type { DataModeSink } from '../types.ts';
import type { SendtoAddress } from './sendto-url-memory.ts';

/** -EOVERFLOW as Zephyr's (newlib/picolibc) errno.h numbers it. */
export const DATA_MODE_OVERFLOW_STATUS = -139;

export class SocketDataModeSink implements DataModeSink {
  private status = 0;

  /**
   * @param sendtoAddress where a burst goes with sendto(), asked at each burst as the
   *   firmware does; undefined: send() on the socket.
   * @param resolve the network lookup of that address (undefined: it does not resolve).
   * @param onExit data mode ended (the firmware clears #XSENDTO's URL here).
   */
  constructor(
    private readonly socket: EmulatedSocket,
    private readonly flags: number,
    private readonly poll: AsyncPoll,
    private readonly sendtoAddress: () => SendtoAddress | undefined,
    private readonly resolve: (address: SendtoAddress) => Destination | undefined,
    private readonly onExit: () => void = () => undefined,
  ) {}

  async send(bytes: Buffer, trigger?: 'quiet' | 'full' | 'terminator'): Promise<void> {
    // Only SOCK_DGRAM (UDP, DTLS) overflows; a raw socket's burst is sent like TCP's.
    if (this.socket.identity.type === 2 && trigger === 'full') {
      this.status = DATA_MODE_OVERFLOW_STATUS;
      throw new SocketError('EOVERFLOW', 'datagram larger than the data-mode buffer');
    }
    try {
      const address = this.sendtoAddress();
      if (!address) {
        await this.socket.send(bytes, this.flags);
        return;
      }
      const destination = this.resolve(address);
      if (destination) await this.socket.sendTo(bytes, destination, this.flags);
    } catch {
      // Logged only, in the firmware; data mode goes on and exits with status 0.
    }
  }

  async end(): Promise<number> {
    this.onExit();
    this.poll.rearm(this.socket, POLLOUT);
    return this.status;
  }
}
