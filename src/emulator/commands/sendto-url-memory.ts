// The firmware keeps #XSENDTO's <url> and <port> in globals (udp_url, udp_port): each is
// stored as soon as it is parsed, the URL is cleared after a string/hex send attempt and
// when data mode ends, but it stays set when the command fails before sending (bad mode,
// missing or malformed data). While it is set, every data-mode burst goes to it with
// sendto(), also one started by #XSEND (firmware profile; the doc profile never does that).

export interface SendtoAddress {
  url: string;
  port: number;
}

export class SendtoUrlMemory {
  private url = '';
  private port = 0;

  rememberUrl(url: string): void {
    this.url = url;
  }

  rememberPort(port: number): void {
    this.port = port;
  }

  forgetUrl(): void {
    this.url = '';
  }

  /** The address data mode sends to, or undefined: send() on the socket's connection. */
  get current(): SendtoAddress | undefined {
    return this.url === '' ? undefined : { url: this.url, port: this.port };
  }
}
