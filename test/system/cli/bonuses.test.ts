import { describe, expect, it } from 'vitest';
import { runCli } from '../../../functions/src/cli/main.ts';
import { createClient, recordDeal } from '../../../functions/src/store/client-store.ts';
import { publishRules } from '../../../functions/src/store/rules-store.ts';
import { testCli } from '../../support/cli.ts';
import { allDocumentPaths, testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

describe('clientbase bonuses / close-month', () => {
  it('prints the month as JSON in minor units and as a table', async () => {
    const { db } = testFirestore('cli-bonuses');
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
    await recordDeal(db, { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-01-10', amount: 50_000, profit: 12_345 }, actor);
    const json = testCli(db, '2026-02-01T02:00:00Z');
    expect(await runCli(['bonuses', '--month', '2026-01', '--json'], json.ctx)).toBe(0);
    const report = JSON.parse(json.out.join(''));
    expect(report).toMatchObject({
      month: '2026-01',
      statements: [{ managerId: 'm1', totals: { payable: 617, pending: 617, cancelled: 0 } }],
    });
    expect(
      report.statements[0].lines.map((l: Record<string, unknown>) => [l.kind, l.clientId, l.dealId, l.rate, l.amount, l.status, l.dueDate]),
    ).toEqual([
      ['normal', 'c1', 'd1', 0.05, 617, 'payable', null],
      ['raised', 'c1', 'd1', 0.05, 617, 'pending', '2026-04-10'],
    ]);
    const table = testCli(db, '2026-02-01T02:00:00Z');
    expect(await runCli(['bonuses', '--month', '2026-01'], table.ctx)).toBe(0);
    expect(table.out.join('\n')).toContain('Manager m1: payable 6.17, pending 6.17, cancelled 0.00');
    const close = testCli(db, '2026-02-02T00:00:00Z');
    expect(await runCli(['close-month', '2026-01'], close.ctx)).toBe(0);
    expect((await db.collection('bonusMonths').doc('2026-01').get()).get('closed')).toBe(true);
  });

  it('closes a month only once it has ended in the company zone', async () => {
    const { db } = testFirestore('cli-close-zone');
    await publishRules(db, rulesConfigSchema.parse({ timeZone: 'America/New_York' }), { by: 'admin', at: '2026-01-01T00:00:00.000Z' });
    // 03:00 UTC on 1 February is still 31 January in New York.
    const early = testCli(db, '2026-02-01T03:00:00Z');
    expect(await runCli(['close-month', '2026-01'], early.ctx)).toBe(1);
    expect(early.err.join('\n')).toContain('2026-01 has not ended yet in America/New_York');
    expect((await db.collection('bonusMonths').doc('2026-01').get()).exists).toBe(false);
    const later = testCli(db, '2026-02-01T06:00:00Z');
    expect(await runCli(['close-month', '2026-01'], later.ctx)).toBe(0);
    expect((await db.collection('bonusMonths').doc('2026-01').get()).get('closed')).toBe(true);
  });

  it('refuses a bad month naming the field with exit status 2 and writes nothing', async () => {
    const { db } = testFirestore('cli-bonuses-bad');
    const a = testCli(db, '2026-02-01T02:00:00Z');
    expect(await runCli(['bonuses', '--month', '2026-1'], a.ctx)).toBe(2);
    expect(a.err.join('\n')).toContain('--month: must be a month YYYY-MM');
    const b = testCli(db, '2026-02-01T02:00:00Z');
    expect(await runCli(['close-month', 'January'], b.ctx)).toBe(2);
    expect(b.err.join('\n')).toContain('month: must be a month YYYY-MM');
    expect(await allDocumentPaths(db)).toEqual([]);
  });
});
