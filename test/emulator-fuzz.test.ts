// Seeded fuzz of the assembled emulator: at least 100,000 random and mutated command lines
// (spec examples with one parameter changed, truncated lines, binary garbage, over-long
// lines). Each line must get exactly one final result code, nothing may crash, and
// AT#XCLOSE must still empty the socket table at the end. The AtReader (with the
// catalogue's payload rule) reads the output, so payload bytes are never mistaken for codes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator, type Emulator } from '../src/emulator/emulator.ts';
import { startDefaultNetwork } from '../src/emulator/network/index.ts';
import { parseAtArgs } from '../src/emulator/at-args.ts';
import { commandName, commandText, passesGrammarCheck } from '../src/emulator/host/command-grammar.ts';
import { AtReader } from '../src/at/at-reader.ts';
import type { AtEvent } from '../src/at/events.ts';
import { payloadRule } from '../src/catalogue/payload.ts';
import { SPEC_EXAMPLES } from '../src/catalogue/examples.ts';
import { seededRandom } from '../src/emulator/seeded-random.ts';

const SEED = Number(process.env.SM_FUZZ_SEED ?? 0x5eed);
const LINES = Number(process.env.SM_FUZZ_LINES ?? 100_000);


const CORPUS = [
  ...new Set([
    ...SPEC_EXAMPLES.map((example) => example.line),
    'AT#XSOCKET=1,1,0', 'AT#XSOCKET=2,2,0', 'AT#XSOCKET=1,2,1', 'AT#XSOCKET=1,1,0,1', 'AT#XSSOCKET=1,1,0,16842753,0',
    'AT#XSOCKETOPT=0,1,20,1', 'AT#XSOCKETOPT=0,0,21', 'AT#XSSOCKETOPT=0,1,2,"test.server.com"', 'AT#XBIND=0,4000',
    'AT#XCONNECT=0,"127.0.0.1",7', 'AT#XCONNECT=0,"192.168.0.1",1234', 'AT#XSEND=0,1,0,"48656C6C6F"', 'AT#XSEND=0,0,64,"x"',
    'AT#XSENDTO=1,0,0,"test.server.com",1234,"hi"', 'AT#XRECV=0,1,64,1,16', 'AT#XRECVFROM=1,0,64,0', 'AT#XAPOLL=1,5',
    'AT#XAPOLL?', 'AT#XAPOLL=0', 'AT#XGETADDRINFO="test.server.com",1', 'AT#XGETADDRINFO=example.com', 'AT#XCLOSE=0',
    'AT#XDATACTRL=40', 'AT#XDATACTRL?', 'AT%CMNG=1', 'AT+CGMR', 'AT', 'ATE0',
  ]),
];

const NUMBERS = ['0', '1', '2', '3', '-1', '7', '8', '64', '255', '256', '512', '65535', '65536', '2147483647', '2147483648', '-2147483648', '-2147483649', '01', '0x10', '-0', '1.5', '+5', ' 1', '1 '];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomText(random: () => number, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789.-_:, '): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

/** A spec-like line with one parameter replaced, removed or added. */
function mutate(random: () => number, line: string): string {
  const equals = line.indexOf('=');
  if (equals < 0 || line.endsWith('=?')) return random() < 0.5 ? line : `${line}=${pick(random, NUMBERS)}`;
  const params = line.slice(equals + 1).split(',');
  const index = Math.floor(random() * params.length);
  const roll = random();
  if (roll < 0.4) params[index] = pick(random, NUMBERS);
  else if (roll < 0.55) params[index] = `"${randomText(random, Math.floor(random() * 40))}"`;
  else if (roll < 0.6) params[index] = `"${'h'.repeat(120 + Math.floor(random() * 20))}"`;
  else if (roll < 0.7) params[index] = '';
  else if (roll < 0.8) params.splice(index, 1);
  else if (roll < 0.9) params.push(pick(random, NUMBERS));
  else params[index] = randomText(random, 1 + Math.floor(random() * 10));
  return `${line.slice(0, equals + 1)}${params.join(',')}`;
}

function garbage(random: () => number): string {
  let text = random() < 0.5 ? pick(random, ['AT', 'AT#X', 'AT+', 'at#', '']) : '';
  const length = Math.floor(random() * 60);
  for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(random() * 256));
  return text;
}

