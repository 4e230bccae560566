import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Firestore } from 'firebase-admin/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { rawSnapshotFromObject } from '../../../functions/src/core/raw-snapshot.ts';
import { scheduledHandler, type ScheduledJob } from '../../../functions/src/http/scheduled-job.ts';
import { bonusScheduledJob } from '../../../functions/src/operations/bonus-job.ts';
import { overdueReportsScheduledJob } from '../../../functions/src/operations/overdue-reports.ts';
import { rotationScheduledJob } from '../../../functions/src/operations/rotation-job.ts';
import { reportedRun } from '../../../functions/src/operations/run-reporting.ts';
import { demoCompany } from '../../../functions/src/local/demo-company.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { claimRun } from '../../../functions/src/store/rotation-run-store.ts';
import { importSnapshot } from '../../../functions/src/store/snapshot-import.ts';
import { allDocuments, testFirestore } from '../../support/firestore.ts';

// Cloud Scheduler delivers at least once: the same slot may arrive twice at once, and a retry of it
// arrives ten minutes later (the deploy's minimum backoff). Time is the handler's injectable clock
// and the slot header, never a sleep.

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

const scheduler = 'scheduler@clientbase.iam.gserviceaccount.com';
const tenMinutes = 10 * 60_000;

/** A scheduled function as deployed (reported run behind the scheduler's wrapper), with a clock the test moves. */
async function deliver<T>(db: Firestore, job: ScheduledJob<T>, kind: 'rotation' | 'bonuses' | 'overdue-reports') {
  let offset = 0;
  const name = `duplicate-${kind}-${servers.length}`;
  const auth = () => ({
    serviceAccount: scheduler,
    verify: async () => ({ email: scheduler, emailVerified: true, subject: '1', audience: 'x' }),
  });
  http(
    name,
    scheduledHandler(reportedRun(kind, job as ScheduledJob<never>), { db: () => db, auth, now: () => new Date(Date.now() + offset) }),
  );
  const server = getTestServer(name);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    later: (ms: number) => void (offset += ms),
    async post(slot: string) {
      const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer t', 'x-cloudscheduler-scheduletime': slot } });
      return { status: res.status, body: (await res.json()) as any };
    },
  };
}

async function demoBase(label: string): Promise<Firestore> {
  const { db } = testFirestore(label);
  const snapshot = demoCompany({ today: new Date('2026-11-01T00:00:00Z'), clients: 200, seed: 7 });
  await importSnapshot(db, rawSnapshotFromObject(snapshot), { at: '2026-11-01T00:00:00.000Z', by: 'test', throttle: false });
  return db;
}

/** Of two answers to one slot at once, the one that did the work and the one that did nothing. */
function split(answers: Array<{ status: number; body: any }>, didWork: (body: any) => boolean) {
  const worker = answers.filter((a) => a.status === 200 && didWork(a.body));
  const idle = answers.filter((a) => !(a.status === 200 && didWork(a.body)));
  expect(worker).toHaveLength(1);
  expect(idle).toHaveLength(1);
  return { worker: worker[0]!, idle: idle[0]! };
}

/** A doubled delivery says it did nothing: refused while the first is at work, or the stored outcome once it is done. */
function expectSaysNothingDone(answer: { status: number; body: any }) {
  if (answer.status === 409)
    expect(answer.body).toMatchObject({ code: 'conflict', alreadyRunning: true, detail: expect.stringMatching(/this one did nothing/) });
  else expect(answer).toMatchObject({ status: 200, body: { alreadyApplied: true } });
}

