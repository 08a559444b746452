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
  ];
  for (const [text, expected] of valid) {
    it(`reads ${text}`, () => {
      assert.deepEqual(parseDutSpec(text), expected);
      assert.equal(formatDutSpec(parseDutSpec(text)), text);
    });
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
