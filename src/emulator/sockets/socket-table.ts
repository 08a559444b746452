// SM's socket table (notes §3): a fixed number of slots (7 in the firmware, 8 in the spec,
// E1) filled lowest slot first; each socket is known by its modem descriptor (the handle).
// Read commands and #XCLOSE walk the slots in order, not the handles.

import { DescriptorPool } from './descriptor-pool.ts';
import type { EmulatedSocket } from './emulated-socket.ts';
import type { RawFrame } from './raw-socket.ts';
import type { LoopbackEndpoint } from '../types.ts';

export interface SocketTableEvents {
  opened(socket: EmulatedSocket): void;
  closed(socket: EmulatedSocket): void;
}

export class SocketTable {
  readonly descriptors = new DescriptorPool();
  /** Everything sent on raw sockets, oldest first (raw IP never leaves the process). */
  readonly rawCapture: RawFrame[] = [];
  private readonly slots: (EmulatedSocket | undefined)[];
  private readonly listeners: SocketTableEvents[] = [];

  constructor(readonly capacity: number) {
    this.slots = new Array<EmulatedSocket | undefined>(capacity).fill(undefined);
  }

  get isFull(): boolean {
    return !this.slots.includes(undefined);
  }

  /** Open sockets in slot order. */
  sockets(): EmulatedSocket[] {
    return this.slots.filter((socket): socket is EmulatedSocket => socket !== undefined);
  }

  find(handle: number): EmulatedSocket | undefined {
    return this.slots.find((socket) => socket?.handle === handle);
  }

  /**
   * Takes the lowest free slot and descriptor and stores what `create` builds with that
   * handle; undefined when the table or the modem is full.
   */
  open(create: (handle: number) => EmulatedSocket): EmulatedSocket | undefined {
    const slot = this.slots.indexOf(undefined);
    if (slot < 0) return undefined;
    const handle = this.descriptors.allocate();
    if (handle === undefined) return undefined;
    const socket = create(handle);
    this.slots[slot] = socket;
    for (const listener of this.listeners) listener.opened(socket);
    return socket;
  }

  /** Frees the slot and the descriptor, then releases the real sockets. */
  async close(socket: EmulatedSocket): Promise<void> {
    const slot = this.slots.indexOf(socket);
    if (slot < 0) return;
    this.slots[slot] = undefined;
    for (const listener of this.listeners) listener.closed(socket);
    try {
      await socket.close();
    } finally {
      this.descriptors.release(socket.handle);
    }
  }

  async closeAll(): Promise<void> {
    for (const socket of this.sockets()) await this.close(socket);
  }

  subscribe(listener: SocketTableEvents): void {
    this.listeners.push(listener);
  }

  /** The loopback port a bound/listening socket really uses, so a test peer can reach it. */
  localEndpointOf(handle: number): LoopbackEndpoint | undefined {
    return this.find(handle)?.localEndpoint();
  }
}
