// The emulator served as a board would be (on a pseudo-terminal or a TCP port) in a lab's
// network, as `sm-conformance emulate --peers <PEER_HOST>` serves it: its network sends the
// spec's names to the spec's ports on PEER_HOST, where `sm-conformance run --peer-host
// PEER_HOST` starts the peers, as a lab's DNS sends a real board's traffic to the peer host.
// Its own servers stay on ephemeral ports (these runs give no --device-host; run-serial.test.ts
// runs the `emulate` command itself, servers on the device's ports included).
//
// The peers' ports are fixed, so every test that has a run start them takes the machine's
// spec-ports lock first (holdSpecPorts): test files run in parallel, and so may other
// checkouts' tests on the same machine.

import { mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDevice, type DeviceLock } from '../src/dut/device-lock.ts';
import { DutUnavailableError } from '../src/dut/dut.ts';
import { peerHostNetwork } from '../src/emulator/network/peer-host.ts';
import { servePty } from '../src/emulator/serve/pty-server.ts';
import { serveTcp } from '../src/emulator/serve/tcp-server.ts';
import type { EmulatorOptions } from '../src/emulator/emulator.ts';
import type { ProfileName } from '../src/emulator/types.ts';
import { loopbackHostsAvailable } from '../src/peers/peer-set.ts';

/** Whether this machine has both loopbacks: peers on one, a served device's own servers on the other. */
export const BOTH_LOOPBACKS = (await loopbackHostsAvailable()).includes('::1');
/** Where the run's peers listen (::1, so that 127.0.0.1 stays the device's; 127.0.0.1 without IPv6). */
export const PEER_HOST = BOTH_LOOPBACKS ? '::1' : '127.0.0.1';

export interface ServedEmulator {
  /** The --dut value that reaches it. */
  dut: string;
  close(): Promise<void>;
}

export async function serveEmulatorAsBoard(transport: 'pty' | 'tcp', profile: ProfileName = 'firmware'): Promise<ServedEmulator> {
  const { map, credentials } = await peerHostNetwork(PEER_HOST);
  const release = await holdSpecPorts();
  const options: EmulatorOptions = { profile, networkMap: map, credentials };
  try {
    if (transport === 'tcp') {
      const server = await serveTcp(0, options);
      return { dut: `tcp:${server.host}:${server.port}`, close: async () => { await server.close(); release(); } };
    }
    const directory = mkdtempSync(join(tmpdir(), 'sm-run-pty-'));
    const server = await servePty(join(directory, 'board'), options);
    return {
      dut: `serial:${server.linkPath}`,
      close: async () => {
        await server.close();
        rmSync(directory, { recursive: true, force: true });
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

const SPEC_PORTS_LOCK = 'sm-conformance-tests-spec-peer-ports';
let held: { lock: DeviceLock; users: number } | undefined;

/**
 * Waits until no other process of the machine holds the spec-ports lock and takes it (a
 * process takes it once for all its users); the returned function gives this user's share back.
 */
export async function holdSpecPorts(): Promise<() => void> {
  while (!held) {
    try {
      held = { lock: lockDevice(SPEC_PORTS_LOCK), users: 0 };
    } catch (error) {
      if (!(error instanceof DutUnavailableError)) throw error;
      await sleep(200);
    }
  }
  const mine = held;
  mine.users += 1;
  let given = false;
  return () => {
    if (given) return;
    given = true;
    mine.users -= 1;
    if (mine.users > 0 || held !== mine) return;
    held = undefined;
    mine.lock.release();
  };
}
