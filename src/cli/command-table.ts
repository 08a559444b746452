// Every subcommand of sm-conformance with its options, written once: the parser accepts
// exactly these options (src/cli/options.ts), and `<command> --help` is printed from the same
// entries (src/cli/command-help.ts). A new option is one entry here. This module imports
// only names, so `--help` never loads the emulator or cucumber.

import { FAULT_NAMES } from '../emulator/types.ts';
import { FAULT_SUMMARIES, PROFILE_NAMES } from '../emulator/profile.ts';

export interface OptionSpec {
  /** The value's placeholder (`<dir>`, `N`); absent for a flag such as `--strict`. */
  value?: string;
  /** May be given several times; values are collected in order. */
  repeatable?: boolean;
  /** What the option does, one line. */
  help: string;
  /** The value used when the option is absent, as the help shows it. */
  default?: string;
  /** The only values accepted; anything else is a usage error naming them. */
  allowed?: readonly string[];
}

export interface CommandSpec {
  summary: string;
  /** The synopsis after `sm-conformance <name>`: positional forms and the options that matter most. */
  synopsis: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** Further paragraphs of the help (e.g. the fault profiles), already laid out. */
  notes?: () => readonly string[];
  exitCodes: readonly (readonly [code: number, meaning: string])[];
}

const USAGE_EXIT = [2, 'usage mistake (one line on stderr)'] as const;

const FAULT_OPTION: OptionSpec = {
  value: '<name>',
  help: 'break one rule in the built-in emulator, to show the suite fails where it must (fault profiles below)',
  allowed: FAULT_NAMES,
};
const PROFILE_OPTION: OptionSpec = {
  value: '<profile>',
  help: 'firmware: the firmware the spec documents, errata included; doc: the spec text taken literally',
  default: 'firmware',
  allowed: PROFILE_NAMES,
};

function faultProfileNotes(): string[] {
  const width = Math.max(...FAULT_NAMES.map((name) => name.length));
  return ['fault profiles:', ...FAULT_NAMES.map((name) => `  ${name.padEnd(width)}  ${FAULT_SUMMARIES[name]}`)];
}

