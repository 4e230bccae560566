import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import type { ScheduledJob } from '../../../functions/src/http/scheduled-job.ts';
import { overdueReportsScheduledJob } from '../../../functions/src/operations/overdue-reports.ts';
import { offboardManager, rotationScheduledJob, runRotation } from '../../../functions/src/operations/rotation-job.ts';
import type { ClientDoc } from '../../../functions/src/schema/client.ts';
import { createClient, readHistory, recordDeal } from '../../../functions/src/store/client-store.ts';
import { changeManager } from '../../../functions/src/store/manager-store.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { countOperations } from '../../support/counting-firestore.ts';
import { allDocumentPaths, testFirestore } from '../../support/firestore.ts';
import { scheduledJobServers, schedulerAccount } from '../../support/scheduled-job-server.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';
import { rotationRunsState } from '../../support/drills/drill-state.ts';

const admin = { by: 'head@example.com', at: '2026-01-05T09:00:00.000Z' };
const at = '2026-12-01';

async function addManagers(db: Firestore, managers: Array<{ id: string; level: number; active?: boolean }>) {
  for (const m of managers)
    await db
      .collection(collections.managers)
      .doc(m.id)
      .set({
        id: m.id,
        name: m.id,
        email: `${m.id}@example.com`,
        level: m.level,
        active: m.active ?? true,
        role: 'manager',
        version: 1,
        updatedAt: admin.at,
      });
}

async function addClient(db: Firestore, id: string, managerId: string | null, extra: Record<string, unknown> = {}) {
  await createClient(
    db,
    clientSchema.parse({
      id,
      name: `Client ${id}`,
      kind: 'company',
      managerId,
      ...(managerId ? { assignedAt: '2026-01-10' } : {}),
      ...extra,
    }),
    admin,
  );
}

/** Level 1: a (4 stale), b (1 stale), c (1 stale), d (none); level 2: s1 (1 stale), s2; plus pinned, lost, fresh, large, unassigned. */
async function seedCompany(db: Firestore) {
  await addManagers(db, [
    { id: 'a', level: 1 },
    { id: 'b', level: 1 },
    { id: 'c', level: 1 },
    { id: 'd', level: 1 },
    { id: 's1', level: 2 },
    { id: 's2', level: 2 },
  ]);
  for (const id of ['a1', 'a2', 'a3', 'a4']) await addClient(db, id, 'a');
  await addClient(db, 'b1', 'b');
  await addClient(db, 'c1', 'c', { assignedAt: '2026-06-01T21:00:00.000Z' });
  await addClient(db, 'big', 'b', { size: 'large' });
  await addClient(db, 's1x', 's1');
  await addClient(db, 'pin', 'a', { pinned: true });
  await addClient(db, 'gone', 'a', { lostAt: '2026-03-01', lostReason: 'went to a competitor' });
  await addClient(db, 'fresh', 'a', { assignedAt: '2026-09-01' });
  await addClient(db, 'dealt', 'c');
  await recordDeal(db, { id: 'deal1', clientId: 'dealt', managerId: 'c', date: '2026-11-01', amount: 1000, profit: 100 }, admin);
  await addClient(db, 'olddeal', 'd', { assignedAt: '2024-01-10' });
  await recordDeal(db, { id: 'deal2', clientId: 'olddeal', managerId: 'd', date: '2025-05-01', amount: 1000, profit: 100 }, admin);
  for (const id of ['u1', 'u2', 'u3']) await addClient(db, id, null);
}

/** Everything a rotation writes, minus wall-clock fields. */
async function stateOf(db: Firestore) {
  const clients = await db.collection(collections.clients).get();
  const out: Record<string, unknown> = {};
  // Seed entries carry random ids; the rotation's own transfer entries must match id for id.
  for (const c of clients.docs)
    out[c.ref.path] = {
      ...c.data(),
      history: (await readHistory(db, c.id)).map(({ id, ...e }) => (e.type === 'transfer' ? { id, ...e } : e)),
    };
  for (const t of (await db.collection(collections.tasks).get()).docs) out[t.ref.path] = t.data();
  return { ...out, ...(await rotationRunsState(db)) };
}

const rotate = async (...args: Parameters<typeof runRotation>) => (await runRotation(...args)).report;
const offboard = async (...args: Parameters<typeof offboardManager>) => (await offboardManager(...args)).report;
/** The instant a run for the bare day `at` stamps its records with: the start of that day in Moscow (the default zone). */
const startOfAt = '2026-11-30T21:00:00.000Z';

