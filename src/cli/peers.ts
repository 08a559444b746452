// `sm-conformance peers [--host H] [--allow-external] [--ca-out FILE]`: starts the echo
// peers and prints one line per peer, `<name> <port>`, in this order: tcp-echo, udp-echo,
// tls-echo, dtls-echo, sink, close-after-echo. Runs until SIGINT/SIGTERM, then stops them.
// A host other than 127.0.0.1 / ::1 (a lab serving a real board) must be opted into with
// --allow-external. --ca-out writes the test CA that signed the TLS/DTLS peers' certificate,
// for loading into a board with AT%CMNG.

import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import { COMMANDS } from './command-table.ts';
import { optionValue, parseOptions } from './options.ts';
import { UsageError } from '../blame/usage-error.ts';
import { isLoopbackHost, startPeerSet, type PeerName } from '../peers/peer-set.ts';

export const PRINTED_PEERS: readonly PeerName[] = ['tcp-echo', 'udp-echo', 'tls-echo', 'dtls-echo', 'sink', 'close-after-echo'];

export interface PeersRunOptions {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the peers should stop. */
  stopped: Promise<void>;
}

export async function runPeers(argv: string[], run: PeersRunOptions): Promise<number> {
  const parsed = parseOptions(argv, COMMANDS.peers.options);
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  const host = optionValue(parsed, 'host') ?? '127.0.0.1';
  if (net.isIP(host) === 0) throw new UsageError(`--host must be an IP address, not '${host}'`);
  if (!isLoopbackHost(host) && !parsed.flags.has('allow-external')) {
    throw new UsageError(`--host ${host} is not loopback; serving peers beyond this machine needs --allow-external`);
  }
  const peers = await startPeerSet({ hosts: [host], allowExternal: parsed.flags.has('allow-external'), specPorts: parsed.flags.has('spec-ports') });
  try {
    const caOut = optionValue(parsed, 'ca-out');
    if (caOut) await writeFile(caOut, peers.certificates.caCertificate);
    for (const name of PRINTED_PEERS) run.out(`${name} ${peers.endpoint(name).port}`);
    run.err(`peers listening on ${host}${caOut ? `; test CA written to ${caOut}` : ''}; stop with Ctrl-C`);
    await run.stopped;
  } finally {
    await peers.close();
  }
  return 0;
}

export async function peers(argv: string[]): Promise<number> {
  let stop = () => undefined as void;
  const stopped = new Promise<void>((resolve) => { stop = resolve; });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await runPeers(argv, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      stopped,
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
