// The bad-input feature files (features/bad-input/NN-<command>.feature), written from the
// catalogue by badInputs(): one Scenario Outline per command with a row per bad value, and
// one per erratum under which the firmware accepts some of them. What the generator needs
// beyond the catalogue is a valid command line per command (the base the bad values
// replace arguments of), the sockets it needs, and a valid command that shows the device
// still works afterwards. (A socket beyond the table's limit is in features/01-xsocket.feature.) `npm exec tsx tools/write-bad-input-features.ts` rewrites the
// files; a unit test fails when the committed ones differ.

import { COMMANDS } from './catalogue.ts';
import { badInputs, UNKNOWN_HANDLE, type BadInput } from './bad-input.ts';
import type { CommandSpec } from './types.ts';

export interface BadInputPlan {
  /** Steps run before each row: open `<handle>` and, for handle commands, a closed `<closed>`. */
  setup: readonly string[];
  /** Valid command lines; every argument of each is replaced in turn by the bad values. */
  bases: readonly string[];
  /** A valid command run after each refusal, and its answer. */
  afterwards: { line: string; response: string };
  /**
   * Parameters whose values outside the spec's domain the firmware does not refuse
   * (firmware-notes §4), with the reason: no device can be required to refuse them, and
   * some would block it. They still get every other bad value.
   */
  unrefused?: Readonly<Record<string, string>>;
  /**
   * Bad values (`<parameter>:<kind>`) left out because the spec's own examples write such a
   * line with another meaning, with the reason; the scenario of that example covers them.
   */
  exampleSyntax?: Readonly<Record<string, string>>;
}

const CLOSED = '<closed>';

/** A second socket, opened and closed again, whose handle is the "closed handle". */
const CLOSED_SOCKET = [
  'And a UDP socket <closed> is open',
  'And I send `AT#XCLOSE=<closed>`',
  'And the response is `#XCLOSE: <closed>,0`',
];

const CONNECTED_TCP = [
  'Given a TCP socket <handle> is open',
  'And I send `AT#XCONNECT=<handle>,"test.server.com",1234`',
  'And the response is `#XCONNECT: <handle>,1`',
];

/** firmware-notes §4: "flags … passed unchanged to send()"; #XRECV/#XRECVFROM likewise (E14). */
const FLAGS_PASSED_THROUGH = { flags: 'SM passes any int32 <flags> to the socket call unchanged (firmware-notes §4, E14)' };

const LISTENING_SERVER = [
  'Given a TCP server socket <handle> is open',
  'And I send `AT#XBIND=<handle>,1234`',
  'And the response is `OK`',
];

