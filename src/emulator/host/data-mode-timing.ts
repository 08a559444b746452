// The data-mode inactivity limit (firmware-notes §6, sm_at_host.c enter_datamode and
// verify_datamode_control): unset (0) until the first entry, then computed from the UART
// rate as RX_BUF_SIZE(256) × 10 bits × 1000 / baud + 10 ms (32 ms at 115200), unless
// AT#XDATACTRL set it. The same formula is the smallest value AT#XDATACTRL accepts.

const UART_RX_BUFFER_BYTES = 256;
const BITS_PER_BYTE = 10; // 8N1
const UART_RX_MARGIN_MS = 10;

export function minimumQuietMs(baud: number): number {
  return Math.floor((UART_RX_BUFFER_BYTES * BITS_PER_BYTE * 1000) / baud) + UART_RX_MARGIN_MS;
}

export class DataModeTiming {
  private limit = 0;

  /**
   * @param baud the UART rate the limit is computed for (115200 by default)
   * @param defaultQuietMs what the first entry uses instead of the computed value (tests use a few ms)
   */
  constructor(private readonly baud = 115200, private readonly defaultQuietMs?: number) {}

  /** The value AT#XDATACTRL? reports first: 0 until set or until data mode was entered once. */
  get current(): number {
    return this.limit;
  }

  get minimum(): number {
    return minimumQuietMs(this.baud);
  }

  /** AT#XDATACTRL=<ms>: false when the firmware would refuse it (0 or below the minimum). */
  set(ms: number): boolean {
    if (ms <= 0 || ms < this.minimum) return false;
    this.limit = ms;
    return true;
  }

  /** The limit for a data-mode entry; fixes the default on first use, as the firmware does. */
  forEntry(): number {
    if (this.limit === 0) this.limit = this.defaultQuietMs ?? this.minimum;
    return this.limit;
  }
}