/** Stale clients written straight to the store (as an import would), `count` per holder. */
async function staleClients(db: Firestore, holders: string[], count: number) {
  const writer = db.bulkWriter();
  for (const managerId of holders) {
    for (let i = 0; i < count; i++) {
      const id = `${managerId}-${String(i).padStart(4, '0')}`;
      void writer.set(db.collection(collections.clients).doc(id), {
        ...{ id, name: id, kind: 'person', size: 'regular', phones: [], emails: [], managerId, assignedAt: '2025-01-01', contactKeys: [] },
        ...{ dealCount: 0, dealsSinceAssignment: 0, firstDealAt: null, lastDealAt: null, rotatable: true, version: 1, updatedAt: admin.at },
      });
    }
  }
  await writer.close();
}

const transfers = async (db: Firestore) =>
  (await db.collectionGroup(collections.history).where('type', '==', 'transfer').count().get()).data().count;

const client = async (db: Firestore, id: string) => (await db.collection(collections.clients).doc(id).get()).data() as ClientDoc;

/** Managers a, b and c at one level, holding x, y and z since 2025-01-01. */
async function threeManagersOneStaleClientEach(db: Firestore): Promise<void> {
  await addManagers(db, [
    { id: 'a', level: 1 },
    { id: 'b', level: 1 },
    { id: 'c', level: 1 },
  ]);
  for (const [id, m] of [
    ['x', 'a'],
    ['y', 'b'],
    ['z', 'c'],
  ] as const)
    await addClient(db, id, m, { assignedAt: '2025-01-01' });
}
describe('rotation job', () => {
  it('moves exactly the planned clients and writes their transfer history and report tasks', async () => {
    const { db } = testFirestore('rot-apply');
    await seedCompany(db);
    const preview = await rotate(db, { at, dryRun: true, by: 'head@example.com' });
    const report = await rotate(db, { at, dryRun: false, by: 'head@example.com' }, { pacing: false });
    expect(report.moves).toEqual(preview.moves);
    expect(report.runId).toBe('rotation-2026-12-01');
    const movedIds = report.moves.map((m) => m.clientId);
    expect(movedIds.filter((id) => !id.startsWith('u')).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'big', 'c1', 'olddeal', 's1x']);
    for (const id of ['pin', 'gone', 'fresh', 'dealt']) expect(movedIds).not.toContain(id);
    expect(report.moves.find((m) => m.clientId === 'olddeal')?.reason).toBe('no-deal-for-months');
    expect(report.moves.find((m) => m.clientId === 'big')?.to).toBe('s1');
    for (const move of report.moves) {
      const c = await client(db, move.clientId);
      expect(c).toMatchObject({ managerId: move.to, assignedAt: at, dealsSinceAssignment: 0, rotatable: true });
      if (move.from !== null) expect(c.formerHolders).toContainEqual({ managerId: move.from, until: at, rotationSeq: 1 });
      const history = await readHistory(db, move.clientId);
      const transfer = { from: move.from, to: move.to, reason: move.reason, runId: report.runId, by: 'head@example.com', at: startOfAt };
      expect(history.filter((h) => h.type === 'transfer')).toEqual([expect.objectContaining(transfer)]);
      const task = (await db.collection(collections.tasks).doc(`${report.runId}_${move.clientId}`).get()).data();
      expect(task).toMatchObject({ managerId: move.to, clientId: move.clientId, dueDate: '2026-12-15', status: 'open', overdue: false });
    }
    expect((await client(db, 'pin')).managerId).toBe('a');
    const run = (await db.collection(collections.rotationRuns).doc(report.runId).get()).data();
    expect(run).toMatchObject({ status: 'done', seq: 1, by: 'head@example.com', counts: { moved: report.moves.length, skipped: 0 } });
  });

  it('balances givers with top-ups from the new base and reports what it cannot balance', async () => {
    const { db } = testFirestore('rot-balance');
    await seedCompany(db);
    const report = await rotate(db, { at, dryRun: false, by: 'system' }, { pacing: false });
    for (const b of report.balance) {
      const u = report.unbalanced.find((x) => x.managerId === b.managerId);
      if (u) expect(u.why.length).toBeGreaterThan(0);
      else expect(b.received).toBe(b.given);
    }
    expect(report.moves.filter((m) => m.reason === 'top-up').every((m) => m.from === null)).toBe(true);
    expect(report.balance.find((b) => b.managerId === 'a')).toEqual({ managerId: 'a', given: 4, received: 4 });
  });

  it('writes nothing on a dry run', async () => {
    const { db } = testFirestore('rot-dry');
    await seedCompany(db);
    const before = await stateOf(db);
    const paths = await allDocumentPaths(db);
    const report = await rotate(db, { at, dryRun: true, by: 'head' });
    expect(report.dryRun).toBe(true);
    expect(report.moves.length).toBeGreaterThan(0);
    expect(await allDocumentPaths(db)).toEqual(paths);
    expect(await stateOf(db)).toEqual(before);
  });

  it('changes nothing when the same day is run a second time', async () => {
    const { db } = testFirestore('rot-twice');
    await seedCompany(db);
    const first = await rotate(db, { at, dryRun: false, by: 'system' }, { pacing: false });
    const after = await stateOf(db);
    const second = await rotate(db, { at: '2026-12-01T15:00:00Z', dryRun: false, by: 'system' }, { pacing: false });
    const finishedAt = (await db.collection(collections.rotationRuns).doc(first.runId).get()).get('finishedAt');
    expect(second).toEqual({ ...first, alreadyApplied: true, appliedAt: finishedAt, appliedBy: 'system' });
    expect(await stateOf(db)).toEqual(after);
  });

  it('finishes a run stopped half-way in the same state as an uninterrupted run, moving no client twice', async () => {
    const whole = testFirestore('rot-whole').db;
    const broken = testFirestore('rot-broken').db;
    await seedCompany(whole);
    await seedCompany(broken);
    const full = await rotate(whole, { at, dryRun: false, by: 'system' }, { pacing: false });
    await rotate(broken, { at, dryRun: false, by: 'system' }, { pacing: false, stopAfter: 4, concurrency: 2 });
    expect((await broken.collection(collections.tasks).get()).size).toBe(4);
    expect((await broken.collection(collections.rotationRuns).doc(full.runId).get()).get('status')).toBe('applying');
    const preview = await rotate(broken, { at, dryRun: true, by: 'system' });
    expect(preview.moves).toEqual(full.moves);
    const resumed = await rotate(broken, { at, dryRun: false, by: 'system' }, { pacing: false });
    expect(resumed).toEqual(full);
    expect(await stateOf(broken)).toEqual(await stateOf(whole));
    for (const m of full.moves) expect((await readHistory(broken, m.clientId)).filter((h) => h.type === 'transfer')).toHaveLength(1);
  });

  it('finishes a plan of several chunks stopped inside one, re-checking only its tasks, and moves no client twice', async () => {
    const whole = testFirestore('rot-chunks-whole').db;
    const broken = testFirestore('rot-chunks-broken').db;
    for (const db of [whole, broken]) {
      await addManagers(db, [
        { id: 'a', level: 1 },
        { id: 'b', level: 1 },
      ]);
      await staleClients(db, ['a', 'b'], 310);
    }
    const full = await rotate(whole, { at, dryRun: false, by: 'system' }, { pacing: false });
    expect(full.moves).toHaveLength(620);
    const ops = countOperations(broken);
    const options = { pacing: false, concurrency: 3, movesPerBatch: 40 };
    const stopped = await runRotation(broken, { at, dryRun: false, by: 'system' }, { ...options, stopAfter: 530 });
    expect(stopped.status).toBe('running');
    expect(stopped.report.moves).toHaveLength(530);
    const chunks = await broken.collection(collections.rotationRuns).doc(full.runId).collection('plan').get();
    expect(chunks.docs.map((c) => [c.id, c.get('done')])).toEqual([
      ['00000', true],
      ['00001', false],
    ]);
    const resumed = await runRotation(broken, { at, dryRun: false, by: 'system' }, options);
    ops.stop();
    expect(resumed.status).toBe('done');
    expect(resumed.report).toEqual(full);
    expect((await broken.collection(collections.tasks).get()).size).toBe(620);
    expect(await transfers(broken)).toBe(620);
    // Both runs together: the candidates once, the unfinished chunk's tasks once, a little bookkeeping, and per
    // batch of 40 moves two queries (30 clients each) for the open report tasks the hand-on closes.
    expect(ops.count.reads).toBeLessThanOrEqual(620 + 120 + 40 + 2 * Math.ceil(620 / 40));
    expect(ops.count.writes).toBeLessThanOrEqual(620 * 3 + 12);
  });

  it('skips a resumed move whose receiver left after planning, and says so', async () => {
    const { db } = testFirestore('rot-receiver-left');
    await addManagers(db, [
      { id: 'a', level: 1 },
      { id: 'b', level: 1 },
      { id: 'c', level: 1 },
    ]);
    for (const id of ['a1', 'a2', 'a3']) await addClient(db, id, 'a');
    for (const id of ['b1', 'c1']) await addClient(db, id, id === 'b1' ? 'b' : 'c');
    const first = await runRotation(db, { at, dryRun: false, by: 'system' }, { pacing: false, stopAfter: 1, concurrency: 1 });
    const [done] = first.report.moves;
    const preview = await rotate(db, { at, dryRun: true, by: 'system' });
    const others = preview.moves.filter((m) => m.clientId !== done!.clientId);
    const leaver = (others.find((m) => m.to !== done!.to) ?? others[0]!).to;
    await db.collection(collections.managers).doc(leaver).update({ active: false });
    const resumed = await rotate(db, { at, dryRun: false, by: 'system' }, { pacing: false });
    const dropped = preview.moves.filter((m) => m.clientId !== done!.clientId && m.to === leaver);
    expect(dropped.length).toBeGreaterThan(0);
    for (const m of dropped) {
      const why = `the receiver ${leaver} is no longer active`;
      expect(resumed.skipped).toContainEqual({ clientId: m.clientId, managerId: m.from, why });
      expect((await client(db, m.clientId)).managerId).toBe(m.from);
    }
    expect(resumed.moves.some((m) => m.to === leaver)).toBe(false);
  });

  it('skips and reports a client its manager edited between planning and applying, leaving the edit in place', async () => {
    const { db } = testFirestore('rot-edit');
    await seedCompany(db);
    const report = await rotate(
      db,
      { at, dryRun: false, by: 'system' },
      {
        pacing: false,
        beforeMove: async (move) => {
          if (move.clientId === 'a2')
            await db
              .collection(collections.clients)
              .doc('a2')
              .update({ name: 'Renamed by a', version: move.version + 1 });
        },
      },
    );
    expect(report.moves.map((m) => m.clientId)).not.toContain('a2');
    expect(report.skipped).toContainEqual({
      clientId: 'a2',
      managerId: 'a',
      why: 'the client was edited after planning (version changed)',
    });
    expect(await client(db, 'a2')).toMatchObject({ managerId: 'a', name: 'Renamed by a', version: 2 });
    expect((await db.collection(collections.tasks).doc(`${report.runId}_a2`).get()).exists).toBe(false);
    expect(report.unbalanced.find((u) => u.managerId === 'a')).toMatchObject({ level: 1, given: 3 });
    // Replaying the day tells the same story once, not with the skip counted twice.
    const again = await rotate(db, { at, dryRun: false, by: 'system' }, { pacing: false });
    expect(again.unbalanced).toEqual(report.unbalanced);
    expect(again.skipped).toEqual(report.skipped);
  });

  it('never hands a client back to the manager it was taken from in the next rotation', async () => {
    const { db } = testFirestore('rot-boomerang');
    await threeManagersOneStaleClientEach(db);
    const first = await rotate(db, { at: '2025-09-01', dryRun: false, by: 'system' }, { pacing: false });
    const second = await rotate(db, { at: '2026-04-01', dryRun: false, by: 'system' }, { pacing: false });
    expect(second.moves).toHaveLength(3);
    for (const m of second.moves) expect(m.to).not.toBe(first.moves.find((f) => f.clientId === m.clientId)!.from);
    expect((await client(db, 'x')).formerHolders?.map((f) => f.rotationSeq)).toEqual([1, 2]);
  });

  it("closes the previous holder's open report task when the next rotation moves the client on; the new holder's is open", async () => {
    const { db } = testFirestore('rot-task-follows');
    await threeManagersOneStaleClientEach(db);
    // Nobody reports on the first rotation's clients: their tasks are still open when the second moves them on.
    const first = await rotate(db, { at: '2025-09-01', dryRun: false, by: 'system' }, { pacing: false });
    const second = await rotate(db, { at: '2026-04-01', dryRun: false, by: 'system' }, { pacing: false });
    expect(second.moves).toHaveLength(3);
    for (const m of second.moves) {
      const open = await db.collection(collections.tasks).where('clientId', '==', m.clientId).where('status', '==', 'open').get();
      expect(open.docs.map((d) => d.get('managerId'))).toEqual([m.to]);
      const earlier = (await db.collection(collections.tasks).doc(`${first.runId}_${m.clientId}`).get()).data();
      expect(earlier).toMatchObject({ status: 'closed', managerId: m.from, handedOn: { to: m.to, runId: second.runId }, overdue: false });
      expect(earlier?.outcome).toBeUndefined();
    }
  });

  it('reads the candidates and writes three documents per move, never reading the rest of the base', async () => {
    const { db } = testFirestore('rot-reads');
    await addManagers(db, [
      { id: 'a', level: 1 },
      { id: 'b', level: 1 },
    ]);
    for (const id of ['s1', 's2']) await addClient(db, id, 'a');
    for (const id of ['s3', 's4']) await addClient(db, id, 'b');
    // 60 clients that are not stale: newly assigned (some with an old last deal, like a client just rotated) or dealt recently.
    const writer = db.bulkWriter();
    for (let i = 0; i < 60; i++) {
      const recent = i % 2 === 0;
      void writer.set(db.collection(collections.clients).doc(`f${i}`), {
        id: `f${i}`,
        name: `f${i}`,
        kind: 'person',
        size: 'regular',
        phones: [],
        emails: [],
        managerId: i % 3 ? 'a' : 'b',
        assignedAt: recent ? '2026-10-01' : '2024-01-01',
        contactKeys: [],
        dealCount: 1,
        dealsSinceAssignment: recent ? 0 : 1,
        firstDealAt: '2023-01-01',
        lastDealAt: recent ? '2023-01-01' : '2026-11-20',
        rotatable: true,
        version: 1,
        updatedAt: admin.at,
      });
    }
    await writer.close();
    const ops = countOperations(db);
    const report = await rotate(db, { at, dryRun: false, by: 'system' }, { pacing: false });
    ops.stop();
    expect(report.moves.map((m) => m.clientId)).toEqual(['s1', 's2', 's3', 's4']);
    // Per move: its candidate read, nothing more; the rest is the rules, the roster, the claim and the plan's bookkeeping.
    expect(ops.count.reads).toBeLessThanOrEqual(4 * 2 + 12);
    // Per move exactly the client, its transfer entry and its task; per run the claim (run, counter), one plan
    // chunk, the plan's summary, the chunk's completion and the outcome.
    expect(ops.count.writes).toBe(4 * 3 + 6);
  });

  it('refuses a bad date naming the field and writes nothing', async () => {
    const { db } = testFirestore('rot-bad');
    await expect(runRotation(db, { at: '2026-02-30', dryRun: false, by: 'x' })).rejects.toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'at' }],
    });
    expect(await allDocumentPaths(db)).toEqual([]);
  });
});

