// A socket operation failed the way the modem's socket call would (errno name kept for
// logs and tests). Command modules turn it into ERROR; the errno is never shown (notes §1.4).

export class SocketError extends Error {
  constructor(readonly errno: string, detail?: string) {
    super(detail ? `${errno}: ${detail}` : errno);
  }
}
