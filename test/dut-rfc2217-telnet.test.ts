// The Telnet layer of the RFC 2217 client, byte by byte: the stream decoder (IAC undoubled
// everywhere, at any chunk boundary), the encoder (IAC doubled in data and in
// subnegotiation values) and RFC 1143's option state machine (no negotiation loops).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DO, DONT, IAC, OPTION_BINARY, OPTION_COM_PORT, OPTION_ECHO, SB, SE, WILL, WONT } from '../src/dut/rfc2217/telnet-codes.ts';
import { escapeIac, subnegotiation, TelnetDecoder, type TelnetEvent } from '../src/dut/rfc2217/telnet-stream.ts';
import { TelnetOptions, type OptionCommand } from '../src/dut/rfc2217/telnet-options.ts';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, value) => value));

/** Decodes `wire` cut into the given chunk sizes; consecutive data events are joined. */
function decodeInChunks(wire: Buffer, cuts: number[]): TelnetEvent[] {
  const decoder = new TelnetDecoder();
  const events: TelnetEvent[] = [];
  let at = 0;
  for (const cut of [...cuts, wire.length]) {
    for (const event of decoder.decode(wire.subarray(at, cut))) {
      const last = events.at(-1);
      if (event.kind === 'data' && last?.kind === 'data') last.bytes = Buffer.concat([last.bytes, event.bytes]);
      else events.push(event);
    }
    at = cut;
  }
  return events;
}

describe('Telnet stream', () => {
  it('doubles IAC in data, and only IAC', () => {
    assert.deepEqual([...escapeIac(Buffer.from([1, IAC, 2, IAC, IAC]))], [1, IAC, IAC, 2, IAC, IAC, IAC, IAC]);
    const escaped = escapeIac(ALL_BYTES);
    assert.equal(escaped.length, 257);
    assert.deepEqual([...escaped.subarray(254)], [254, IAC, IAC]);
  });

  it('all 256 byte values survive escaping and decoding, cut at every position', () => {
    const wire = escapeIac(ALL_BYTES);
    for (let cut = 0; cut <= wire.length; cut++) {
      const events = decodeInChunks(wire, [cut]);
      assert.equal(events.length, 1, `cut at ${cut}`);
      assert.deepEqual(events[0], { kind: 'data', bytes: ALL_BYTES }, `cut at ${cut}`);
    }
  });

  it('a payload that is all IAC survives a chunk per byte', () => {
    const payload = Buffer.alloc(9, IAC);
    const wire = escapeIac(payload);
    const events = decodeInChunks(wire, Array.from({ length: wire.length }, (_, index) => index + 1));
    assert.deepEqual(events, [{ kind: 'data', bytes: payload }]);
  });

  it('separates option commands and subnegotiations from data, in order', () => {
    const wire = Buffer.concat([
      Buffer.from('OK'), Buffer.from([IAC, WILL, OPTION_BINARY]), Buffer.from([0x41, IAC, IAC]),
      subnegotiation(OPTION_COM_PORT, Buffer.from([101, 0, 1, 0xc2, 0])), Buffer.from([IAC, 241]), Buffer.from('\r\n'),
    ]);
    const expected: TelnetEvent[] = [
      { kind: 'data', bytes: Buffer.from('OK') },
      { kind: 'option', verb: WILL, option: OPTION_BINARY },
      { kind: 'data', bytes: Buffer.from([0x41, IAC]) },
      { kind: 'subnegotiation', option: OPTION_COM_PORT, value: Buffer.from([101, 0, 1, 0xc2, 0]) },
      { kind: 'command', code: 241 },
      { kind: 'data', bytes: Buffer.from('\r\n') },
    ];
    for (let cut = 0; cut <= wire.length; cut++) assert.deepEqual(decodeInChunks(wire, [cut]), expected, `cut at ${cut}`);
  });

  it('doubles IAC inside a subnegotiation value and undoubles it on receipt (a baud rate of 0xFF…)', () => {
    const value = Buffer.from([1, 0, 0, IAC, IAC]); // SET-BAUDRATE 65535
    const wire = subnegotiation(OPTION_COM_PORT, value);
    assert.deepEqual([...wire], [IAC, SB, OPTION_COM_PORT, 1, 0, 0, IAC, IAC, IAC, IAC, IAC, SE]);
    for (let cut = 0; cut <= wire.length; cut++) {
      assert.deepEqual(decodeInChunks(wire, [cut]), [{ kind: 'subnegotiation', option: OPTION_COM_PORT, value }], `cut at ${cut}`);
    }
  });
});

/** Two agents wired back to back; returns every command that crossed, in order. */
function converse(a: TelnetOptions, b: TelnetOptions, first: OptionCommand[]): string[] {
  const crossed: string[] = [];
  let inFlight: { to: TelnetOptions; commands: OptionCommand[] }[] = [{ to: b, commands: first }];
  for (let round = 0; inFlight.length > 0; round++) {
    assert.ok(round < 20, `negotiation loop: ${crossed.join(', ')}`);
    const next: typeof inFlight = [];
    for (const { to, commands } of inFlight) {
      for (const command of commands) {
        crossed.push(`${to === b ? 'a→b' : 'b→a'} ${command.verb}/${command.option}`);
        next.push({ to: to === b ? a : b, commands: to.receive(command.verb, command.option) });
      }
    }
    inFlight = next;
  }
  return crossed;
}

