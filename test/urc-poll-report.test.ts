import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addPollReport } from '../src/catalogue/poll-report.ts';

test('POLLIN + POLLHUP (17) in one URC, or as 1 then 16, or 16 then 1', () => {
  assert.deepEqual(addPollReport(17, 0, 17), { reported: 17, complete: true });
  assert.deepEqual(addPollReport(17, 0, 1), { reported: 1, complete: false });
  assert.deepEqual(addPollReport(17, 1, 16), { reported: 17, complete: true });
  assert.deepEqual(addPollReport(17, 16, 1), { reported: 17, complete: true });
});

test('a bit outside the expected events, a bit reported twice, or no bit at all is refused', () => {
  assert.throws(() => addPollReport(17, 0, 4), /bits \(4\) outside the expected 17/);
  assert.throws(() => addPollReport(17, 1, 1), /already reported/);
  assert.throws(() => addPollReport(17, 0, 21), /outside/);
  assert.throws(() => addPollReport(17, 0, 0), /not a positive bit field/);
  assert.throws(() => addPollReport(17, 0, Number.NaN), /not a positive bit field/);
});