function generate(random: () => number): string {
  const roll = random();
  if (roll < 0.55) return mutate(random, pick(random, CORPUS));
  if (roll < 0.7) return pick(random, CORPUS);
  if (roll < 0.82) {
    const line = pick(random, CORPUS);
    return line.slice(0, Math.floor(random() * line.length));
  }
  if (roll < 0.995) return garbage(random);
  return `AT#XSOCKET="${'x'.repeat(4097 + Math.floor(random() * 3000))}"`;
}

/**
 * Makes a line exactly one command line: no line-editing bytes, quotes balanced (so the
 * CR ends it), not empty, and nothing that would block (receives get flag 64 = MSG_DONTWAIT;
 * nothing listens, so #XACCEPT cannot wait), switch echo on, or open a DTLS socket.
 */
function oneCommandLine(line: string): string {
  let text = line.replace(/[\r\n\x08\x7f]/g, '');
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) text += '"';
  if (text === '') return ' '; // an empty line is ignored silently: it is not a command line
  const command = commandText(text);
  if (!passesGrammarCheck(command)) return text;
  const name = commandName(command);
  if (name === 'ATE1') return text.replace(/1$/, '0');
  let parsed;
  try {
    parsed = parseAtArgs(command);
  } catch {
    return text; // answered ERROR before any handler
  }
  if (parsed.form !== 'set') return text;
  const params = command.slice(command.indexOf('=') + 1).split(',');
  if (name === '#XLISTEN') return 'AT#XLISTEN=99';
  // No DTLS sockets: after a failed DTLS handshake, werift-dtls keeps retransmission timers
  // running for tens of seconds, which only delays this process's exit.
  if (name === '#XSSOCKET' && parsed.args.isInteger(2) && Number(params[1]) === 2 && !command.includes('"')) {
    params[1] = '1';
    return `AT${name}=${params.join(',')}`;
  }
  // With a quote in the line, a parameter before the flags is not an integer (ERROR at once)
  // or one after it is a string (ERROR before receiving); without, commas split exactly.
  if ((name === '#XRECV' || name === '#XRECVFROM') && parsed.args.count >= 4 && parsed.args.isInteger(3) && !command.includes('"')) {
    params[2] = String(Number(params[2]) | 64);
    return `AT${name}=${params.join(',')}`;
  }
  return text;
}

interface Tally {
  finals: number;
  framingErrors: string[];
}

async function runLine(emulator: Emulator, reader: AtReader, tally: Tally, line: string): Promise<void> {
  reader.expectResponse(line);
  await emulator.write(Buffer.from(`${line}\r`, 'latin1'));
  await emulator.idle();
  if (emulator.inDataMode) {
    await emulator.write(Buffer.from('+++'));
    await emulator.idle();
  }
}

describe('emulator fuzz', () => {
  it(`answers ${LINES} random and mutated lines with exactly one final code each (seed ${SEED})`, { timeout: 120_000 }, async () => {
    const network = await startDefaultNetwork({ handshakeTimeoutMs: 100 });
    const emulator = createEmulator({ network, dataModeQuietMs: 5, modem: { attachedAtBoot: true } });
    const tally: Tally = { finals: 0, framingErrors: [] };
    const reader = new AtReader({
      payloadRule,
      onEvent: (event: AtEvent) => {
        if (event.kind === 'final') tally.finals++;
        if (event.kind === 'framing-error') tally.framingErrors.push(event.reason);
      },
    });
    emulator.onData((bytes) => reader.feed(bytes));
    try {
      await emulator.ready();
      const random = seededRandom(SEED);
      for (let i = 0; i < LINES; i++) {
        const line = i % 500 === 499 ? 'AT#XCLOSE' : oneCommandLine(generate(random));
        const before = tally.finals;
        await runLine(emulator, reader, tally, line);
        assert.equal(tally.finals - before, 1, `line ${i}: ${JSON.stringify(line)} got ${tally.finals - before} final codes`);
      }
      assert.deepEqual(tally.framingErrors, []);
      await runLine(emulator, reader, tally, 'AT#XAPOLL=0');
      await runLine(emulator, reader, tally, 'AT#XCLOSE');
      const parts = await emulator.ready();
      assert.equal(parts.sockets.sockets().length, 0);
      let listing = '';
      const stop = emulator.onData((bytes) => (listing += bytes.toString('latin1')));
      await runLine(emulator, reader, tally, 'AT#XSOCKET?');
      await runLine(emulator, reader, tally, 'AT#XSSOCKET?');
      stop();
      assert.equal(listing, '\r\nOK\r\n\r\nOK\r\n');
    } finally {
      await emulator.close();
      await network.close();
    }
  });
});
