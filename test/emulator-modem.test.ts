// The modem surface around the sockets, byte for byte. Each test names where its bytes come
// from: the nRF91x1 Cellular AT Commands reference (section, form) for the modem's
// commands, ncs-serial-modem at 1bc9f6e4 for SM's own (sm_at_commands.c,
// doc/app/Generic_AT_commands.rst, app/src/main.c), and firmware-notes for SM's framing of
// passed-through answers (§1.3: CRLF in front of each line, an empty line before the final code).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatorSession } from './emulator-host-session.ts';
import { EMULATOR_VERSION } from '../src/emulator/identity.ts';
import type { EmulatorOptions } from '../src/emulator/emulator.ts';

const line = (text: string): string => `\r\n${text}\r\n`;
const OK = '\r\nOK\r\n';
const ERROR = '\r\nERROR\r\n';

/** An emulator booted as the firmware boots: offline. */
function offline(options: EmulatorOptions = {}): Promise<EmulatorSession> {
  return EmulatorSession.open({ ...options, modem: { attachedAtBoot: false, attachMs: 30, ...options.modem } });
}

/** Collects output until `text` has arrived (URCs come after the attach time). */
async function until(session: EmulatorSession, text: string): Promise<string> {
  let seen = '';
  for (let i = 0; i < 200 && !seen.includes(text); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    await session.emulator.idle();
    seen += session.take();
  }
  assert.ok(seen.includes(text), `expected ${JSON.stringify(text)} in ${JSON.stringify(seen)}`);
  return seen;
}

describe('emulator modem: boot state (app/src/main.c lte_auto_connect: CONFIG_SM_AUTO_CONNECT is off by default)', () => {
  it('boots offline: +CFUN: 0, not registered, the default PDN defined but not active', async () => {
    const device = await offline();
    assert.equal(await device.send('AT+CFUN?\r'), `${line('+CFUN: 0')}${OK}`);
    assert.equal(await device.send('AT+CEREG?\r'), `${line('+CEREG: 0,0')}${OK}`);
    assert.equal(await device.send('AT+CGPADDR\r'), `${line('+CGPADDR: 0')}${OK}`);
    assert.equal(await device.send('AT+CGDCONT?\r'), `${line('+CGDCONT: 0,"IP","","",0,0')}${OK}`);
    assert.equal(await device.send('AT+COPS?\r'), `${line('+COPS: 0')}${OK}`);
  });
});

describe('emulator modem: +CFUN, +CEREG, +CGEREP and +CGEV', () => {
  it('Functional mode +CFUN test command lists the modes; read shows the mode', async () => {
    const device = await offline();
    assert.equal(await device.send('AT+CFUN=?\r'), `${line('+CFUN: (0,1,4,20,21,30,31,40,41,44)')}${OK}`);
    assert.equal(await device.send('AT+CFUN=4\r'), OK);
    assert.equal(await device.send('AT+CFUN?\r'), `${line('+CFUN: 4')}${OK}`);
  });

  it('Network registration status +CEREG: set 0–5, read "+CEREG: <n>,<stat>", test "(0-5)", 6 refused', async () => {
    const device = await offline();
    assert.equal(await device.send('AT+CEREG=?\r'), `${line('+CEREG: (0-5)')}${OK}`);
    for (const n of [0, 1, 2, 3, 4, 5]) {
      assert.equal(await device.send(`AT+CEREG=${n}\r`), OK);
      assert.equal(await device.send('AT+CEREG?\r'), `${line(`+CEREG: ${n},0`)}${OK}`);
    }
    assert.equal(await device.send('AT+CEREG=6\r'), ERROR);
  });

  it('AT+CFUN=1 with +CEREG=2 and +CGEREP=1: "+CEREG: 2", then "+CGEV: ME PDN ACT 0" and the registered level-2 line of the +CEREG set-command example', async () => {
    const device = await offline();
    assert.equal(await device.send('AT+CEREG=2\r'), OK);
    assert.equal(await device.send('AT+CGEREP=1\r'), OK);
    assert.equal(await device.send('AT+CGEREP?\r'), `${line('+CGEREP: 1,0')}${OK}`);
    assert.equal(await device.send('AT+CFUN=1\r'), `${OK}${line('+CEREG: 2')}`);
    const attached = await until(device, '+CEREG: 1');
    assert.equal(attached, `${line('+CGEV: ME PDN ACT 0')}${line('+CEREG: 1,"002F","0012BEEF",7')}`);
    assert.equal(await device.send('AT+CEREG?\r'), `${line('+CEREG: 2,1,"002F","0012BEEF",7')}${OK}`);
    assert.equal(await device.send('AT+CGPADDR\r'), `${line('+CGPADDR: 0,"192.0.2.1"')}${OK}`);
    assert.equal(await device.send('AT+CGDCONT?\r'), `${line('+CGDCONT: 0,"IP","internet","192.0.2.1",0,0')}${OK}`);
    assert.equal(await device.send('AT+COPS?\r'), `${line('+COPS: 0,2,"00101",7')}${OK}`);
  });

  it('AT+CFUN=4 deactivates the PDN (+CGEV: ME PDN DEACT 0) and deregisters (+CEREG: 0)', async () => {
    const device = await offline();
    await device.send('AT+CEREG=1\r');
    await device.send('AT+CGEREP=1\r');
    await device.send('AT+CFUN=1\r');
    await until(device, '+CEREG: 1');
    assert.equal(await device.send('AT+CFUN=4\r'), `${OK}${line('+CGEV: ME PDN DEACT 0')}${line('+CEREG: 0')}`);
    assert.equal(await device.send('AT+CGPADDR\r'), `${line('+CGPADDR: 0')}${OK}`);
  });

  it('Packet domain events +CGEREP: test "(0,1),(0)", "AT+CGEREP=" unsubscribes', async () => {
    const device = await offline();
    assert.equal(await device.send('AT+CGEREP=?\r'), `${line('+CGEREP: (0,1),(0)')}${OK}`);
    await device.send('AT+CGEREP=1\r');
    assert.equal(await device.send('AT+CGEREP=\r'), OK);
    assert.equal(await device.send('AT+CGEREP?\r'), `${line('+CGEREP: 0,0')}${OK}`);
  });
});