describe('offboarding', () => {
  it('deactivates the leaver and hands every client on evenly, pinned and lost ones too, with history and tasks', async () => {
    const { db } = testFirestore('offboard');
    await seedCompany(db);
    const report = await offboard(db, { managerId: 'a', at: '2026-12-03', by: 'head@example.com' }, { pacing: false });
    expect(report.runId).toBe('offboarding-a-2026-12-03');
    expect(report.moves.map((m) => m.clientId).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'fresh', 'gone', 'pin']);
    expect(report.moves.every((m) => m.reason === 'offboarding' && m.from === 'a' && ['b', 'c', 'd'].includes(m.to))).toBe(true);
    const counts = ['b', 'c', 'd'].map((id) => report.moves.filter((m) => m.to === id).length);
    expect(counts.sort()).toEqual([2, 2, 3]);
    // A lost client goes too, still lost: nobody could win it back from an inactive holder.
    expect(await client(db, 'gone')).toMatchObject({ lostAt: '2026-03-01', lostReason: 'went to a competitor', rotatable: false });
    expect((await client(db, 'gone')).managerId).not.toBe('a');
    expect((await db.collection(collections.managers).doc('a').get()).data()).toMatchObject({ active: false, deactivatedAt: '2026-12-03' });
    expect(await client(db, 'pin')).toMatchObject({ pinned: true, rotatable: false });
    expect((await client(db, 'pin')).managerId).not.toBe('a');
    expect((await db.collection(collections.tasks).where('runId', '==', report.runId).get()).size).toBe(7);
    // The next day it is the same offboarding: its report again, nothing moved now.
    const again = await offboard(db, { managerId: 'a', at: '2026-12-04', by: 'head@example.com' }, { pacing: false });
    expect(again).toMatchObject({ runId: report.runId, alreadyApplied: true, moves: report.moves });
    expect((await db.collection(collections.tasks).get()).size).toBe(7);
  });

  it('leaves the leaver out of a later rotation', async () => {
    const { db } = testFirestore('offboard-rot');
    await seedCompany(db);
    await offboard(db, { managerId: 'd', at: '2026-11-30', by: 'head' }, { pacing: false });
    const report = await rotate(db, { at, dryRun: false, by: 'system' }, { pacing: false });
    expect(report.moves.some((m) => m.to === 'd')).toBe(false);
  });

  it('says so when the same offboarding runs again, and explains every uneven count without citing skips that did not happen', async () => {
    const { db } = testFirestore('offboard-again');
    await seedCompany(db);
    const first = await offboard(db, { managerId: 'a', at: '2026-12-03', by: 'head@example.com' }, { pacing: false });
    expect(first.skipped).toEqual([]);
    const leaver = first.unbalanced.find((u) => u.managerId === 'a');
    expect(leaver).toEqual({ managerId: 'a', level: 1, given: 7, received: 0, why: 'leaving: hands on every client and receives none' });
    for (const u of first.unbalanced) expect(u.why).not.toContain('skipped');
    const again = await offboard(db, { managerId: 'a', at: '2026-12-03T16:00:00+03:00', by: 'other@example.com' }, { pacing: false });
    const finishedAt = (await db.collection(collections.rotationRuns).doc(first.runId).get()).get('finishedAt');
    expect(again).toEqual({ ...first, alreadyApplied: true, appliedAt: finishedAt, appliedBy: 'head@example.com' });
  });

  it('keeps clients handed on by offboarding from going back to the leaver in the next rotations', async () => {
    const { db } = testFirestore('offboard-boomerang');
    await addManagers(db, [
      { id: 'a', level: 1 },
      { id: 'b', level: 1 },
    ]);
    for (const id of ['x', 'y']) await addClient(db, id, 'a');
    await offboard(db, { managerId: 'a', at: '2026-01-15', by: 'head' }, { pacing: false });
    expect((await client(db, 'x')).formerHolders).toEqual([{ managerId: 'a', until: '2026-01-15', rotationSeq: 1 }]);
    // a comes back; seven months on, x and y are stale with b, and a is the only colleague.
    await db.collection(collections.managers).doc('a').update({ active: true });
    const next = await rotate(db, { at: '2026-08-20', dryRun: false, by: 'system' }, { pacing: false });
    expect(next.moves).toEqual([]);
    expect(next.skipped.map((s) => s.clientId)).toEqual(['x', 'y']);
  });

  it('resumes an offboarding killed part-way when re-run days later: the same run, no client moved twice, the plan kept', async () => {
    const whole = testFirestore('offboard-whole').db;
    const broken = testFirestore('offboard-broken').db;
    await seedCompany(whole);
    await seedCompany(broken);
    const full = await offboard(whole, { managerId: 'a', at: '2026-12-03', by: 'head' }, { pacing: false });
    const stopped = await offboardManager(
      broken,
      { managerId: 'a', at: '2026-12-03', by: 'head' },
      { pacing: false, stopAfter: 2, movesPerBatch: 1 },
    );
    expect(stopped.status).toBe('running');
    expect((await broken.collection(collections.tasks).get()).size).toBe(2);
    // As a killed process leaves it: its lease still on the run, to run out.
    const run = broken.collection(collections.rotationRuns).doc(full.runId);
    await run.update({ leaseOwner: 'killed-process', leaseUntil: Date.now() + 120_000 });
    const later = { pacing: false, now: () => new Date(Date.now() + 2 * 86_400_000) };
    const preview = await offboard(broken, { managerId: 'a', at: '2026-12-05', by: 'head', dryRun: true });
    expect(preview).toMatchObject({ runId: full.runId, moves: full.moves });
    const resumed = await offboardManager(broken, { managerId: 'a', at: '2026-12-05', by: 'other' }, later);
    expect(resumed.status).toBe('done');
    expect(resumed.report).toEqual(full);
    expect(resumed.report.balance).toEqual(full.balance);
    expect((await broken.collection(collections.rotationRuns).get()).docs.map((d) => d.id)).toEqual([full.runId]);
    expect((await broken.collection(collections.tasks).get()).size).toBe(7);
    for (const m of full.moves) {
      expect((await readHistory(broken, m.clientId)).filter((h) => h.type === 'transfer')).toHaveLength(1);
      expect((await client(broken, m.clientId)).managerId).toBe(m.to);
    }
    expect(await stateOf(broken)).toEqual(await stateOf(whole));
  });

  it('hands on, under the same run, a client an edit won over and one that came to the leaver after the plan', async () => {
    const { db } = testFirestore('offboard-late');
    await seedCompany(db);
    let edited = false;
    const report = await offboard(
      db,
      { managerId: 'a', at: '2026-12-03', by: 'head' },
      {
        pacing: false,
        beforeMove: async (move) => {
          if (move.clientId !== 'a2' || edited) return;
          edited = true;
          await db
            .collection(collections.clients)
            .doc('a2')
            .update({ name: 'Renamed', version: move.version + 1 });
        },
      },
    );
    // The edit wins over the planned move; the leaver is then asked again and hands it on.
    expect(report.moves.map((m) => m.clientId)).toEqual(['a1', 'a2', 'a3', 'a4', 'fresh', 'gone', 'pin']);
    expect(report.skipped).toEqual([]);
    expect(await client(db, 'a2')).toMatchObject({ name: 'Renamed', version: 3 });
    expect((await client(db, 'a2')).managerId).not.toBe('a');
    expect(
      report.balance
        .filter((b) => b.managerId !== 'a')
        .map((b) => b.received)
        .sort(),
    ).toEqual([2, 2, 3]);
    // An import puts a client on the leaver after the run was done; a re-run days later hands it on.
    await addClient(db, 'imported', 'a');
    const again = await offboard(db, { managerId: 'a', at: '2026-12-07T10:00:00Z', by: 'head' }, { pacing: false });
    expect(again.runId).toBe(report.runId);
    expect(again.alreadyApplied).toBeUndefined();
    const late = again.moves.find((m) => m.clientId === 'imported')!;
    expect(late).toMatchObject({ from: 'a', reason: 'offboarding', reportDue: '2026-12-21' });
    expect(again.moves.filter((m) => m.clientId !== 'imported')).toEqual(report.moves);
    expect((await client(db, 'imported')).managerId).toBe(late.to);
    const [transfer] = (await readHistory(db, 'imported')).filter((h) => h.type === 'transfer');
    expect(transfer).toMatchObject({ runId: report.runId, at: '2026-12-07T10:00:00.000Z' });
    expect(await db.collection(collections.tasks).doc(`${report.runId}_imported`).get()).toMatchObject({ exists: true });
    // Nothing left: the next run answers the stored report and writes nothing.
    const third = await offboard(db, { managerId: 'a', at: '2026-12-08', by: 'head' }, { pacing: false });
    expect(third).toMatchObject({ runId: report.runId, alreadyApplied: true, moves: again.moves });
    expect((await db.collection(collections.tasks).get()).size).toBe(8);
  });

  it('offboards a manager who was reactivated and leaves again as a new run, later or the same day', async () => {
    const { db } = testFirestore('offboard-twice');
    await seedCompany(db);
    const first = await offboard(db, { managerId: 'a', at: '2026-12-03', by: 'head' }, { pacing: false });
    const back = async (id: string) => {
      await changeManager(db, 'a', { active: true }, { by: 'head', at: '2026-12-09T09:00:00.000Z' });
      await addClient(db, id, 'a');
    };
    await back('n1');
    expect((await db.collection(collections.managers).doc('a').get()).data()).not.toHaveProperty('offboardingRunId');
    const second = await offboard(db, { managerId: 'a', at: '2026-12-10', by: 'head' }, { pacing: false });
    expect(second.runId).toBe('offboarding-a-2026-12-10');
    expect(second.alreadyApplied).toBeUndefined();
    expect(second.moves.map((m) => m.clientId)).toEqual(['n1']);
    await back('n2');
    const third = await offboard(db, { managerId: 'a', at: '2026-12-10', by: 'head' }, { pacing: false });
    expect(third.runId).toBe('offboarding-a-2026-12-10-2');
    expect(third.moves.map((m) => m.clientId)).toEqual(['n2']);
    expect((await offboard(db, { managerId: 'a', at: '2026-12-03', by: 'head' }, { pacing: false })).runId).toBe(third.runId);
    expect(first.runId).toBe('offboarding-a-2026-12-03');
    const audit = await db.collection(collections.audit).where('action', '==', 'manager.offboard').get();
    expect(audit.docs.map((d) => d.get('details.runId')).sort()).toEqual([first.runId, second.runId, third.runId]);
  });

  it('refuses an unknown manager and writes nothing', async () => {
    const { db } = testFirestore('offboard-bad');
    await expect(offboardManager(db, { managerId: 'nobody', at, by: 'head' })).rejects.toMatchObject({ code: 'not-found' });
    expect(await allDocumentPaths(db)).toEqual([]);
  });
});

