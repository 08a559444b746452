// Sending commands and opening sockets, in the words of the spec's examples. Sockets are
// opened with the spec's command lines and their handles captured by name (`<tcp>`).

import { defineStep, Given, When } from '@cucumber/cucumber';
import { socketOpening, type SocketFamily, type SocketKind } from './support/socket-kinds.ts';
import type { ConformanceWorld } from './support/world.ts';

Given('the device is ready', function (this: ConformanceWorld) {
  // The Before hook has already put the device into its known state; this step says so
  // in the scenario's own words and checks that the session is open.
  void this.device;
});

When('I send {wire}', async function (this: ConformanceWorld, line: string) {
  await this.send(line);
});

// "Given a TCP socket <tcp> is open", "And an IPv6 DTLS socket <dtls> is open",
// "Given a TCP server socket <server> is open", "When I open a raw socket <raw>".
// The socket's description is one group that always matches some text: cucumber's HTML report
// places an argument by its start and value, and an optional group that matched nothing (or
// the empty string) has neither, which doubled the step text.
const SOCKET = /an? ((?:IPv4 |IPv6 )?(?:TCP|UDP|raw|TLS|DTLS)(?: server)?) socket <([A-Za-z][\w-]*)>/;

async function openSocket(this: ConformanceWorld, description: string, name: string): Promise<void> {
  const [, family = 'IPv4', kind, server] = /^(?:(IPv4|IPv6) )?(TCP|UDP|raw|TLS|DTLS)( server)?$/.exec(description)!;
  const opening = socketOpening({ family: family as SocketFamily, kind: kind as SocketKind, role: server ? 'server' : 'client' }, name);
  await this.send(opening.command);
  this.expectResponse([opening.response, 'OK']);
}

Given(new RegExp(`^${SOCKET.source} is open$`), openSocket);
When(new RegExp(`^I open ${SOCKET.source}$`), openSocket);

// A socket opened with the scenario's own command line (other options, sec_tags, cids):
// "Given a socket <tls> is opened with `AT#XSSOCKET=1,1,0,16842753,0`".
defineStep('a socket {socket-name} is opened with {wire}', async function (this: ConformanceWorld, name: string, line: string) {
  await this.openSocketWith(name, line);
});

// The spec: "The application can open up to 8 sockets." Erratum E1: the spec-era firmware
// holds one fewer. The scenario names both numbers; any other count fails.
Given('all {int} sockets the device allows are open, or as erratum {erratum} says {int}', async function (this: ConformanceWorld, specLimit: number, erratum: string, erratumLimit: number) {
  await this.openSocketsUpTo(specLimit, { erratum, limit: erratumLimit });
});

Given('all {int} sockets the device allows are open', async function (this: ConformanceWorld, limit: number) {
  await this.openSocketsUpTo(limit);
});
