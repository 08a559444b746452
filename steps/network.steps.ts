// The far side of the wire: what the loopback peers received, a client that connects to the
// device's own server, and the data an #XRECV / #XRECVFROM answer carried.
//
//   Then the TCP peer received `Test TCP`
//   Then the UDP peer received hex `48656C6C6F`        (a datagram peer: exactly one datagram)
//   Given a loopback client connects to the device's server on port 1234
//   When a loopback client sends the datagram `Test UDP` to the device's port 1234
//   Then the received data is `Test OK`

import { After, BeforeStep, defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import { dataEndsAtFinalCode, expectReceivedData } from '../src/at/received-data.ts';
import { bytesOfHex, bytesOfText, hexDataOfLength } from '../src/at/wire-text.ts';
import { DeviceServerUnknown } from '../src/dut/device-session.ts';
import { aliasOfTestServer } from '../src/emulator/network/default-network-map.ts';
import { sendLoopbackDatagram } from '../src/peers/loopback-client.ts';
import type { PeerEndpoint } from '../src/peers/peer.ts';
import { ScenarioNetwork, type ObservedPeer } from '../src/peers/scenario-network.ts';
import { EnvironmentError } from '../src/blame/verdict-errors.ts';
import type { ConformanceWorld } from './support/world.ts';

/** How the scenarios name the peers of the default network (src/peers/peer-set.ts). */
const PEER_WORDS: Readonly<Record<string, ObservedPeer>> = {
  'TCP peer': 'tcp-echo',
  'UDP peer': 'udp-echo',
  'TLS peer': 'tls-echo',
  'DTLS peer': 'dtls-echo',
  'TCP sink': 'sink',
  'UDP sink': 'udp-sink',
  'closing peer': 'close-after-echo',
  'loopback client': 'loopback client',
};

defineParameterType({
  name: 'observed-peer',
  regexp: new RegExp(`the (${Object.keys(PEER_WORDS).join('|')})`),
  transformer: (words: string) => PEER_WORDS[words]!,
});

// A device port: a number, or a placeholder captured earlier (`<port>`).
defineParameterType({
  name: 'device-port',
  regexp: /\d+|<[A-Za-z][\w-]*>/,
  transformer: (text: string) => text,
});

const scenarios = new WeakMap<ConformanceWorld, ScenarioNetwork>();

function networkOf(world: ConformanceWorld): ScenarioNetwork {
  const network = scenarios.get(world);
  if (!network) throw new Error('the scenario\'s network view was not started (BeforeStep)');
  return network;
}

// Before the first step, once the Before hooks have reset the device: what the peers
// receive from here on is this scenario's (see ScenarioNetwork.start).
BeforeStep(async function (this: ConformanceWorld) {
  if (!scenarios.has(this)) scenarios.set(this, await ScenarioNetwork.start(() => this.peers, this.run.commandTimeoutMs));
});

After(function (this: ConformanceWorld) {
  scenarios.get(this)?.close();
});

Then('{observed-peer} received {wire}', async function (this: ConformanceWorld, peer: ObservedPeer, text: string) {
  await networkOf(this).expectReceived(peer, bytesOfText(this.captures.expand(text)));
});

Then('{observed-peer} received hex {wire}', async function (this: ConformanceWorld, peer: ObservedPeer, hex: string) {
  await networkOf(this).expectReceived(peer, bytesOfHex(this.captures.expand(hex)));
});

Given('a loopback client connects to the device\'s server on port {device-port}', async function (this: ConformanceWorld, port: string) {
  await connectClient(this, Number(this.captures.expand(port)));
});

// #XACCEPT with timeout 0 blocks until a client comes: the command is sent first, the
// client connects while it waits, and the answer is then the scenario's last response.
// The server is looked up before the command goes out: a device whose server this machine
// cannot reach must not be left blocked for the scenarios after this one.
When('I send {wire} and a loopback client connects to the device\'s server on port {device-port} while it waits', async function (this: ConformanceWorld, line: string, port: string) {
  const server = deviceServer(this, Number(this.captures.expand(port)), 'tcp');
  await Promise.all([this.send(line), networkOf(this).connectClient(server)]);
});

When('the loopback client sends {wire}', async function (this: ConformanceWorld, text: string) {
  await networkOf(this).client.send(bytesOfText(this.captures.expand(text)));
});

When('the loopback client closes its connection', async function (this: ConformanceWorld) {
  await networkOf(this).client.end();
});

Then('the device has closed the loopback client\'s connection', async function (this: ConformanceWorld) {
  await networkOf(this).client.waitForEnd(this.run.commandTimeoutMs);
});

When('a loopback client sends the datagram {wire} to the device\'s port {device-port}', async function (this: ConformanceWorld, text: string, port: string) {
  await sendLoopbackDatagram(deviceServer(this, Number(this.captures.expand(port)), 'udp'), bytesOfText(this.captures.expand(text)));
});

async function connectClient(world: ConformanceWorld, devicePort: number): Promise<void> {
  await networkOf(world).connectClient(deviceServer(world, devicePort, 'tcp'));
}

/** Where a client on this machine reaches the device's server on `devicePort`. */
function deviceServer(world: ConformanceWorld, devicePort: number, transport: 'tcp' | 'udp'): PeerEndpoint {
  let endpoint: PeerEndpoint | undefined;
  try {
    endpoint = world.device.serverEndpoint(devicePort, transport);
  } catch (error) {
    throw error instanceof DeviceServerUnknown ? new EnvironmentError(error.message) : error;
  }
  if (!endpoint) throw new Error(transport === 'tcp' ? `the device has no TCP server listening on port ${devicePort}` : `the device has no UDP socket bound to port ${devicePort}`);
  return endpoint;
}

// The data of the last #XRECV / #XRECVFROM answer, as on the wire (mode 1: the hex text).
Then('the received data is {wire}', function (this: ConformanceWorld, text: string) {
  expectReceivedData(this.lastResponse, bytesOfText(this.captures.expand(text)));
});

// Binary data in mode 0, written as the hex of its bytes (CR, LF, NUL cannot be written in a step).
Then('the received data in hex is {wire}', function (this: ConformanceWorld, hex: string) {
  expectReceivedData(this.lastResponse, bytesOfHex(this.captures.expand(hex)));
});

// Erratum E13: the spec shows <data> on a line of its own; the data has no line end of its
// own, the CRLF after it belongs to the final result code.
Then('the received data is followed directly by the final result code', function (this: ConformanceWorld) {
  if (!dataEndsAtFinalCode(this.lastResponse)) throw new Error(`${this.lastResponse.command}: the data is not followed directly by \\r\\n${this.lastResponse.final.text}\\r\\n`);
});

// Long values a scenario names instead of writing them out (hostname and hex limits, E10/E11).
Given('{socket-name} is a name of test.server.com with {int} characters', function (this: ConformanceWorld, name: string, length: number) {
  this.captures.set(name, aliasOfTestServer(length));
});

Given('{socket-name} is hex data of {int} characters', function (this: ConformanceWorld, name: string, length: number) {
  this.captures.set(name, hexDataOfLength(length));
});

