// The sequence chart of a scenario (issue 12 item 5): host, device and network peer; every
// command, response line, URC, payload and peer arrival in time order with its step; the
// failing step's exchanges red; long labels cut with the byte count, the whole in the
// tooltip; device text escaped; key material redacted as in the wire slice.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chartMessages, renderSequenceChart, type ScenarioExchange } from '../src/report/sequence-chart.ts';

const wire = (direction: 'tx' | 'rx', text: string, atUs: number) => ({ direction, bytes: Buffer.from(text, 'latin1'), atUs });

function exchange(): ScenarioExchange {
  return {
    title: 'Send <data> and read it back',
    startUs: 1_000,
    steps: [
      { text: 'a TCP socket <tcp> is open', startUs: 1_000, failed: false },
      { text: 'I send `AT#XSEND=<tcp>,0,0,"Hello"`', startUs: 2_000, failed: false },
      { text: 'the response is `#XRECV: <tcp>,0,5`', startUs: 5_000, failed: true },
      { text: 'I send `AT%CMNG=0,16842753,3,"00112233445566778899AABBCCDDEEFF"`', startUs: 5_900, failed: false },
    ],
    wire: [
      wire('tx', 'AT#XSOCKET=1,1,0\r', 1_100),
      wire('rx', '\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n', 1_300),
      wire('tx', 'AT#XSEND=0,0,0,"Hello"\r', 2_100),
      wire('rx', '\r\n#XSEND: 0,5\r\n\r\nOK\r\n\r\n#XAPOLL: 0,1\r\n', 2_600),
      wire('tx', 'AT#XRECV=0,0,0\r', 5_100),
      wire('rx', `\r\n#XRECV: 0,0,300\r\n${'<b>'.repeat(100)}\r\nOK\r\n`, 5_400),
      wire('tx', 'AT%CMNG=0,16842753,3,"00112233445566778899AABBCCDDEEFF"\r', 6_000),
    ],
    peers: [{ peer: 'tcp-echo', atUs: 2_400, bytes: Buffer.from('Hello') }],
  };
}

describe('sequence chart', () => {
  it('puts every exchange on its lifelines, in time order, under its step', () => {
    const messages = chartMessages(exchange());
    assert.deepEqual(messages.map((message) => [message.from, message.to, message.kind, message.step]), [
      ['host', 'device', 'command', 0],
      ['device', 'host', 'line', 0],
      ['device', 'host', 'final', 0],
      ['host', 'device', 'command', 1],
      ['device', 'peer', 'network', 1],
      ['device', 'host', 'line', 1],
      ['device', 'host', 'final', 1],
      ['device', 'host', 'urc', 1],
      ['host', 'device', 'command', 2],
      ['device', 'host', 'line', 2],
      ['device', 'host', 'payload', 2],
      ['device', 'host', 'final', 2],
      ['host', 'device', 'command', 3],
    ]);
    assert.equal(messages[4]!.text, 'tcp-echo: Hello');
    assert.equal(messages[10]!.size, 300);
  });

  it('renders an SVG: the failing step red, long payloads cut with their size, every text escaped, keys redacted', () => {
    const svg = renderSequenceChart(exchange());
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="980" height="\d+"/);
    for (const lifeline of ['host', 'device', 'network peer']) assert.ok(svg.includes(`>${lifeline}</text>`), lifeline);
    assert.ok(svg.includes('Send &lt;data&gt; and read it back'));
    assert.ok(!svg.includes('<b>'), 'device bytes are text, not markup');
    assert.match(svg, /<g class="payload failing"><title>(&lt;b&gt;){100}<\/title>/, 'the whole payload in the tooltip');
    assert.match(svg, />payload (&lt;b&gt;)+[^<]*… \(300 bytes\)<\/text>/, 'the label cut with the size');
    assert.match(svg, /<g class="urc"><title>#XAPOLL: 0,1<\/title>/);
    assert.match(svg, /✗ the response is `#XRECV: &lt;tcp&gt;,0,5`/);
    assert.equal((svg.match(/class="[a-z]+ failing"/g) ?? []).length, 4);
    assert.ok(!svg.includes('00112233445566778899AABBCCDDEEFF'), 'credential content is redacted');
  });

  it('a failed step that sent nothing marks the exchange it judged, the one before it', () => {
    const svg = renderSequenceChart({
      title: 'check', startUs: 0, peers: [],
      steps: [{ text: 'I send `AT`', startUs: 0, failed: false }, { text: 'the response is `ERROR`', startUs: 500, failed: true }],
      wire: [wire('tx', 'AT\r', 100), wire('rx', '\r\nOK\r\n', 200)],
    });
    assert.match(svg, /<g class="command failing">/);
    assert.match(svg, /<g class="final failing">/);
    assert.match(svg, /✗ the response is `ERROR`/);
  });
});