describe('a scheduled trigger delivered twice at once, and again ten minutes later', () => {
  it(
    'rotation: one delivery moves the clients, the other says it did nothing, ' + 'and the retry answers the stored run without a write',
    async () => {
      const db = await demoBase('dup-rotation');
      const rotation = await deliver(db, rotationScheduledJob, 'rotation');
      const slot = '2026-11-01T03:00:00Z';
      const { worker, idle } = split(
        await Promise.all([rotation.post(slot), rotation.post(slot)]),
        (b) => b.moves?.length > 0 && !b.alreadyApplied,
      );
      expectSaysNothingDone(idle);
      const moved = worker.body.moves.length;
      expect((await db.collection(collections.tasks).count().get()).data().count).toBe(moved);
      expect((await db.collectionGroup(collections.history).where('type', '==', 'transfer').count().get()).data().count).toBe(moved);
      const after = await allDocuments(db);
      rotation.later(tenMinutes);
      const retry = await rotation.post(slot);
      expect(retry).toMatchObject({ status: 200, body: { alreadyApplied: true, appliedBy: scheduler, moves: worker.body.moves } });
      expect(await allDocuments(db)).toEqual(after);
    },
  );

  it(
    'bonuses: one delivery computes the month, the other says it did nothing, ' +
      'and the retry answers the stored statements without a write',
    async () => {
      const db = await demoBase('dup-bonuses');
      const bonuses = await deliver(db, bonusScheduledJob, 'bonuses');
      const slot = '2026-11-01T02:00:00Z';
      const { worker, idle } = split(
        await Promise.all([bonuses.post(slot), bonuses.post(slot)]),
        (b) => b.statements?.length > 0 && !b.alreadyApplied,
      );
      expectSaysNothingDone(idle);
      expect(worker.body.month).toBe('2026-10');
      const after = await allDocuments(db);
      bonuses.later(tenMinutes);
      const retry = await bonuses.post(slot);
      expect(retry).toMatchObject({
        status: 200,
        body: { month: '2026-10', alreadyApplied: true, appliedBy: scheduler, statements: worker.body.statements },
      });
      expect(await allDocuments(db)).toEqual(after);
      expect((await db.collection(collections.bonusRuns).count().get()).data().count).toBe(1);
    },
  );

  it(
    'overdue reports: the two deliveries flag each report once between them, ' +
      'and the retry flags nothing, saying they were flagged before',
    async () => {
      const db = await demoBase('dup-overdue');
      const rotation = await deliver(db, rotationScheduledJob, 'rotation');
      const moved = (await rotation.post('2026-11-01T03:00:00Z')).body.moves.length as number;
      expect(moved).toBeGreaterThan(0);
      const overdue = await deliver(db, overdueReportsScheduledJob, 'overdue-reports');
      const slot = '2026-11-20T05:00:00Z';
      const [a, b] = await Promise.all([overdue.post(slot), overdue.post(slot)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.flagged + b.body.flagged).toBe(moved);
      expect([...a.body.taskIds, ...b.body.taskIds].sort()).toEqual(
        (await db.collection(collections.tasks).get()).docs.map((d) => d.id).sort(),
      );
      expect((await db.collection(collections.adminAlerts).count().get()).data().count).toBe(moved);
      const after = await allDocuments(db);
      overdue.later(tenMinutes);
      expect(await overdue.post(slot)).toMatchObject({
        status: 200,
        body: { at: '2026-11-20', flagged: 0, taskIds: [], alreadyFlagged: moved },
      });
      expect(await allDocuments(db)).toEqual(after);
    },
  );

  it(
    'a run whose process died is refused while its lease lasts, ' + 'and the retry ten minutes later takes it over and finishes it',
    async () => {
      const db = await demoBase('dup-dead');
      // A delivery that claimed the day and died before planning it.
      await claimRun(db, {
        runId: 'rotation-2026-11-01',
        kind: 'rotation',
        at: '2026-11-01',
        stamp: '2026-10-31T21:00:00.000Z',
        by: 'scheduler',
      });
      const rotation = await deliver(db, rotationScheduledJob, 'rotation');
      const slot = '2026-11-01T03:00:00Z';
      const refused = await rotation.post(slot);
      expect(refused).toMatchObject({ status: 409, body: { alreadyRunning: true } });
      expect((await db.collection(collections.tasks).count().get()).data().count).toBe(0);
      rotation.later(tenMinutes);
      const retry = await rotation.post(slot);
      expect(retry.status).toBe(200);
      expect(retry.body.alreadyApplied).toBeUndefined();
      expect(retry.body.moves.length).toBeGreaterThan(0);
      expect((await db.collection(collections.rotationRuns).doc('rotation-2026-11-01').get()).data()).toMatchObject({
        status: 'done',
        seq: 1,
      });
    },
  );
});
