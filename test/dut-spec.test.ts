import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDutSpec, parseDutSpec } from '../src/dut/dut-spec.ts';
import { UsageError } from '../src/blame/usage-error.ts';

describe('parseDutSpec', () => {
  const valid: [string, ReturnType<typeof parseDutSpec>][] = [
    ['emulator', { adapter: 'emulator' }],
    ['serial:/dev/ttyACM0', { adapter: 'serial', path: '/dev/ttyACM0' }],
    ['serial:COM3', { adapter: 'serial', path: 'COM3' }],
    ['serial:/dev/serial/by-id/usb-SEGGER_J-Link_000960-if02', { adapter: 'serial', path: '/dev/serial/by-id/usb-SEGGER_J-Link_000960-if02' }],
    ['tcp:127.0.0.1:4000', { adapter: 'tcp', host: '127.0.0.1', port: 4000 }],
    ['tcp:lab-exporter.local:3001', { adapter: 'tcp', host: 'lab-exporter.local', port: 3001 }],
    ['tcp:[::1]:65535', { adapter: 'tcp', host: '::1', port: 65535 }],
    ['tcp:[2001:db8::7]:1', { adapter: 'tcp', host: '2001:db8::7', port: 1 }],
    ['rfc2217://lab-host-3:2002', { adapter: 'rfc2217', host: 'lab-host-3', port: 2002, options: {} }],
    ['rfc2217://127.0.0.1:2002?ign_set_control', { adapter: 'rfc2217', host: '127.0.0.1', port: 2002, options: { ignSetControl: true } }],
    ['rfc2217://[::1]:2002?ign_set_control&timeout=0.5', { adapter: 'rfc2217', host: '::1', port: 2002, options: { ignSetControl: true, timeoutS: 0.5 } }],
    ['labgrid:nrf91-7', { adapter: 'labgrid', place: 'nrf91-7' }],
    ['labgrid:+', { adapter: 'labgrid', place: '+' }],
  ];
  for (const [text, expected] of valid) {
    it(`reads ${text}`, () => {
      assert.deepEqual(parseDutSpec(text), expected);
      assert.equal(formatDutSpec(parseDutSpec(text)), text);
    });
  }

  // pyserial's spellings are read as pyserial reads them, and written back in its URL form
  const alsoValid: [string, string][] = [
    ['rfc2217:lab-host-3:2002', 'rfc2217://lab-host-3:2002'],
    ['rfc2217://lab-host-3:2002/', 'rfc2217://lab-host-3:2002'],
    ['rfc2217:127.0.0.1:2002?timeout=5&ign_set_control', 'rfc2217://127.0.0.1:2002?ign_set_control&timeout=5'],
    ['rfc2217://127.0.0.1:2002?poll_modem&logging=debug', 'rfc2217://127.0.0.1:2002'],
  ];
  for (const [text, formatted] of alsoValid) {
    it(`reads ${text} as ${formatted}`, () => assert.equal(formatDutSpec(parseDutSpec(text)), formatted));
  }

  const invalid: [string, RegExp][] = [
    ['', /is not a device/],
    ['Emulator', /is not a device/],
    ['usb:/dev/ttyACM0', /is not a device/],
    ['/dev/ttyACM0', /is not a device/],
    ['serial:', /needs a device path/],
    ['tcp:', /is not a TCP target/],
    ['tcp:127.0.0.1', /is not a TCP target/],
    ['tcp::4000', /is not a TCP target/],
    ['tcp:::1:4000', /is not a TCP target/],
    ['tcp:[::1]', /is not a TCP target/],
    ['tcp:[localhost]:4000', /not an IPv6 address/],
    ['tcp:127.0.0.1:0', /port must be an integer from 1 to 65535/],
    ['tcp:127.0.0.1:65536', /port must be an integer/],
    ['tcp:127.0.0.1:4000x', /port must be an integer/],
    ['tcp:127.0.0.1:-1', /port must be an integer/],
    ['tcp:127.0.0.1:', /port must be an integer/],
    ['rfc2217:', /is not an RFC 2217 target/],
    ['rfc2217://lab-host-3', /is not an RFC 2217 target/],
    ['rfc2217://lab-host-3:0', /port must be an integer/],
    ['rfc2217://lab-host-3:2002?ign_set_controls', /unknown option 'ign_set_controls'/],
    ['rfc2217://lab-host-3:2002?timeout=soon', /timeout must be a positive number of seconds, not 'soon'/],
    ['rfc2217://lab-host-3:2002?timeout=0', /timeout must be a positive number/],
    ['labgrid:', /expected labgrid:<place>/],
    ['labgrid:a place', /expected labgrid:<place>/],
  ];
  for (const [text, message] of invalid) {
    it(`refuses '${text}' with a one-line usage error`, () => {
      assert.throws(() => parseDutSpec(text), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
    });
  }
});