describe('history order', () => {
  it('lists a rotation and the hand-on that followed it the same day in the order they were made, even when backdated', async () => {
    const { db } = testFirestore('rot-history-order');
    await seedCompany(db);
    // The scheduler's rotation at 06:00 Moscow on 1 December, then b leaves: offboarded on the 3rd, as of the 1st.
    const rotation = await rotate(db, { at: '2026-12-01T03:00:00Z', dryRun: false, by: 'scheduler' }, { pacing: false });
    const a1 = rotation.moves.find((m) => m.clientId === 'a1')!;
    const handOn = await offboard(db, { managerId: a1.to, at: '2026-12-01', by: 'head' }, { pacing: false });
    expect(handOn.moves.map((m) => m.clientId)).toContain('a1');
    const history = (await readHistory(db, 'a1')).filter((h) => h.type === 'transfer');
    expect(history.map((h) => (h.type === 'transfer' ? [h.runId, h.from, h.to] : []))).toEqual([
      [rotation.runId, 'a', a1.to],
      [handOn.runId, a1.to, handOn.moves.find((m) => m.clientId === 'a1')!.to],
    ]);
    expect(history.every((h) => /T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(h.at))).toBe(true);
    expect(history[0]!.at < history[1]!.at).toBe(true);
  });
});

