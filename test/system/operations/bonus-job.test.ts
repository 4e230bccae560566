import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { bonusScheduledJob, closeBonusMonth, computeBonusMonth } from '../../../functions/src/operations/bonus-job.ts';
import { readStatement } from '../../../functions/src/store/bonus-statement-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { createClient, recordDeal } from '../../../functions/src/store/client-store.ts';
import { editClient } from '../../../functions/src/store/client-edit-store.ts';
import { addMonthsToMonth } from '../../../functions/src/core/calendar.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';
import { jobEnv, scheduledJobServers, schedulerAccount } from '../../support/scheduled-job-server.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { dealSchema } from '../../../functions/src/schema/deal.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

const admin = { by: 'head@example.com', at: '2026-01-01T00:00:00.000Z' };

async function seed(
  db: Firestore,
  clients: Array<{ id: string; attractedBy?: string; managerId?: string }>,
  deals: Array<{ id: string; clientId: string; date: string; profit: number; managerId?: string }>,
) {
  await publishRules(
    db,
    rulesConfigSchema.parse({ bonus: { normalRate: 0.05, newClientMultiplier: 3, retentionMonths: 3, attractionBonus: 100_000 } }),
    admin,
  );
  for (const c of clients)
    await createClient(
      db,
      clientSchema.parse({
        id: c.id,
        name: `Client ${c.id}`,
        kind: 'person',
        // In the base long before its deals: the retention gate counts from the first deal.
        createdAt: '2024-01-01',
        managerId: c.managerId ?? 'm1',
        assignedAt: '2026-01-01',
        attractedBy: c.attractedBy ?? 'm1',
      }),
      admin,
    );
  for (const d of deals) await recordDeal(db, { managerId: 'm1', amount: d.profit * 4, ...d }, admin);
}

const linesOf = (
  r: { statements: Array<{ managerId: string; lines: Array<{ id: string; amount: number; status: string }> }> },
  managerId = 'm1',
) => r.statements.find((s) => s.managerId === managerId)?.lines.map((l) => [l.id, l.amount, l.status]);