export const BAD_INPUT_PLANS: Readonly<Record<string, BadInputPlan>> = {
  '#XSOCKET': {
    setup: [],
    bases: ['AT#XSOCKET=1,1,0'],
    afterwards: { line: 'AT#XSOCKET=1,1,0', response: '#XSOCKET: <opened>,1,6' },
  },
  '#XSSOCKET': {
    setup: [],
    bases: ['AT#XSSOCKET=1,1,0,16842753,2'],
    unrefused: { sec_tag: 'SM hands any int32 to the modem, which checks it against stored credentials only at the handshake (firmware-notes §4)' },
    afterwards: { line: 'AT#XSSOCKET=1,1,0,16842753,2', response: '#XSSOCKET: <opened>,1,258' },
  },
  '#XCLOSE': {
    setup: ['Given a TCP socket <handle> is open', ...CLOSED_SOCKET],
    bases: ['AT#XCLOSE=<handle>'],
    afterwards: { line: 'AT#XCLOSE=<handle>', response: '#XCLOSE: <handle>,0' },
  },
  '#XSOCKETOPT': {
    setup: ['Given a TCP socket <handle> is open', ...CLOSED_SOCKET],
    bases: ['AT#XSOCKETOPT=<handle>,1,20,30'],
    afterwards: { line: 'AT#XSOCKETOPT=<handle>,0,21', response: '#XSOCKETOPT: <handle>,30' },
  },
  '#XSSOCKETOPT': {
    setup: ['Given a TLS socket <handle> is open', ...CLOSED_SOCKET],
    bases: ['AT#XSSOCKETOPT=<handle>,1,5,2'],
    afterwards: { line: 'AT#XSSOCKETOPT=<handle>,0,5', response: '#XSSOCKETOPT: <handle>,2' },
  },
  '#XBIND': {
    setup: ['Given a TCP server socket <handle> is open', ...CLOSED_SOCKET],
    bases: ['AT#XBIND=<handle>,1234'],
    afterwards: { line: 'AT#XBIND=<handle>,1234', response: 'OK' },
  },
  '#XCONNECT': {
    setup: ['Given a TCP socket <handle> is open', ...CLOSED_SOCKET],
    bases: ['AT#XCONNECT=<handle>,"test.server.com",1234'],
    afterwards: { line: 'AT#XCONNECT=<handle>,"test.server.com",1234', response: '#XCONNECT: <handle>,1' },
  },
  '#XLISTEN': {
    setup: [...LISTENING_SERVER, ...CLOSED_SOCKET],
    bases: ['AT#XLISTEN=<handle>'],
    afterwards: { line: 'AT#XLISTEN=<handle>', response: 'OK' },
  },
  '#XACCEPT': {
    setup: [...LISTENING_SERVER, 'And I send `AT#XLISTEN=<handle>`', 'And the response is `OK`', ...CLOSED_SOCKET],
    bases: ['AT#XACCEPT=<handle>,1'],
    unrefused: { timeout: 'a timeout of 0 or below makes accept() wait for a client with no limit (firmware-notes §4)' },
    afterwards: { line: 'AT#XSOCKETOPT=<handle>,0,21', response: '#XSOCKETOPT: <handle>,30' },
  },
  '#XSEND': {
    setup: [...CONNECTED_TCP, ...CLOSED_SOCKET],
    bases: ['AT#XSEND=<handle>,0,0,"Test TCP"', 'AT#XSEND=<handle>,1,0,"48656C6C6F"'],
    unrefused: FLAGS_PASSED_THROUGH,
    exampleSyntax: { 'mode:wrong-type': 'the spec\'s #XAPOLL example sends `AT#XSEND=1,"echo"`, a string where <mode> goes (older syntax, E15; features/14-xapoll.feature)' },
    afterwards: { line: 'AT#XSEND=<handle>,0,0,"Test TCP"', response: '#XSEND: <handle>,8' },
  },
  '#XRECV': {
    setup: [...CONNECTED_TCP, 'And I send `AT#XSEND=<handle>,0,0,"Test TCP"`', 'And the response is `#XSEND: <handle>,8`', ...CLOSED_SOCKET],
    bases: ['AT#XRECV=<handle>,0,0,1,10'],
    unrefused: FLAGS_PASSED_THROUGH,
    exampleSyntax: { 'flags:missing': 'the spec\'s #XAPOLL example sends `AT#XRECV=1,1`, two arguments (older syntax, E16; features/14-xapoll.feature)' },
    afterwards: { line: 'AT#XRECV=<handle>,0,0,5', response: '#XRECV: <handle>,0,8' },
  },
  '#XSENDTO': {
    setup: ['Given a UDP socket <handle> is open', ...CLOSED_SOCKET],
    bases: ['AT#XSENDTO=<handle>,0,0,"test.server.com",1234,"Test UDP"', 'AT#XSENDTO=<handle>,1,0,"test.server.com",1234,"48656C6C6F"'],
    unrefused: FLAGS_PASSED_THROUGH,
    afterwards: { line: 'AT#XSENDTO=<handle>,0,0,"test.server.com",1234,"Test UDP"', response: '#XSENDTO: <handle>,8' },
  },
  '#XRECVFROM': {
    setup: [
      'Given a UDP socket <handle> is open',
      'And I send `AT#XSENDTO=<handle>,0,0,"test.server.com",1234,"Test UDP"`',
      'And the response is `#XSENDTO: <handle>,8`',
      ...CLOSED_SOCKET,
    ],
    bases: ['AT#XRECVFROM=<handle>,0,0,1,10'],
    unrefused: FLAGS_PASSED_THROUGH,
    afterwards: { line: 'AT#XRECVFROM=<handle>,0,0,5', response: '#XRECVFROM: <handle>,0,8,"192.168.1.100",24210' },
  },
  '#XAPOLL': {
    setup: ['Given a TCP socket <handle> is open', ...CLOSED_SOCKET],
    bases: ['AT#XAPOLL=1,5,<handle>'],
    afterwards: { line: 'AT#XAPOLL=1,5,<handle>', response: 'OK' },
  },
  '#XGETADDRINFO': {
    setup: [],
    bases: ['AT#XGETADDRINFO="google.com",1'],
    afterwards: { line: 'AT#XGETADDRINFO="google.com",1', response: '#XGETADDRINFO: "142.251.42.142"' },
  },
};

export interface BadInputFeature {
  /** Path relative to the repository, e.g. 'features/bad-input/01-xsocket.feature'. */
  path: string;
  text: string;
}