describe('scheduled triggers', () => {
  const jobs = scheduledJobServers();
  const start = (db: Firestore, job: ScheduledJob<unknown>, caller: string) => jobs.start(db, job, { caller });

  it('runs the rotation for the slot day in the company time zone when the scheduler calls', async () => {
    const { db } = testFirestore('rot-sched');
    await seedCompany(db);
    const fn = await start(db, rotationScheduledJob, schedulerAccount);
    // 02:00 on 1 December in Moscow is still 30 November in UTC.
    const res = await fn.post('', { 'x-cloudscheduler-scheduletime': '2026-11-30T23:00:00Z' });
    expect(res.status).toBe(200);
    const body = res.body as { runId: string; moves: unknown[] };
    expect(body.runId).toBe('rotation-2026-12-01');
    expect(body.moves.length).toBeGreaterThan(0);
  });

  it('takes the rotation day and report deadlines from a company zone west of UTC with daylight saving', async () => {
    const { db } = testFirestore('rot-sched-west');
    await seedCompany(db);
    await publishRules(db, rulesConfigSchema.parse({ timeZone: 'America/New_York' }), admin);
    const fn = await start(db, rotationScheduledJob, schedulerAccount);
    // 03:00 UTC on 1 December is still 30 November in New York (UTC−5 in winter).
    const res = await fn.post('', { 'x-cloudscheduler-scheduletime': '2026-12-01T03:00:00Z' });
    expect(res.status).toBe(200);
    const body = res.body as { runId: string; moves: Array<{ clientId: string; reportDue: string }> };
    expect(body.runId).toBe('rotation-2026-11-30');
    expect(new Set(body.moves.map((m) => m.reportDue))).toEqual(new Set(['2026-12-14']));
    const task = (await db.collection(collections.tasks).doc(`rotation-2026-11-30_${body.moves[0]!.clientId}`).get()).data();
    expect(task).toMatchObject({ dueDate: '2026-12-14', createdAt: '2026-12-01T03:00:00.000Z' });
    expect((await client(db, body.moves[0]!.clientId)).assignedAt).toBe('2026-11-30');
  });

  it('flags a report overdue only once its due day has passed in the company zone', async () => {
    const { db } = testFirestore('rot-sched-overdue-west');
    await seedCompany(db);
    await publishRules(db, rulesConfigSchema.parse({ timeZone: 'America/Los_Angeles' }), admin);
    await rotate(db, { at, dryRun: false, by: 'system' }, { pacing: false });
    const fn = await start(db, overdueReportsScheduledJob, schedulerAccount);
    const call = async (slot: string) =>
      (await fn.post('', { 'x-cloudscheduler-scheduletime': slot })).body as { at: string; flagged: number };
    // Due 15 December; 05:00 UTC on the 16th is still the 15th in Los Angeles.
    expect(await call('2026-12-16T05:00:00Z')).toMatchObject({ at: '2026-12-15', flagged: 0 });
    const flagged = await call('2026-12-16T09:00:00Z');
    expect(flagged).toMatchObject({ at: '2026-12-16', flagged: (await db.collection(collections.tasks).get()).size });
    const overdue = await db.collection(collections.tasks).where('overdue', '==', true).get();
    expect(overdue.docs[0]!.get('overdueAt')).toBe('2026-12-16T09:00:00.000Z');
  });

  it('refuses a caller without the scheduler identity and moves nothing', async () => {
    const { db } = testFirestore('rot-sched-no');
    await seedCompany(db);
    const before = await allDocumentPaths(db);
    const fn = await start(db, rotationScheduledJob, 'someone@example.com');
    expect((await fn.post()).status).toBe(403);
    const overdue = await start(db, overdueReportsScheduledJob, 'someone@example.com');
    expect((await overdue.post()).status).toBe(403);
    expect(await allDocumentPaths(db)).toEqual(before);
  });

  it('flags overdue reports when the scheduler calls the overdue check', async () => {
    const { db } = testFirestore('rot-sched-overdue');
    await seedCompany(db);
    await rotate(db, { at, dryRun: false, by: 'system' }, { pacing: false });
    const fn = await start(db, overdueReportsScheduledJob, schedulerAccount);
    const res = await fn.post('?at=2026-12-16');
    expect(res.status).toBe(200);
    const body = res.body as { flagged: number };
    expect(body.flagged).toBe((await db.collection(collections.tasks).get()).size);
  });
});