describe('bonus job', () => {
  it('gives identical statements when a month is computed twice, and records both runs', async () => {
    const { db } = testFirestore('bonus-twice');
    await seed(
      db,
      [{ id: 'c1' }, { id: 'c2', attractedBy: 'm2', managerId: 'm2' }],
      [
        { id: 'd1', clientId: 'c1', date: '2026-01-10', profit: 10_000 },
        { id: 'd2', clientId: 'c1', date: '2026-01-20', profit: 10_000 },
        { id: 'd3', clientId: 'c2', date: '2026-01-15', profit: 5_000, managerId: 'm2' },
        { id: 'd4', clientId: 'c2', date: '2026-02-15', profit: 5_000, managerId: 'm2' },
      ],
    );
    const first = await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T02:00:00.000Z' });
    const storedFirst = await readStatement(db, { month: '2026-01', managerId: 'm1' });
    const second = await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T03:00:00.000Z' });
    const storedSecond = await readStatement(db, { month: '2026-01', managerId: 'm1' });
    expect(second).toEqual(first);
    expect(storedSecond!.lines).toEqual(storedFirst!.lines);
    expect(linesOf(first)).toEqual([
      ['normal:d1', 500, 'payable'],
      ['normal:d2', 500, 'payable'],
      ['raised:d1', 1000, 'pending'],
      ['raised:d2', 250, 'pending'],
      ['attraction:c1', 100_000, 'payable'],
    ]);
    expect(first.statements.map((s) => [s.managerId, s.totals])).toEqual([
      ['m1', { payable: 101_000, pending: 1250, cancelled: 0, awaiting: 0 }],
      ['m2', { payable: 100_250, pending: 500, cancelled: 0, awaiting: 0 }],
    ]);
    const statementDocs = (await allDocumentPaths(db)).filter((p) => p.startsWith(`${collections.statements}/`));
    expect(statementDocs).toEqual(['statements/2026-01_m1', 'statements/2026-01_m2']);
    expect((await db.collection(collections.bonusRuns).where('month', '==', '2026-01').get()).size).toBe(2);
  });

  it('never changes a closed month, and pays a late deal as an adjustment in the next open month', async () => {
    const { db } = testFirestore('bonus-closed');
    await seed(db, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-01-10', profit: 10_000 }]);
    await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T02:00:00.000Z' });
    await expect(closeBonusMonth(db, { month: '2026-02', by: 'admin', at: '2026-02-10T00:00:00.000Z' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await closeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-02T00:00:00.000Z' })).toEqual({
      month: '2026-01',
      closed: true,
    });
    const closed = await readStatement(db, { month: '2026-01', managerId: 'm1' });
    expect(closed!.closed).toBe(true);

    await recordDeal(db, { id: 'late', clientId: 'c1', managerId: 'm1', date: '2026-01-25', amount: 4_000, profit: 4_000 }, admin);
    const again = await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-03T00:00:00.000Z' });
    expect(again.closed).toBe(true);
    expect(await readStatement(db, { month: '2026-01', managerId: 'm1' })).toEqual(closed);

    const feb = await computeBonusMonth(db, { month: '2026-02', by: 'admin', at: '2026-03-01T02:00:00.000Z' });
    expect(linesOf(feb)).toEqual([
      ['adjustment:2026-01:normal:late:payable', 200, 'payable'],
      ['adjustment:2026-01:raised:late:pending', 100, 'pending'],
    ]);
    expect(feb.statements[0]!.lines[0]).toMatchObject({ kind: 'adjustment', ofMonth: '2026-01', dealId: 'late', clientId: 'c1' });

    // Once February is closed too, March does not pay the late deal again.
    await closeBonusMonth(db, { month: '2026-02', by: 'admin', at: '2026-03-02T00:00:00.000Z' });
    const mar = await computeBonusMonth(db, { month: '2026-03', by: 'admin', at: '2026-04-01T02:00:00.000Z' });
    expect(mar.statements).toEqual([]);
    // April's gate releases the raised parts of both deals, the late one included.
    const apr = await computeBonusMonth(db, { month: '2026-04', by: 'admin', at: '2026-05-01T02:00:00.000Z' });
    expect(linesOf(apr)).toEqual([
      ['release:d1', 1000, 'released'],
      ['release:late', 100, 'released'],
    ]);
  });

  it('neither adjusts a closed month nor changes a held part when the admin changes the rates later', async () => {
    const { db } = testFirestore('bonus-rules-change');
    await seed(db, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-01-10', profit: 10_000 }]);
    await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T02:00:00.000Z' });
    await closeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-02T00:00:00.000Z' });
    await publishRules(db, rulesConfigSchema.parse({ bonus: { normalRate: 0.1, newClientMultiplier: 3, retentionMonths: 3 } }), admin);
    const feb = await computeBonusMonth(db, { month: '2026-02', by: 'admin', at: '2026-03-01T02:00:00.000Z' });
    expect(feb.statements).toEqual([]);
    await computeBonusMonth(db, { month: '2026-03', by: 'admin', at: '2026-04-01T02:00:00.000Z' });
    const apr = await computeBonusMonth(db, { month: '2026-04', by: 'admin', at: '2026-05-01T02:00:00.000Z' });
    expect(linesOf(apr)).toEqual([['release:d1', 1000, 'released']]);
  });

  it('cancels the pending raised parts at the gate of a client lost in month 2', async () => {
    const { db } = testFirestore('bonus-lost');
    await seed(
      db,
      [{ id: 'c1' }],
      [
        { id: 'd1', clientId: 'c1', date: '2026-01-10', profit: 10_000 },
        { id: 'd2', clientId: 'c1', date: '2026-02-05', profit: 10_000 },
      ],
    );
    await db.collection(collections.clients).doc('c1').update({ lostAt: '2026-02-15', lostReason: 'went to a competitor' });
    const jan = await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T02:00:00.000Z' });
    expect(jan.statements[0]!.totals.pending).toBe(1000);
    const apr = await computeBonusMonth(db, { month: '2026-04', by: 'admin', at: '2026-05-01T02:00:00.000Z' });
    expect(apr.statements[0]!.lines.map((l) => [l.kind, l.dealId, l.amount, l.status, l.dueDate])).toEqual([
      ['raised-cancel', 'd1', 1000, 'cancelled', '2026-04-10'],
      ['raised-cancel', 'd2', 250, 'cancelled', '2026-04-10'],
    ]);
    expect(apr.statements[0]!.totals).toEqual({ payable: 0, pending: 0, cancelled: 1250, awaiting: 0 });
  });

  it('judges a January cohort in March from the clients and deals it reads (MISSION §3.6)', async () => {
    const { db } = testFirestore('bonus-cohort');
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    await seed(
      db,
      ids.map((id) => ({ id })),
      ids.map((id, i) => ({ id: `d-${id}`, clientId: id, date: `2026-01-0${i + 1}`, profit: 20_000 })),
    );
    await publishRules(
      db,
      rulesConfigSchema.parse({
        bonus: {
          retentionMonths: 3,
          attractionBonus: 100_000,
          cohortTiers: [
            { minShare: 1, rate: 0.04 },
            { minShare: 0.4, rate: 0.03 },
            { minShare: 0, rate: 0.02 },
          ],
        },
      }),
      admin,
    );
    for (const id of ['c1', 'c2', 'c3'])
      await db.collection(collections.clients).doc(id).update({ lostAt: '2026-02-20', lostReason: 'went to a competitor' });
    const jan = await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T02:00:00.000Z' });
    expect(jan.statements[0]!.lines.filter((l) => l.kind === 'attraction').reduce((n, l) => n + l.amount, 0)).toBe(5 * 100_000);
    const mar = await computeBonusMonth(db, { month: '2026-03', by: 'admin', at: '2026-04-01T02:00:00.000Z' });
    expect(mar.statements[0]!.lines).toMatchObject([{ kind: 'cohort', rate: 0.03, amount: 3000, status: 'payable' }]);
  });

  it('keeps a statement of thousands of lines in parts, and drops parts no longer needed', async () => {
    const { db } = testFirestore('bonus-parts');
    await seed(db, [{ id: 'c1', attractedBy: 'm9' }], []);
    const writer = db.bulkWriter();
    for (let i = 1; i <= 1200; i++)
      void writer.set(db.collection(collections.deals).doc(`d${String(i).padStart(4, '0')}`), {
        id: `d${String(i).padStart(4, '0')}`,
        clientId: 'c1',
        managerId: 'm1',
        date: '2026-01-15',
        amount: 100,
        profit: 100,
        seq: i + 10,
      });
    await writer.close();
    const big = await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T02:00:00.000Z' });
    expect(big.statements[0]!.lines).toHaveLength(1200);
    const stored = await readStatement(db, { month: '2026-01', managerId: 'm1' });
    expect(stored!.parts).toBe(2);
    expect(stored!.lines).toEqual(big.statements[0]!.lines);
    const drop = db.bulkWriter();
    for (let i = 301; i <= 1200; i++) void drop.delete(db.collection(collections.deals).doc(`d${String(i).padStart(4, '0')}`));
    await drop.close();
    await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T03:00:00.000Z' });
    expect((await readStatement(db, { month: '2026-01', managerId: 'm1' }))!.lines).toHaveLength(300);
    expect((await allDocumentPaths(db)).filter((p) => p.includes('/parts/'))).toEqual([]);
  });

  it('will not close a month a crashed run left half-written, and a rerun repairs it', async () => {
    const { db } = testFirestore('bonus-crash');
    await seed(db, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-01-10', profit: 10_000 }]);
    const clean = await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-01T02:00:00.000Z' });
    // A run that claimed the month and died after writing a wrong statement.
    await db.collection(collections.bonusMonths).doc('2026-01').update({ computing: 'crashed-run' });
    await db
      .collection(collections.statements)
      .doc('2026-01_m1')
      .update({ lines: [], totals: { payable: 0, pending: 0, cancelled: 0, awaiting: 0 } });
    await expect(closeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-02T00:00:00.000Z' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await computeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-02T01:00:00.000Z' })).toEqual(clean);
    await closeBonusMonth(db, { month: '2026-01', by: 'admin', at: '2026-02-02T02:00:00.000Z' });
    expect((await readStatement(db, { month: '2026-01', managerId: 'm1' }))!.lines).toEqual(clean.statements[0]!.lines);
  });

  it('closes a month only once it has ended in the company zone, west or east of UTC', async () => {
    const west = testFirestore('bonus-close-west').db;
    await seed(west, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-02-10', profit: 10_000 }]);
    await publishRules(west, rulesConfigSchema.parse({ timeZone: 'America/New_York' }), admin);
    // 03:00 UTC on 1 March is 22:00 on 28 February in New York: February has not ended there.
    const early = closeBonusMonth(west, { month: '2026-02', by: 'admin', at: '2026-03-01T03:00:00Z' });
    await expect(early).rejects.toMatchObject({ code: 'conflict', issues: [{ path: 'month' }] });
    expect((await west.collection(collections.bonusMonths).doc('2026-02').get()).exists).toBe(false);
    const later = await closeBonusMonth(west, { month: '2026-02', by: 'admin', at: '2026-03-01T05:30:00Z' });
    expect(later).toEqual({ month: '2026-02', closed: true });

    const east = testFirestore('bonus-close-east').db;
    await seed(east, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-02-10', profit: 10_000 }]);
    // 22:00 UTC on 28 February is already 1 March in Moscow (the default zone).
    const moscow = await closeBonusMonth(east, { month: '2026-02', by: 'admin', at: '2026-02-28T22:00:00Z' });
    expect(moscow).toEqual({ month: '2026-02', closed: true });
  });

  it('counts a deal dated by an instant in the month of its day in the company zone, across a clock change', async () => {
    const { db } = testFirestore('bonus-zone-deals');
    await seed(db, [{ id: 'c1', attractedBy: 'm9' }], []);
    await publishRules(db, rulesConfigSchema.parse({ timeZone: 'Europe/London', bonus: { normalRate: 0.05, attractionBonus: 0 } }), admin);
    // London is on summer time (UTC+1) from 29 March 2026: 23:30 UTC on 31 March is 00:30 on 1 April there.
    const deal = { clientId: 'c1', managerId: 'm1', amount: 40_000, profit: 10_000 };
    await recordDeal(db, dealSchema.parse({ ...deal, id: 'late-march', date: '2026-03-31T22:30:00Z' }), admin);
    await recordDeal(db, dealSchema.parse({ ...deal, id: 'april', date: '2026-03-31T23:30:00Z' }), admin);
    const march = await computeBonusMonth(db, { month: '2026-03', by: 'admin', at: '2026-04-01T02:00:00.000Z' });
    const april = await computeBonusMonth(db, { month: '2026-04', by: 'admin', at: '2026-05-01T02:00:00.000Z' });
    expect(linesOf(march)?.map(([id]) => id)).toEqual(['normal:late-march']);
    expect(linesOf(april)?.map(([id]) => id)).toEqual(['normal:april']);
  });

  it('refuses a bad month naming the field and writes nothing', async () => {
    const { db } = testFirestore('bonus-bad');
    await expect(computeBonusMonth(db, { month: '2026-13', by: 'admin', at: '2026-02-01' })).rejects.toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'month' }],
    });
    expect(await allDocumentPaths(db)).toEqual([]);
  });

  describe('corrections to closed months of any age', () => {
    /** Each month from `from` to `to` computed in the scheduler's slot and closed by the admin the next day. */
    async function closeMonths(db: Firestore, from: string, to: string) {
      for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) {
        const next = addMonthsToMonth(m, 1);
        await computeBonusMonth(db, { month: m, by: 'scheduler', at: `${next}-01T02:00:00.000Z` });
        await closeBonusMonth(db, { month: m, by: 'admin', at: `${next}-02T09:00:00.000Z` });
      }
    }
    const reviewedIn = async (db: Firestore, month: string) =>
      (await db.collection(collections.bonusMonths).doc(month).get()).get('adjustedMonths') as string[];
    const yearBefore = (month: string) => Array.from({ length: 12 }, (_, i) => addMonthsToMonth(month, i - 12));

    it('pays a deal dated 18 months back as exactly one adjustment line in the next open month, and never again', async () => {
      const { db } = testFirestore('bonus-any-age');
      await seed(db, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2025-01-10', profit: 10_000 }]);
      await closeMonths(db, '2025-01', '2026-06');
      // m2's deal with m1's client, dated January 2025 and recorded in July 2026: a normal line only.
      const late = { id: 'late', clientId: 'c1', managerId: 'm2', date: '2025-01-25', amount: 16_000, profit: 4_000 };
      await recordDeal(db, late, { by: 'head@example.com', at: '2026-07-03T09:00:00.000Z' });
      expect((await db.collection(collections.bonusCorrections).doc('c1').get()).get('dealDates')).toEqual(['2025-01-25']);
      const july = await computeBonusMonth(db, { month: '2026-07', by: 'scheduler', at: '2026-08-01T02:00:00.000Z' });
      expect(linesOf(july, 'm2')).toEqual([['adjustment:2025-01:normal:late:payable', 200, 'payable']]);
      expect(linesOf(july, 'm1')).toBeUndefined();
      // The month it corrects is reviewed besides the last year, and so is the gate it may move (April 2025).
      expect(await reviewedIn(db, '2026-07')).toEqual(['2025-01', '2025-04', ...yearBefore('2026-07')]);
      const again = await computeBonusMonth(db, { month: '2026-07', by: 'admin', at: '2026-08-01T09:00:00.000Z' });
      expect(again).toEqual(july);
      // Another late deal after July was computed, before it is closed as computed: August pays that one only.
      await recordDeal(db, { ...late, id: 'later', date: '2025-01-28' }, { by: 'head@example.com', at: '2026-08-01T12:00:00.000Z' });
      await closeBonusMonth(db, { month: '2026-07', by: 'admin', at: '2026-08-02T09:00:00.000Z' });
      const august = await computeBonusMonth(db, { month: '2026-08', by: 'scheduler', at: '2026-09-01T02:00:00.000Z' });
      expect(linesOf(august, 'm2')).toEqual([['adjustment:2025-01:normal:later:payable', 200, 'payable']]);
      await closeBonusMonth(db, { month: '2026-08', by: 'admin', at: '2026-09-02T09:00:00.000Z' });
      const september = await computeBonusMonth(db, { month: '2026-09', by: 'scheduler', at: '2026-10-01T02:00:00.000Z' });
      expect(september.statements).toEqual([]);
      // Settled: the mark is gone, and the next run reviews only the last year again.
      expect((await db.collection(collections.bonusCorrections).get()).empty).toBe(true);
      expect(await reviewedIn(db, '2026-09')).toEqual(yearBefore('2026-09'));
    });

    it('takes back the released raised part of a month 14 months back when the lost day moves before its gate', async () => {
      const { db } = testFirestore('bonus-lost-old');
      await seed(db, [{ id: 'c2' }], [{ id: 'd2', clientId: 'c2', date: '2025-02-10', profit: 10_000 }]);
      await closeMonths(db, '2025-02', '2026-06');
      expect(linesOf({ statements: [(await readStatement(db, { month: '2025-05', managerId: 'm1' }))!] })).toEqual([
        ['release:d2', 1000, 'released'],
      ]);
      const { version } = (await getClientDoc(db, 'c2'))!;
      const actor = { by: 'head@example.com', at: '2026-07-05T10:00:00.000Z' };
      const changes = { lostAt: '2025-04-20', lostReason: 'went to a competitor' };
      const edit = await editClient(db, {
        clientId: 'c2',
        version,
        changes,
        scope: 'any',
        actor,
        mayReinstate: true,
        timeZone: 'Europe/Moscow',
      });
      expect(edit.status).toBe('applied');
      const july = await computeBonusMonth(db, { month: '2026-07', by: 'scheduler', at: '2026-08-01T02:00:00.000Z' });
      expect(linesOf(july)).toEqual([
        ['adjustment:2025-05:cancel:d2:cancelled', 1000, 'cancelled'],
        ['adjustment:2025-05:release:d2:released', -1000, 'released'],
      ]);
      expect(july.statements[0]!.totals).toEqual({ payable: -1000, pending: 0, cancelled: 1000, awaiting: 0 });
      expect(await computeBonusMonth(db, { month: '2026-07', by: 'admin', at: '2026-08-01T09:00:00.000Z' })).toEqual(july);
    });

    it('leaves no mark for a deal of the open month or a client lost today', async () => {
      const { db } = testFirestore('bonus-no-mark');
      await seed(db, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-01-10', profit: 10_000 }]);
      await closeMonths(db, '2026-01', '2026-01');
      const actor = { by: 'm1', at: '2026-02-12T10:00:00.000Z' };
      await recordDeal(db, { id: 'd2', clientId: 'c1', managerId: 'm1', date: '2026-02-12', amount: 4_000, profit: 1_000 }, actor);
      const { version } = (await getClientDoc(db, 'c1'))!;
      const changes = { lostAt: '2026-02-12', lostReason: 'went to a competitor' };
      expect(
        (await editClient(db, { clientId: 'c1', version, changes, scope: 'any', actor, mayReinstate: false, timeZone: 'Europe/Moscow' }))
          .status,
      ).toBe('applied');
      expect((await db.collection(collections.bonusCorrections).get()).empty).toBe(true);
    });
  });

  describe('scheduled trigger', () => {
    const jobs = scheduledJobServers();
    const start = (db: Firestore, caller: string) => jobs.start(db, bonusScheduledJob, { caller });

    it('computes the previous month in the company time zone on the 1st', async () => {
      const { db } = testFirestore('bonus-sched');
      await seed(db, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-02-10', profit: 10_000 }]);
      const fn = await start(db, schedulerAccount);
      // 05:00 on 1 March in Moscow is still 28 February in UTC.
      const res = await fn.post('', { 'x-cloudscheduler-scheduletime': '2026-03-01T02:00:00Z' });
      expect(res.status).toBe(200);
      const body = res.body as { month: string };
      expect(body.month).toBe('2026-02');
      expect(await readStatement(db, { month: '2026-02', managerId: 'm1' })).toMatchObject({
        computedBy: 'scheduler@clientbase.iam.gserviceaccount.com',
        totals: { payable: 100_500 },
      });
    });

    it('computes the month that has just ended in a company zone west of UTC', async () => {
      const { db } = testFirestore('bonus-sched-west');
      await seed(db, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-01-10', profit: 10_000 }]);
      const bonus = { normalRate: 0.05, newClientMultiplier: 3, retentionMonths: 3, attractionBonus: 100_000 };
      await publishRules(db, rulesConfigSchema.parse({ timeZone: 'America/New_York', bonus }), admin);
      const fn = await start(db, schedulerAccount);
      // 04:00 UTC on 1 March is still 28 February in New York: the month just ended is January.
      const res = await fn.post('', { 'x-cloudscheduler-scheduletime': '2026-03-01T04:00:00Z' });
      expect(res.status).toBe(200);
      expect((res.body as { month: string }).month).toBe('2026-01');
    });

    it('is registered as the `bonuses` function of the deployed entry point', async () => {
      const { db, projectId } = testFirestore('bonus-entry');
      await seed(db, [{ id: 'c1' }], [{ id: 'd1', clientId: 'c1', date: '2026-05-31', profit: 10_000 }]);
      const dev = await jobs.issuer();
      const saved = { ...process.env };
      process.env.GCLOUD_PROJECT = projectId;
      try {
        await import('../../../functions/src/index.ts');
        const fn = await jobs.serve((audience) => {
          Object.assign(process.env, jobEnv(dev, audience));
          return getTestServer('bonuses');
        });
        const res = await fn.post('', { 'x-cloudscheduler-scheduletime': '2026-06-01T02:00:00Z' });
        expect(res.status).toBe(200);
        expect((res.body as { month: string }).month).toBe('2026-05');
        expect((await readStatement(db, { month: '2026-05', managerId: 'm1' }))?.totals.payable).toBe(100_500);
      } finally {
        for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
        Object.assign(process.env, saved);
      }
    });

    it('refuses a caller that is not the scheduler identity and computes nothing', async () => {
      const { db } = testFirestore('bonus-sched-no');
      const res = await (await start(db, 'someone@example.com')).post();
      expect(res.status).toBe(403);
      expect(await allDocumentPaths(db)).toEqual([]);
    });
  });
});
