// Closing a UDP socket resolves once it is closed, and also when it never bound or is
// already closed: callers tear down without caring how far the socket got.

import type dgram from 'node:dgram';

export function closeDatagramSocket(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // never bound, or already closed
    }
  });
}
