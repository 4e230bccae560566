import type { Firestore } from 'firebase-admin/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { signupHandler } from '../../../functions/src/consent-http/signup.ts';
import { runRotation } from '../../../functions/src/operations/rotation-job.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import type { Absence } from '../../../functions/src/schema/manager.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';
import { createClient } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { changeManager } from '../../../functions/src/store/manager-store.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { testFirestore } from '../../support/firestore.ts';
import { serveFunction } from '../consent-http/http-server.ts';

const admin = { by: 'head@example.com', at: '2026-01-05T09:00:00.000Z' };

async function seat(db: Firestore, ids: string[], absences: Record<string, Absence[]> = {}) {
  for (const id of ids) {
    await db
      .collection(collections.managers)
      .doc(id)
      .set({ id, name: id, email: `${id}@example.com`, level: 1, active: true, role: 'manager', version: 1, updatedAt: admin.at });
    // The leave is recorded as the admin routes record it.
    if (absences[id] !== undefined) await changeManager(db, id, { absences: absences[id] }, admin);
  }
}

async function held(db: Firestore, id: string, managerId: string, assignedAt: string) {
  await createClient(db, clientSchema.parse({ id, name: `Client ${id}`, kind: 'company', managerId, assignedAt }), admin);
}

const holderOf = async (db: Firestore, id: string) => (await db.collection(collections.clients).doc(id).get()).get('managerId');
const rotate = async (db: Firestore, at: string, dryRun = false) =>
  (await runRotation(db, { at, dryRun, by: admin.by }, { pacing: false })).report;

describe('rotation with someone away', () => {
  it('a manager away on the run day neither gives nor receives; the others stay balanced', async () => {
    const { db } = testFirestore('absence-run-day');
    await seat(db, ['a', 'b', 'c'], { c: [{ from: '2026-11-20', to: '2026-12-10' }] });
    for (const id of ['a1', 'a2']) await held(db, id, 'a', '2026-01-10');
    for (const id of ['b1', 'b2']) await held(db, id, 'b', '2026-01-10');
    for (const id of ['c1', 'c2', 'c3']) await held(db, id, 'c', '2026-01-10');

    const report = await rotate(db, '2026-12-01');
    expect(report.moves.filter((m) => m.from === 'c' || m.to === 'c')).toEqual([]);
    expect(report.moves).toHaveLength(4);
    expect(report.balance).toEqual([
      { managerId: 'a', given: 2, received: 2 },
      { managerId: 'b', given: 2, received: 2 },
    ]);
    expect(report.unbalanced).toEqual([]);
    expect(report.away).toEqual([{ managerId: 'c', awayUntil: '2026-12-10', kept: 3, paused: 0, deadlinesMoved: 0 }]);
    expect(await Promise.all(['c1', 'c2', 'c3'].map((id) => holderOf(db, id)))).toEqual(['c', 'c', 'c']);
    expect((await db.collection(collections.tasks).where('managerId', '==', 'c').get()).size).toBe(0);
  });

  it('two months away: no client of theirs becomes stale because of it, and a deadline falling in a leave moves', async () => {
    const { db } = testFirestore('absence-two-months');
    await seat(db, ['a', 'b', 'c'], {
      a: [{ from: '2026-08-01', to: '2026-09-30' }],
      c: [{ from: '2026-12-05', to: '2027-01-31' }],
    });
    // Six months held on 1 Nov; with the 61 days of a's leave not counted, only from 1 Jan.
    await held(db, 'a1', 'a', '2026-05-01');
    await held(db, 'b1', 'b', '2026-05-01');
    await held(db, 'c1', 'c', '2026-05-01');

    const report = await rotate(db, '2026-12-01');
    expect(report.moves.map((m) => [m.clientId, m.from, m.to, m.reportDue])).toEqual([
      ['b1', 'b', 'c', '2027-02-11'],
      ['c1', 'c', 'b', '2026-12-15'],
    ]);
    expect(await holderOf(db, 'a1')).toBe('a');
    expect(report.away).toEqual([
      { managerId: 'a', awayUntil: null, kept: 0, paused: 1, deadlinesMoved: 0 },
      { managerId: 'c', awayUntil: null, kept: 0, paused: 0, deadlinesMoved: 1 },
    ]);
    // 14 days from 1 Dec: 2–4 Dec present, 5 Dec – 31 Jan away, then the 11 days left.
    const task = (await db.collection(collections.tasks).where('managerId', '==', 'c').get()).docs.map((d) => d.data());
    expect(task).toMatchObject([{ clientId: 'b1', dueDate: '2027-02-11' }]);

    // The clock only paused: the client is stale once the days away are made up, not before.
    expect((await rotate(db, '2026-12-31', true)).moves.map((m) => m.clientId)).not.toContain('a1');
    expect((await rotate(db, '2027-01-01', true)).moves.map((m) => m.clientId)).toContain('a1');
  });
});

describe('round-robin intake with someone away', () => {
  const { db } = testFirestore('absence-intake');
  let now = new Date('2026-03-05T10:00:00.000Z');
  let server: Awaited<ReturnType<typeof serveFunction>> | undefined;
  afterAll(() => server?.close());

  let seq = 0;
  const signUp = async () => {
    seq++;
    const res = await fetch(server!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${seq}` },
      body: JSON.stringify({
        name: `Person ${seq}`,
        email: `person${seq}@example.com`,
        consents: { email: true },
        formId: 'site-footer',
        consentTextVersion: '2026-01',
      }),
    });
    expect(res.status).toBe(200);
  };
  const holdersOf = async (day: string) => {
    const clients = await db.collection(collections.clients).get();
    const count: Record<string, number> = {};
    for (const c of clients.docs)
      if ((c.get('createdAt') as string).startsWith(day)) count[c.get('managerId')] = (count[c.get('managerId')] ?? 0) + 1;
    return count;
  };

  it('skips the absent one while away and gives them no catch-up burst on return', async () => {
    await seat(db, ['m1', 'm2', 'm3'], { m2: [{ from: '2026-03-10', to: '2026-03-20' }] });
    await publishRules(db, rulesConfigSchema.parse({ intake: { rule: 'round-robin', signupsPerMinutePerIp: 5 } }), admin);
    server = await serveFunction('signup', signupHandler({ db: () => db, now: () => now, answerFloorMs: 0 }));

    for (let i = 0; i < 3; i++) await signUp();
    expect(await holdersOf('2026-03-05')).toEqual({ m1: 1, m2: 1, m3: 1 });
    now = new Date('2026-03-15T10:00:00.000Z');
    for (let i = 0; i < 6; i++) await signUp();
    expect(await holdersOf('2026-03-15')).toEqual({ m1: 3, m3: 3 });
    now = new Date('2026-03-25T10:00:00.000Z');
    for (let i = 0; i < 6; i++) await signUp();
    expect(await holdersOf('2026-03-25')).toEqual({ m1: 2, m2: 2, m3: 2 });
  });
});