describe('emulator modem: +CMEE decides ERROR or +CME ERROR for modem commands only (firmware-notes §1.4)', () => {
  it('Report mobile termination errors +CMEE: 0 gives ERROR, 1 gives "+CME ERROR: 50" (3GPP TS 27.007 §9.2.1); SM\'s own commands stay ERROR', async () => {
    const device = await offline();
    assert.equal(await device.send('AT+CMEE?\r'), `${line('+CMEE: 0')}${OK}`);
    assert.equal(await device.send('AT+CMEE=?\r'), `${line('+CMEE: (0,1)')}${OK}`);
    assert.equal(await device.send('AT+CFUN=7\r'), ERROR);
    assert.equal(await device.send('AT+CMEE=2\r'), ERROR);
    assert.equal(await device.send('AT+CMEE=1\r'), OK);
    assert.equal(await device.send('AT+CFUN=7\r'), '\r\n+CME ERROR: 50\r\n');
    assert.equal(await device.send('AT#XSOCKET=9,1,0\r'), ERROR);
    assert.equal(await device.send('AT+CMEE=0\r'), OK);
    assert.equal(await device.send('AT+CFUN=7\r'), ERROR);
  });

  it('an unknown command is answered ERROR, as the modem answers it (firmware-notes §1.4)', async () => {
    const device = await offline();
    await device.send('AT+CMEE=1\r');
    assert.equal(await device.send('AT+CXYZ?\r'), ERROR);
    assert.equal(await device.send('AT#XUNKNOWN\r'), ERROR);
  });
});