const accepting = (...options: number[]): TelnetOptions => new TelnetOptions({ usAccepts: new Set(options), himAccepts: new Set(options) });

describe('Telnet options (RFC 1143)', () => {
  it('asking for an option sends one request and answers nothing when it is agreed', () => {
    const client = accepting(OPTION_BINARY);
    assert.deepEqual(client.request('us', OPTION_BINARY, true), [{ verb: WILL, option: OPTION_BINARY }]);
    assert.equal(client.state('us', OPTION_BINARY), 'wantyes');
    assert.deepEqual(client.request('us', OPTION_BINARY, true), [], 'no second request while one is outstanding');
    assert.deepEqual(client.receive(DO, OPTION_BINARY), [], 'DO answers our WILL; it is not answered again');
    assert.equal(client.state('us', OPTION_BINARY), 'yes');
    assert.deepEqual(client.receive(DO, OPTION_BINARY), [], 'a repeated DO changes nothing and is not answered');
  });

  it('answers an unsolicited offer by policy: DO for an accepted option, DONT for ECHO', () => {
    const client = accepting(OPTION_BINARY);
    assert.deepEqual(client.receive(WILL, OPTION_BINARY), [{ verb: DO, option: OPTION_BINARY }]);
    assert.ok(client.enabled('him', OPTION_BINARY));
    assert.deepEqual(client.receive(WILL, OPTION_ECHO), [{ verb: DONT, option: OPTION_ECHO }]);
    assert.equal(client.state('him', OPTION_ECHO), 'no');
    assert.deepEqual(client.receive(WILL, OPTION_ECHO), [{ verb: DONT, option: OPTION_ECHO }], 'refused again, still no state change');
    assert.deepEqual(client.receive(DO, OPTION_ECHO), [{ verb: WONT, option: OPTION_ECHO }]);
  });

  it('a refusal of our request is final and not answered', () => {
    const client = accepting(OPTION_COM_PORT);
    client.request('us', OPTION_COM_PORT, true);
    assert.deepEqual(client.receive(DONT, OPTION_COM_PORT), []);
    assert.equal(client.state('us', OPTION_COM_PORT), 'no');
  });

  it('both sides asking at once end agreed without a loop', () => {
    const a = accepting(OPTION_BINARY);
    const b = accepting(OPTION_BINARY);
    const fromA = a.request('him', OPTION_BINARY, true);
    const fromB = b.request('us', OPTION_BINARY, true);
    // each receives the other's request while its own is outstanding
    assert.deepEqual(a.receive(WILL, OPTION_BINARY), []);
    assert.deepEqual(b.receive(DO, OPTION_BINARY), []);
    assert.deepEqual([fromA, fromB], [[{ verb: DO, option: OPTION_BINARY }], [{ verb: WILL, option: OPTION_BINARY }]]);
    assert.ok(a.enabled('him', OPTION_BINARY) && b.enabled('us', OPTION_BINARY));
  });

  it('two agents negotiating and renegotiating BINARY converge with a bounded exchange', () => {
    const a = accepting(OPTION_BINARY);
    const b = accepting(OPTION_BINARY);
    assert.deepEqual(converse(a, b, a.request('us', OPTION_BINARY, true)), [`a→b ${WILL}/0`, `b→a ${DO}/0`]);
    assert.ok(a.enabled('us', OPTION_BINARY) && b.enabled('him', OPTION_BINARY));
    assert.deepEqual(converse(a, b, a.request('us', OPTION_BINARY, false)), [`a→b ${WONT}/0`, `b→a ${DONT}/0`]);
    assert.equal(a.state('us', OPTION_BINARY), 'no');
    assert.equal(b.state('him', OPTION_BINARY), 'no');
  });

  it('a change of mind while a request is outstanding is queued, then sent once (WANTYES/OPPOSITE)', () => {
    const client = accepting(OPTION_BINARY);
    client.request('him', OPTION_BINARY, true);             // DO sent, WANTYES
    assert.deepEqual(client.request('him', OPTION_BINARY, false), [], 'queued, not sent');
    assert.deepEqual(client.receive(WILL, OPTION_BINARY), [{ verb: DONT, option: OPTION_BINARY }], 'the queued disable goes out on the answer');
    assert.equal(client.state('him', OPTION_BINARY), 'wantno');
    assert.deepEqual(client.receive(WONT, OPTION_BINARY), []);
    assert.equal(client.state('him', OPTION_BINARY), 'no');
  });

  it('a peer that disables an enabled option is acknowledged once', () => {
    const client = accepting(OPTION_BINARY);
    client.receive(WILL, OPTION_BINARY);
    assert.deepEqual(client.receive(WONT, OPTION_BINARY), [{ verb: DONT, option: OPTION_BINARY }]);
    assert.deepEqual(client.receive(WONT, OPTION_BINARY), [], 'already off: not answered (this is what prevents loops)');
  });
});
