// The modem library's socket descriptors: small non-negative integers, shared by the
// table's sockets and the connections #XACCEPT takes (E8). The modem has 8
// (NRF_MODEM_MAX_SOCKET_COUNT); the real allocation policy is unknown (notes §12), so the
// emulator hands out the lowest free one, which reproduces the spec examples' 0, 1, 2, 3.

export const MODEM_DESCRIPTOR_COUNT = 8;

export class DescriptorPool {
  private readonly inUse = new Set<number>();

  constructor(readonly size = MODEM_DESCRIPTOR_COUNT) {}

  /** The lowest free descriptor, or undefined when the modem has none left. */
  allocate(): number | undefined {
    for (let descriptor = 0; descriptor < this.size; descriptor += 1) {
      if (!this.inUse.has(descriptor)) {
        this.inUse.add(descriptor);
        return descriptor;
      }
    }
    return undefined;
  }

  release(descriptor: number): void {
    this.inUse.delete(descriptor);
  }
}
