// Allure's categories sort the failure messages the harness really produces: each sample
// message below lands in the category named for it (Allure matches the whole message
// with Java's DOTALL regular expressions; the same patterns work in JavaScript).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONFORMANCE_CATEGORIES } from '../src/report/allure-categories.ts';
import { AtTimeoutError } from '../src/at/at-errors.ts';
import { LF_ONLY_REASON, PAYLOAD_END_REASON } from '../src/at/at-reader.ts';
import { cleanTrackers, hasTracker, removeTrackers } from '../src/report/allure-html.ts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function categoriesOf(message: string, status = 'failed'): string[] {
  return CONFORMANCE_CATEGORIES.filter((category) => {
    if (category.matchedStatuses && !category.matchedStatuses.includes(status as never)) return false;
    const source = category.messageRegex!.replace(/^\(\?s\)/, '');
    return new RegExp(`^(?:${source})$`, 's').test(message);
  }).map((category) => category.name);
}

describe('Allure categories', () => {
  it('sorts the harness\'s failure messages', () => {
    const samples: [string, string][] = [
      [new AtTimeoutError('AT#XRECV=0,0,0,10', 5000, Buffer.from('\r\n#XRECV: 0,0,'), 'no final result code').message, 'Timeout'],
      [`AT#XRECV=0,0,0,10: ${LF_ONLY_REASON}`, 'Framing error'],
      [`framing error: ${PAYLOAD_END_REASON}`, 'Framing error'],
      ['AT#XSOCKET=1,1,0: `#XSOCKET: 0,1,7` does not match the schema (/protocol: expected one of 0, 6, 17)', 'Schema mismatch'],
      ['AT#XSOCKET=1,1,0: expected `#XSOCKET: <handle>,1,6` / `OK`; got `ERROR`', 'Unexpected ERROR'],
      ['no URC `#XAPOLL: <handle>,1` within 5 s; no other URC either (timeout)', 'Unexpected URC'],
      ['`#XAPOLL: 0,4` arrived; the spec sends no POLLOUT URC for socket 0 here', 'Unexpected URC'],
      ['peer tcp-echo did not receive "Test TCP" within 5000 ms (it has 7 bytes in 1 chunks)', 'Peer mismatch'],
      ['the 8th socket gives ERROR (erratum E1); --strict', 'Erratum deviation under --strict'],
      ['AT#XSOCKET?: expected `#XSOCKET: 0,1,0,1,0` / `OK`; got `<script>` / `OK`', 'Response mismatch'],
    ];
    for (const [message, category] of samples) assert.ok(categoriesOf(message).includes(category), `${category}: ${message} → ${categoriesOf(message).join(', ')}`);
    // an OK where ERROR was expected is no "unexpected ERROR"
    assert.ok(!categoriesOf('AT#XSOCKET=9,9,9: expected `ERROR`; got `OK`').includes('Unexpected ERROR'));
    assert.deepEqual(categoriesOf('INCONCLUSIVE: the TCP echo peer refused the connection', 'skipped'), ['Inconclusive (environment)']);
    assert.deepEqual(categoriesOf('N/A: the device profile lacks dtls', 'skipped'), ['Not applicable (device profile)']);
  });
});

describe('analytics in the Allure page', () => {
  it('removes a tracker snippet or script and keeps the app, and tells when one is left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-report-tracker-'));
    try {
      const app = `<script src="data:text/javascript;base64,${Buffer.from('window.app = 1; // a big bundle').toString('base64')}"></script>`;
      const tracker = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script><script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}gtag("config","G-X")</script>';
      const path = join(dir, 'index.html');
      await writeFile(path, `<html><head>${tracker}</head><body>${app}</body></html>`);
      assert.equal(hasTracker(await readFile(path, 'utf8')), true);
      assert.equal(await removeTrackers(path), 2);
      const cleaned = await readFile(path, 'utf8');
      assert.equal(hasTracker(cleaned), false);
      assert.ok(cleaned.includes(app));
      const bundled = `<script src="data:text/javascript;base64,${Buffer.from('load("https://www.googletagmanager.com/gtag/js")').toString('base64')}"></script>`;
      assert.equal(hasTracker(bundled), true, 'a tracker inside a data: bundle is seen');
      // in one pass: a tracker inside a bundle that must stay is told, not removed
      const bigBundle = `<script src="data:text/javascript;base64,${Buffer.from(`load("https://www.googletagmanager.com/gtag/js"); ${'x'.repeat(5000)}`).toString('base64')}"></script>`;
      await writeFile(path, `<html><head>${tracker}</head><body>${bigBundle}</body></html>`);
      assert.deepEqual(await cleanTrackers(path), { removed: 2, trackerLeft: true });
      await writeFile(path, `<html><head>${tracker}</head><body>${app}</body></html>`);
      assert.deepEqual(await cleanTrackers(path), { removed: 2, trackerLeft: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
