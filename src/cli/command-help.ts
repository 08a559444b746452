// `sm-conformance --help` and `sm-conformance <command> --help`, printed from the command
// table: each option with its value, default and allowed values, the notes (fault
// profiles), the exit codes.

import { COMMANDS, type CommandName, type CommandSpec } from './command-table.ts';

const OPTION_COLUMN = 28;

export function mainHelp(version: string): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  return [
    `sm-conformance ${version}: conformance harness, protocol validator and emulator for the nRF91 Serial Modem socket AT commands`,
    '',
    'usage: sm-conformance <command> [options]',
    '       sm-conformance <command> --help     (or -h) the options of one command',
    '       sm-conformance --version',
    '',
    'commands:',
    ...names.map((name) => `  ${name.padEnd(10)} ${COMMANDS[name].summary}`),
  ].join('\n');
}

export function commandHelp(name: CommandName): string {
  const command: CommandSpec = COMMANDS[name];
  const lead = `usage: sm-conformance ${name} `;
  const synopsis = command.synopsis.map((line, index) => `${index === 0 ? lead : ' '.repeat(lead.length)}${line}`);
  const options = Object.entries(command.options).flatMap(([option, spec]) => {
    const head = `  --${option}${spec.value !== undefined ? ` ${spec.value}` : ''}`;
    const details = [
      ...(spec.allowed ? [`one of: ${spec.allowed.join(', ')}`] : []),
      ...(spec.default !== undefined ? [`default: ${spec.default}`] : []),
    ];
    const text = `${spec.help}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
    return head.length < OPTION_COLUMN ? [`${head.padEnd(OPTION_COLUMN)}${text}`] : [head, `${' '.repeat(OPTION_COLUMN)}${text}`];
  });
  return [
    ...synopsis,
    '',
    command.summary,
    '',
    'options:',
    ...options,
    `  ${'-h, --help'.padEnd(OPTION_COLUMN - 2)}this help`,
    ...(command.notes ? ['', ...command.notes()] : []),
    '',
    'exit codes:',
    ...command.exitCodes.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`),
  ].join('\n');
}