describe('emulator modem: identity and system mode', () => {
  it('Product serial number identification +CGSN: the IMEI alone, or +CGSN: "<imei>" with <snt> 1', async () => {
    const device = await offline();
    assert.equal(await device.send('AT+CGSN\r'), `${line('352656100000010')}${OK}`);
    assert.equal(await device.send('AT+CGSN=1\r'), `${line('+CGSN: "352656100000010"')}${OK}`);
  });

  it('System mode %XSYSTEMMODE read: LTE-M and GNSS', async () => {
    const device = await offline();
    assert.equal(await device.send('AT%XSYSTEMMODE?\r'), `${line('%XSYSTEMMODE: 1,0,1,0')}${OK}`);
  });

  it('#XSLMVER (Generic_AT_commands.rst at 1bc9f6e4) and its later name #XSMVER (0f9ed37), each in its own format', async () => {
    const device = await offline();
    assert.equal(await device.send('AT#XSLMVER\r'), `${line(`#XSLMVER: "3.2.0-preview2","sm-conformance emulator ${EMULATOR_VERSION}"`)}${OK}`);
    assert.equal(await device.send('AT#XSMVER\r'), `${line(`#XSMVER: "sm-conformance emulator ${EMULATOR_VERSION}","3.2.0-preview2"`)}${OK}`);
    assert.equal(await device.send('AT#XSMVER?\r'), ERROR);
  });
});

describe('emulator modem: #XRESET (Generic_AT_commands.rst "AT#XRESET / OK / Ready"; sm_reset)', () => {
  it('answers OK, then Ready after the reboot; every socket is closed and the modem is offline again', async () => {
    const device = await offline();
    await device.send('AT+CEREG=1\r');
    await device.send('AT+CFUN=1\r');
    await until(device, '+CEREG: 1');
    await device.send('ATE1\r');
    await device.send('AT#XSOCKET=1,1,0\r');
    assert.equal(await device.send('AT#XRESET\r'), `AT#XRESET\r${OK}`);
    assert.equal(await until(device, 'Ready'), 'Ready\r\n');
    assert.equal(await device.send('AT#XSOCKET?\r'), OK, 'no socket survives the reboot, and echo is off again');
    assert.equal(await device.send('AT+CFUN?\r'), `${line('+CFUN: 0')}${OK}`);
    assert.equal(await device.send('AT+CEREG?\r'), `${line('+CEREG: 0,0')}${OK}`, 'the subscription is gone with the reboot');
    assert.equal(await device.send('AT#XRESET?\r'), ERROR);
  });
});

describe('emulator modem: sockets while offline, and <cid> against the active PDNs', () => {
  it('offline, a socket opens but #XCONNECT, #XGETADDRINFO and #XBIND answer ERROR; once attached they work', async () => {
    const device = await offline();
    assert.equal(await device.send('AT#XSOCKET=1,1,0\r'), `${line('#XSOCKET: 0,1,6')}${OK}`);
    assert.equal(await device.send('AT#XCONNECT=0,"test.server.com",1234\r'), ERROR);
    assert.equal(await device.send('AT#XGETADDRINFO="test.server.com"\r'), `${line('#XGETADDRINFO: "EAI_AGAIN"')}${ERROR}`);
    assert.equal(await device.send('AT#XBIND=0,1234\r'), ERROR);
    await device.send('AT+CEREG=1\r');
    await device.send('AT+CFUN=1\r');
    await until(device, '+CEREG: 1');
    assert.equal(await device.send('AT#XCONNECT=0,"test.server.com",1234\r'), `${line('#XCONNECT: 0,1')}${OK}`);
  });

  it('a <cid> with no active PDN is refused; cid 0 (no binding) always opens', async () => {
    const device = await offline({ modem: { attachedAtBoot: true } });
    assert.equal(await device.send('AT#XSOCKET=1,1,0,1\r'), ERROR);
    assert.equal(await device.send('AT#XSSOCKET=1,1,0,16842753,2,1\r'), ERROR);
    assert.equal(await device.send('AT#XSOCKET?\r'), OK, 'the refused socket was closed again');
    assert.equal(await device.send('AT#XSOCKET=1,1,0,0\r'), `${line('#XSOCKET: 0,1,6')}${OK}`);
  });
});

describe('emulator modem: network fault profiles', () => {
  it('never-attach: AT+CFUN=1 searches (+CEREG: 2) and never registers', async () => {
    const device = await offline({ fault: 'never-attach' });
    await device.send('AT+CEREG=1\r');
    assert.equal(await device.send('AT+CFUN=1\r'), `${OK}${line('+CEREG: 2')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await device.send('AT+CEREG?\r'), `${line('+CEREG: 1,2')}${OK}`);
    assert.equal(await device.send('AT+CGPADDR\r'), `${line('+CGPADDR: 0')}${OK}`);
  });

  it('detach-mid-run: the network detaches the device at one use of the network (+CGEV: NW DETACH), then it registers again', async () => {
    const device = await offline({ fault: 'detach-mid-run', modem: { attachedAtBoot: true, detachAtNetworkUse: 2 } });
    await device.send('AT+CEREG=1\r');
    await device.send('AT+CGEREP=1\r');
    await device.send('AT#XSOCKET=1,1,0\r');
    assert.equal(await device.send('AT#XCONNECT=0,"test.server.com",1234\r'), `${ERROR}${line('+CGEV: NW DETACH')}${line('+CEREG: 2')}`, 'the second use of the network finds it gone');
    assert.equal(await until(device, '+CEREG: 1'), `${line('+CGEV: ME PDN ACT 0')}${line('+CEREG: 1')}`);
  });
});