/** Every bad-input feature file, in spec order. */
export function badInputFeatures(): BadInputFeature[] {
  return COMMANDS.flatMap((command) => {
    const plan = BAD_INPUT_PLANS[command.name];
    if (!plan || !command.forms.set.supported) return [];
    const name = command.name.slice(1).toLowerCase();
    return [{ path: `features/bad-input/${String(command.order).padStart(2, '0')}-${name}.feature`, text: featureText(command, plan) }];
  });
}

function featureText(command: CommandSpec, plan: BadInputPlan): string {
  const set = command.forms.set;
  if (!set.supported) throw new Error(`${command.name} has no set form`);
  const allInputs = badInputs(command, plan.bases, { closedHandle: CLOSED, unknownHandle: UNKNOWN_HANDLE, ...(plan.unrefused ? { unrefused: Object.keys(plan.unrefused) } : {}) });
  const spared = plan.exampleSyntax ?? {};
  const inputs = allInputs.filter((input) => !(`${input.parameter}:${input.kind}` in spared));
  const refused = inputs.filter((input) => input.firmwareAcceptsAs === undefined);
  const byErratum = new Map<string, BadInput[]>();
  for (const input of inputs) {
    if (input.firmwareAcceptsAs === undefined) continue;
    byErratum.set(input.firmwareAcceptsAs, [...(byErratum.get(input.firmwareAcceptsAs) ?? []), input]);
  }
  const tag = `@${command.name.slice(1)}`;
  const lines = [
    '# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.',
    '# Rewrite with: node --import tsx tools/write-bad-input-features.ts',
    `${tag} @set @negative`,
    `Feature: ${command.title}: bad input is refused`,
    `  Syntax: AT${set.syntax}`,
    '  Every parameter is tried below and above its domain, missing, empty, with the wrong type',
    '  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.',
    '  Each must get ERROR and leave the device usable: the valid command that follows works.',
    ...Object.entries(plan.unrefused ?? {}).map(([name, reason]) => `  Not tried outside its domain: <${name}>; ${reason}.`),
    ...unreached(set.parameters.map((parameter) => parameter.name), allInputs),
    ...Object.entries(spared).map(([which, reason]) => `  Not tried: ${which.replace(/^(\w+):(.*)$/, '<$1> $2')}; ${reason}.`),
    '',
    `  Rule: ${set.requirement} A value outside the syntax or a domain gets ERROR.`,
    '',
    ...(plan.setup.length > 0 ? ['    Background:', ...plan.setup.map((step) => `      ${step}`), ''] : []),
    `    Scenario Outline: AT${set.syntax} refuses <case>`,
    '      When I send `<line>`',
    '      Then the response is `ERROR`',
    ...afterwardsSteps(plan),
    '',
    '      Examples:',
    ...table(refused),
  ];
  for (const [erratum, rows] of byErratum) {
    lines.push(
      '',
      `    @erratum:${erratum}`,
      `    Scenario Outline: AT${set.syntax} refuses <case> (erratum ${erratum}: the firmware accepts it)`,
      '      When I send `<line>`',
      `      Then the response is \`ERROR\`, or as erratum ${erratum} says the command is accepted`,
      ...afterwardsSteps(plan),
      '',
      '      Examples:',
      ...table(rows),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A parameter the bases cannot reach: an optional one after another optional one they leave out. */
function unreached(parameters: readonly string[], inputs: readonly BadInput[]): string[] {
  const missing = parameters.filter((name) => !inputs.some((input) => input.parameter === name));
  if (missing.length === 0) return [];
  return [`  Not tried: ${missing.map((name) => `<${name}>`).join(', ')}; each is written only after the one before it, which is tried.`];
}

function afterwardsSteps(plan: BadInputPlan): string[] {
  return [
    '      And the device is still usable',
    `      And I send \`${plan.afterwards.line}\``,
    `      And the response is \`${plan.afterwards.response}\``,
  ];
}

function table(rows: readonly BadInput[]): string[] {
  const cells = rows.map((row) => [escapeCell(row.description), escapeCell(row.line)]);
  const header = ['case', 'line'];
  // Only the first column is aligned: a line can be thousands of characters long.
  const width = Math.max(header[0]!.length, ...cells.map((row) => row[0]!.length));
  const render = ([description, line]: readonly string[]) => `        | ${description!.padEnd(width)} | ${line} |`;
  return [render(header), ...cells.map(render)];
}

/** Gherkin table cells escape '|' and '\'. */
function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}
