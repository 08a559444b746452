// sm-conformance emulate --pty <link-path> | --tcp <port> [--profile P] [--fault F] [--termination T]
// Serves the SM emulator until SIGINT/SIGTERM, for serial programs that are not ours.

import { COMMANDS } from './command-table.ts';
import { integerOption, optionValue, parseOptions } from './options.ts';
import { UsageError } from '../blame/usage-error.ts';
import type { FaultName, ProfileName } from '../emulator/types.ts';
import type { EmulatorOptions } from '../emulator/emulator.ts';
import { describeTakenDevicePort } from '../emulator/sockets/device-ports.ts';
import type { DefaultNetwork } from '../emulator/network/index.ts';
import type { LineTermination } from '../emulator/host/line-assembler.ts';

/** Where a paced pty starts, until the serial program sets its own speed. */
const INITIAL_LINE_RATE = 115200;

function emulatorOptions(profile: string | undefined, fault: string | undefined, termination: string | undefined): EmulatorOptions {
  // The command table has checked the values against the allowed ones.
  return {
    profile: profile as ProfileName | undefined,
    fault: fault as FaultName | undefined,
    termination: termination as LineTermination | undefined,
    // Served as a board, its servers are where a board's are: `run --device-host 127.0.0.1`.
    bindDevicePorts: true,
    // A run told to find them there would otherwise meet a silent fallback, and FAIL the device.
    onDevicePortTaken: (taken) => process.stderr.write(`sm-conformance emulate: warning: ${describeTakenDevicePort(taken)}\n`),
  };
}

function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function emulate(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, COMMANDS.emulate.options);
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  const ptyPath = optionValue(parsed, 'pty');
  const tcpPort = integerOption(parsed, 'tcp', 0, 65535);
  if ((ptyPath === undefined) === (tcpPort === undefined)) throw new UsageError(`give exactly one of --pty and --tcp (--pty <link-path> or --tcp <port>)`);
  const options = emulatorOptions(optionValue(parsed, 'profile'), optionValue(parsed, 'fault'), optionValue(parsed, 'termination'));
  const attachMs = integerOption(parsed, 'attach-time', 0, 600_000);
  if (attachMs !== undefined) options.modem = { attachMs };
  if (parsed.flags.has('line-rate')) {
    if (ptyPath === undefined) throw new UsageError('--line-rate paces a serial line: it goes with --pty');
    options.lineRateBaud = INITIAL_LINE_RATE;
  }
  const described = `SM emulator (profile ${options.profile ?? 'firmware'}${options.fault ? `, fault ${options.fault}` : ''})`;
  const choices: NetworkChoices = {
    mapFile: optionValue(parsed, 'map'),
    credentialDirectory: optionValue(parsed, 'credentials'),
    allowLoopback: parsed.flags.has('allow-loopback'),
  };
  const peersHost = optionValue(parsed, 'peers');
  let where: string | undefined;
  if (peersHost !== undefined) {
    if (peersHost !== '127.0.0.1' && peersHost !== '::1') throw new UsageError(`--peers must be 127.0.0.1 or ::1 (the emulator reaches loopback only), not '${peersHost}'`);
    const { peerHostNetwork } = await import('../emulator/network/peer-host.ts');
    const { loopbackHostsAvailable } = await import('../peers/peer-set.ts');
    // The peers hold the spec's ports (1234 …) on their host, and the device's own servers
    // are asked for the same ports (#XBIND 1234): they live on the other loopback, as a
    // board and the lab's peer host are two machines.
    const deviceHost = peersHost === '::1' ? '127.0.0.1' : '::1';
    if ((await loopbackHostsAvailable()).length < 2) throw new UsageError(`--peers needs both loopback addresses, and this machine has no ::1: the peers use the spec's ports on one, the device's own servers on the other`);
    try {
      const { map, credentials } = await peerHostNetwork(peersHost, choices);
      options.networkMap = map;
      options.credentials = credentials;
      options.deviceHost = deviceHost;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    where = `the spec's hosts are the peers on ${peersHost} (run --peer-host ${peersHost}); the device's servers listen on ${deviceHost} (run --device-host ${deviceHost})`;
  }
  const network = peersHost === undefined ? await customNetwork(choices) : undefined;
  if (network) options.network = network;
  try {
    return await serve(ptyPath, tcpPort, options, described, where);
  } finally {
    await network?.close();
  }
}

interface NetworkChoices {
  mapFile: string | undefined;
  credentialDirectory: string | undefined;
  allowLoopback: boolean;
}

/** The default network with the user's map, credentials or loopback opt-in; undefined: the emulator starts its own. */
async function customNetwork(choices: NetworkChoices): Promise<DefaultNetwork | undefined> {
  const { mapFile, credentialDirectory, allowLoopback } = choices;
  if (mapFile === undefined && credentialDirectory === undefined && !allowLoopback) return undefined;
  const { startDefaultNetwork } = await import('../emulator/network/index.ts');
  try {
    return await startDefaultNetwork({ ...(mapFile ? { mapFile } : {}), ...(credentialDirectory ? { credentialDirectory } : {}), allowLoopback });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Serves until a signal; `where` (a second line after the serving one) says where its network is. */
async function serve(ptyPath: string | undefined, tcpPort: number | undefined, options: EmulatorOptions, described: string, where: string | undefined): Promise<number> {
  const tell = (serving: string): void => {
    process.stdout.write(`${serving}\n${where ? `${where}\n` : ''}`);
  };
  if (ptyPath !== undefined) {
    const { servePty } = await import('../emulator/serve/pty-server.ts');
    const server = await servePty(ptyPath, options);
    tell(`serving ${described} on pty ${server.linkPath} -> ${server.devicePath}`);
    const reason = await Promise.race([untilStopped(), server.exited.then(() => 'helper-exit')]);
    await server.close();
    if (reason === 'helper-exit') {
      process.stderr.write('sm-conformance emulate: the pty helper stopped unexpectedly\n');
      return 1;
    }
    return 0;
  }
  const { serveTcp } = await import('../emulator/serve/tcp-server.ts');
  const server = await serveTcp(tcpPort!, options);
  tell(`serving ${described} on tcp ${server.host}:${server.port}`);
  await untilStopped();
  await server.close();
  return 0;
}
