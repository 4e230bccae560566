import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections } from '../../../functions/src/store/collections.ts';
import { concurrentStaff, percentile, seedStaff, type StaffWork } from '../../support/concurrent-staff.ts';
import { replayProblems } from '../../support/history-replay.ts';
import { testFirestore } from '../../support/firestore.ts';
import { startApi, type Api } from './api-harness.ts';

// A smaller day than the bench's (`npm run bench -- concurrency`), with the same checks.
const work: StaffWork = { managers: 20, clientsEach: 12, sheetsEach: 2, saves: 3, rowsPerSave: 6, publishes: 4 };

describe('concurrent staff', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi('concurrent-staff');
  });
  afterAll(async () => {
    await api.close();
  });

  it('20 managers saving overlapping rows while a rotation applies and rules are published lose no update, ' +
    'and every client replays from its history', { timeout: 180_000 }, async () => {
    await seedStaff(api.db, work);
    const outcome = await concurrentStaff(
      api.db,
      (method, path, as, body) => api.call(method, path, { as, ...(body !== undefined ? { body } : {}) }),
      work,
      7,
    );
    console.log(
      `concurrent staff: ${outcome.sent} rows sent in ${outcome.calls} calls: ` +
        `${outcome.applied} applied, ${outcome.conflicts} conflicts, ${outcome.leftTheBook} had left the book;` +
        ` ${outcome.moved} moved by the rotation, ${outcome.publishes} rules published; ` +
        `p50 ${percentile(outcome.latencies, 50).toFixed(0)} ms, p99 ${percentile(outcome.latencies, 99).toFixed(0)} ms`,
    );
    expect(outcome.problems).toEqual([]);
    expect(outcome.errors).toBe(0);
    // The day must have held real contention, or it proves nothing.
    expect(outcome.applied).toBeGreaterThan(0);
    expect(outcome.conflicts).toBeGreaterThan(0);
    expect(outcome.moved).toBeGreaterThan(0);
    expect(outcome.publishes).toBe(work.publishes);
  });

  it('the replay checker catches a change that no history entry explains', async () => {
    const { db } = testFirestore('replay-checker');
    const before = await seedStaff(db, { ...work, managers: 1, clientsEach: 2 });
    await db.collection(collections.clients).doc('m01-c000').update({ name: 'Overwritten unseen', version: 2 });
    expect(await replayProblems(db, before, '2026-01-05T09:00:00.000Z')).toEqual([
      'm01-c000: version 2 is explained by no entry',
      expect.stringMatching(/^m01-c000: replays to .*"name":"Client m01-c000".*, stored .*"name":"Overwritten unseen"/),
    ]);
  });
});
