import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMonthsToMonth } from '../../../functions/src/core/calendar.ts';
import { describe, expect, it } from 'vitest';
import { createClient, recordDeal } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { testCli } from '../../support/cli.ts';
import { testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';

describe('clientbase bonuses: adjustment lines', () => {
  it('shows the money of a correction to a closed month in roubles, like every other note', async () => {
    const { db } = testFirestore('cli-adjust-note');
    const actor = { by: 'admin', at: '2026-01-01T00:00:00.000Z' };
    await createClient(
      db,
      clientSchema.parse({
        id: 'c1',
        name: 'Acme',
        kind: 'person',
        managerId: 'm1',
        assignedAt: '2026-01-01',
        createdAt: '2024-01-01',
        attractedBy: 'm1',
      }),
      actor,
    );
    await recordDeal(db, { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-01-10', amount: 100_000, profit: 10_000 }, actor);
    expect(await testCli(db, '2026-02-01T02:00:00Z').run('bonuses', '--month', '2026-01')).toBe(0);
    expect(await testCli(db, '2026-02-02T00:00:00Z').run('close-month', '2026-01')).toBe(0);
    // A deal of January recorded after January was closed: paid in February as an adjustment.
    await recordDeal(db, { id: 'late', clientId: 'c1', managerId: 'm1', date: '2026-01-25', amount: 1_000_000, profit: 1_000_000 }, actor);
    const table = testCli(db, '2026-03-01T02:00:00Z');
    expect(await table.run('bonuses', '--month', '2026-02')).toBe(0);
    const text = table.out.join('\n');
    expect(text).toContain('correction to closed 2026-01, normal line: +500.00');
    expect(text).not.toMatch(/: \+50000\b/);
    const json = testCli(db, '2026-03-01T02:00:00Z');
    expect(await json.run('bonuses', '--month', '2026-02', '--json')).toBe(0);
    const notes = JSON.parse(json.out.join('')).statements[0].lines.map((l: { note: string }) => l.note);
    expect(notes).toContain('correction to closed 2026-01, normal line: +500.00');
  });

  it('pays a deal imported with a date 16 months back, and its raised part released at a gate 13 months back', async () => {
    const { db } = testFirestore('cli-adjust-import');
    const dir = mkdtempSync(join(tmpdir(), 'clientbase-late-'));
    const file = (name: string, content: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(content));
      return join(dir, name);
    };
    const base = {
      config: { bonus: { normalRate: 0.05, newClientMultiplier: 3, retentionMonths: 3, attractionBonus: 0 } },
      managers: [{ id: 'm1', name: 'Anna Orlova', email: 'anna@example.com', level: 1, active: true }],
      clients: [
        { id: 'c3', name: 'Acme', kind: 'person', managerId: 'm1', assignedAt: '2025-03-01', createdAt: '2024-01-01', attractedBy: 'm1' },
      ],
      deals: [{ id: 'd3', clientId: 'c3', managerId: 'm1', date: '2025-03-05', amount: 40_000, profit: 10_000 }],
    };
    expect(await testCli(db, '2025-03-31T12:00:00Z').run('import', '--quiet', file('base.json', base))).toBe(0);
    for (let m = '2025-03'; m <= '2026-06'; m = addMonthsToMonth(m, 1)) {
      const next = addMonthsToMonth(m, 1);
      expect(await testCli(db, `${next}-01T02:00:00Z`).run('bonuses', '--month', m)).toBe(0);
      expect(await testCli(db, `${next}-02T09:00:00Z`).run('close-month', m)).toBe(0);
    }
    // A deal from March 2025 found in July 2026 and imported: it is c3's second deal.
    const late = { deals: [{ id: 'imp', clientId: 'c3', managerId: 'm1', date: '2025-03-20', amount: 16_000, profit: 4_000 }] };
    expect(await testCli(db, '2026-07-10T12:00:00Z').run('import', '--quiet', file('late.json', late))).toBe(0);
    const run = async (at: string) => {
      const json = testCli(db, at);
      expect(await json.run('bonuses', '--month', '2026-07', '--json')).toBe(0);
      const lines = JSON.parse(json.out.join('')).statements[0].lines as Array<{ id: string; amount: number; status: string }>;
      return lines.map((l) => [l.id, l.amount, l.status]);
    };
    const expected = [
      ['adjustment:2025-03:normal:imp:payable', 200, 'payable'],
      ['adjustment:2025-03:raised:imp:pending', 100, 'pending'],
      ['adjustment:2025-06:release:imp:released', 100, 'released'],
    ];
    expect(await run('2026-08-01T02:00:00Z')).toEqual(expected);
    // The same import again changes nothing and marks nothing; computing again pays nothing more.
    const mark = async () => (await db.collection(collections.bonusCorrections).doc('c3').get()).data();
    const marked = await mark();
    expect(marked).toMatchObject({ dealDates: ['2025-03-05', '2025-03-20'], firstDealDates: ['2025-03-05'], handledBy: '2026-07' });
    expect(await testCli(db, '2026-08-01T05:00:00Z').run('import', '--quiet', join(dir, 'late.json'))).toBe(0);
    expect(await mark()).toEqual(marked);
    expect(await run('2026-08-01T06:00:00Z')).toEqual(expected);
  });
});