export const COMMANDS = {
  run: {
    summary: 'run the conformance suite against a device and write its reports',
    synopsis: [
      '[--dut emulator|serial:<path>|tcp:<host>:<port>|rfc2217:<host>:<port>[?ign_set_control&timeout=<s>]|labgrid:<place>]… | --pool <file>',
      '[--baud N] [--rtscts]',
      '[--profile firmware|doc] [--fault <name>] [--tags <expr>] [--strict]',
      '[--parallel N] [--order defined|random[:<seed>]] [--retry N [--retry-tag-filter <expr>]] [--fail-on-flaky]',
      '[--shard <i>/<n>] [--peer-host <host>] [--device-host <address>] [--reconnect <seconds>]',
      '[--reports <dir>] [--history <dir>]',
      '[--attach-timeout <s>] [--no-attach] [--emulator-attach-time <ms>]',
    ],
    options: {
      dut: { value: '<device>', repeatable: true, help: 'the device under test: emulator (built in), serial:<path>, tcp:<host>:<port> (a raw TCP exporter), rfc2217:<host>:<port> or rfc2217://… (an RFC 2217 server, pyserial URL options ign_set_control and timeout=<s>), labgrid:<place> or labgrid:+ (a labgrid place, acquired for the run; a board that stops answering is power-cycled through it and its console looked up again); several: a pool, one worker per device', default: 'emulator' },
      pool: { value: '<file>', help: 'a device pool (YAML or JSON list of {id, dut, baud, rtscts, reset, tags}); one worker per device; reset: the ladder tried when a device stops answering or before a retry, rungs at, cmd:<command>, labgrid[:<place>] (a labgrid device\'s default: labgrid, its own place\'s power cycle; reset: [] for none); not with --peer-host (one device per run: run each device on its own, then sm-conformance merge)' },
      baud: { value: 'N', help: "baud rate of a serial line (serial, rfc2217 and labgrid only), 1 to 10000000", default: "115200; labgrid: the place's speed" },
      rtscts: { help: 'RTS/CTS hardware flow control (serial, rfc2217 and labgrid only)' },
      profile: PROFILE_OPTION,
      fault: { ...FAULT_OPTION, help: `${FAULT_OPTION.help}; emulator only` },
      tags: { value: '<expr>', help: 'a cucumber tag expression selecting scenarios, e.g. @XSEND, "@example:XAPOLL-1", "not @negative"', default: 'every scenario' },
      strict: { help: 'an erratum deviation (NON-STRICT) counts as FAIL' },
      order: { value: '<order>', help: "cucumber's scenario order: defined (file order), random, or random:<seed> to repeat a shuffle", default: 'defined' },
      parallel: { value: 'N', help: 'scenarios run by N workers, each with its own emulator or its own device of the pool, 1 to 64', default: '1, or the pool size' },
      retry: { value: 'N', help: 'run a failed scenario up to N more times; one that fails, then passes is FLAKY (never PASS), 0 to 10' },
      'retry-tag-filter': { value: '<expr>', help: 'retry only the scenarios matching this tag expression' },
      'fail-on-flaky': { help: 'a FLAKY scenario makes the run exit 1' },
      shard: { value: '<i>/<n>', help: 'run only shard i of n of the scenarios (CI matrix jobs; sm-conformance merge joins the reports)' },
      'peer-host': { value: '<host>', help: "device outside this process only: start the network peers on this address of this machine, on the spec's own ports (1234, 1235, 1236, 8443); the device's network must send the spec's names there (a lab's DNS, or emulate --peers <host>)" },
      'device-host': { value: '<address>', help: "device outside this process only: where a loopback client reaches the device's servers, 127.0.0.1 or ::1, not the --peer-host (both use port 1234)" },
      reconnect: { value: '<seconds>', help: 'device outside this process only: how long a lost link (port gone, connection closed), or a board\'s console after a power cycle, may take to come back before the run stops, 0 to 3600', default: '10' },
      reports: { value: '<dir>', help: 'where the reports go (a directory; created if missing)', default: 'reports' },
      history: { value: '<dir>', help: "where the Allure history (trend across runs) is kept", default: '<reports>/allure-history' },
      'attach-timeout': { value: '<s>', help: 'before the first scenario that needs the network: how long to wait for registration and a PDN after turning the modem on, 0 to 3600', default: '180' },
      'no-attach': { help: 'never change the modem (labs that manage it); a device not attached makes the network scenarios INCONCLUSIVE' },
      'emulator-attach-time': { value: '<ms>', help: "emulator only: how long the built-in emulator takes to attach (a real network's seconds), 0 to 600000", default: '50' },
    },
    notes: faultProfileNotes,
    exitCodes: [
      [0, 'no scenario FAILs (PASS, NON-STRICT, INCONCLUSIVE, N/A and FLAKY only)'],
      [1, 'a scenario FAILs (or is FLAKY, with --fail-on-flaky)'],
      [2, 'usage mistake, or a device that cannot be opened or does not answer (one line on stderr)'],
      [3, 'the run stopped early: the device link was lost for good, or the device kept failing the reset before every scenario; the scenarios not run are INCONCLUSIVE "not run" in every report'],
      [130, 'interrupted (Ctrl-C, SIGTERM): stopped after the current step, the rest "not run", every report written; a second signal exits at once, leaving junit.xml and the transcript'],
    ],
  },
  emulate: {
    summary: 'serve the SM emulator on a pseudo-terminal or a TCP port',
    synopsis: [
      '--pty <link-path> [--line-rate] | --tcp <port>  [--profile firmware|doc] [--fault <name>]',
      '[--termination cr|lf|crlf] [--map <file.json>] [--credentials <dir>] [--allow-loopback] [--peers <host>]',
      '[--attach-time <ms>]',
    ],
    options: {
      pty: { value: '<link-path>', help: "serve on a pseudo-terminal; <link-path> becomes a symlink to the device's end" },
      'line-rate': { help: 'with --pty: pace the line like a UART (8N1) at the speed the serial program sets (115200 until it sets one)' },
      tcp: { value: '<port>', help: 'serve on this loopback TCP port, 0 to 65535 (0: any free port)' },
      profile: PROFILE_OPTION,
      fault: FAULT_OPTION,
      termination: { value: '<end>', help: 'the line end the emulated firmware expects from the host', default: 'cr', allowed: ['cr', 'lf', 'crlf'] },
      map: { value: '<file.json>', help: 'a network map of your own (format in src/emulator/network/network-map-definition.ts)', default: "the spec's hosts mapped to loopback peers" },
      credentials: { value: '<dir>', help: 'fill sec_tags from files: <dir>/<sec_tag>/ca-cert.pem, client-cert.pem, client-key.pem, psk.hex, psk-identity.txt' },
      peers: { value: '<host>', help: "reach the peers of another process (run --peer-host, peers --spec-ports) at <host>, 127.0.0.1 or ::1, on the spec's own ports (1234, 1235, 1236, 8443), as a lab's DNS sends a board there; the device's own servers then listen on the other loopback (run --device-host)", default: 'peers of its own' },
      'allow-loopback': { help: "let the device reach any service on 127.0.0.1 / ::1 (default: only what the network map names; never the emulator's own port)" },
      'attach-time': { value: '<ms>', help: 'how long AT+CFUN=1 takes to register and bring up the PDN (the emulator boots offline, as the firmware), 0 to 600000', default: '50' },
    },
    notes: faultProfileNotes,
    exitCodes: [[0, 'stopped by Ctrl-C or SIGTERM'], [1, 'the pseudo-terminal helper stopped unexpectedly'], USAGE_EXIT],
  },
  peers: {
    summary: 'start the loopback echo peers and print their ports',
    synopsis: ['[--host <address>] [--allow-external] [--spec-ports] [--ca-out <file>]'],
    options: {
      host: { value: '<address>', help: 'the IP address the peers listen on', default: '127.0.0.1' },
      'allow-external': { help: 'allow a --host that is not loopback (a lab serving a real board)' },
      'spec-ports': { help: "listen on the spec's own ports (1234, 1235, 1236, 8443) instead of ephemeral ones, as a lab's peer host does" },
      'ca-out': { value: '<file>', help: "write the test CA that signed the TLS/DTLS peers' certificate (for AT%CMNG)" },
    },
    exitCodes: [[0, 'stopped by Ctrl-C or SIGTERM'], USAGE_EXIT],
  },
  validate: {
    summary: 'validate a captured AT session offline',
    synopsis: ['<file|-> [--format transcript|terminal] [--json] [--junit <file>] [--max-sockets 7|8] [--strict] [--show N]'],
    options: {
      format: { value: '<format>', help: 'transcript (written by run) or terminal (a pasted log: serial monitor, driver debug log, REPL, Zephyr log with hexdumps; read line by line)', default: 'recognised from the content', allowed: ['transcript', 'terminal'] },
      json: { help: 'print the findings as JSON lines' },
      junit: { value: '<file>', help: 'also write the findings as JUnit XML to <file>' },
      'max-sockets': { value: 'N', help: 'socket table size of the device (7: firmware, erratum E1; 8: spec), 1 to 64', default: '8' },
      strict: { help: 'a NON-STRICT finding (erratum deviation) counts as FAIL' },
      show: { value: 'N', help: 'print the first N findings, 0 to 10000', default: '10' },
    },
    exitCodes: [[0, 'no FAIL'], [1, 'a FAIL (or NON-STRICT with --strict)'], [2, 'usage mistake, unreadable input, or no AT commands found in the input (one line on stderr)']],
  },
  coverage: {
    summary: 'report spec example and command/form coverage',
    synopsis: ['[--spec <file.rst>] [--features <dir>]'],
    options: {
      spec: { value: '<file.rst>', help: "re-extract the examples from a spec page and report drift from the index (not with --features)" },
      features: { value: '<dir>', help: 'the feature files whose tags are counted', default: 'features' },
    },
    exitCodes: [[0, 'every example and command × form covered (or no drift)'], [1, 'something uncovered (or drift)'], [2, 'usage mistake, unreadable file or a feature that does not parse']],
  },
  diff: {
    summary: 'compare two runs\' reports per device: regressions, fixes, newly flaky, added and removed scenarios',
    synopsis: ['<old-reports> <new-reports> [--json]'],
    options: {
      json: { help: 'print the comparison as JSON' },
    },
    exitCodes: [[0, 'nothing regressed'], [1, 'a scenario FAILs now that did not before'], [2, 'usage mistake, or a folder that is not a run\'s reports']],
  },
  merge: {
    summary: 'merge the reports of shards or devices into one set of reports (one matrix, one Allure report)',
    synopsis: ['<reports-dir>… --reports <out>'],
    options: {
      reports: { value: '<dir>', help: 'where the merged reports go (not one of the inputs)' },
      history: { value: '<dir>', help: 'where the Allure history (trend across runs) is kept', default: '<reports>/allure-history' },
    },
    exitCodes: [[0, 'merged; no scenario FAILs'], [1, 'merged; a scenario FAILs'], [2, 'usage mistake, or a folder that is not a run\'s reports']],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
