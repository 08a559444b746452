// A duplex byte stream to a device: what every Dut adapter and the in-process emulator
// offer, and all the AtRunner needs. Nothing above this knows which device it is.

export interface ByteLink {
  write(bytes: Buffer): Promise<void>;
  /** Registers a listener for bytes from the device; returns a function that removes it. */
  onData(listener: (bytes: Buffer) => void): () => void;
  /** Registers a listener for the link closing or failing; returns a remover. */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}
