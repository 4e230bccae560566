import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readStatements } from '../../../functions/src/store/bonus-statement-store.ts';
import { testCli } from '../../support/cli.ts';
import { testFirestore } from '../../support/firestore.ts';

const parsed = (csv: string) => parse(csv, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
const kopecks = (roubles: string) => Number(roubles.replace(',', ''));

describe('clientbase payroll', () => {
  it("writes a seeded closed month's payroll equal to its statements to the kopeck, and its payable lines beside it", async () => {
    const { db } = testFirestore('cli-payroll');
    const dir = mkdtempSync(join(tmpdir(), 'clientbase-payroll-'));
    const base = {
      config: {
        bonus: {
          normalRate: 0.05,
          newClientMultiplier: 3,
          retentionMonths: 0,
          attractionBonus: 1_000_00,
          dealConfirmation: 'not-required',
        },
      },
      managers: [
        { id: 'm1', name: 'Орлова; Анна', email: 'anna@example.com', level: 1, active: true },
        { id: 'm2', name: 'Boris "B" Petrov', email: 'boris@example.com', level: 1, active: true },
      ],
      clients: [
        { id: 'c1', name: 'Acme', kind: 'person', managerId: 'm1', assignedAt: '2026-01-01', createdAt: '2024-01-01', attractedBy: 'm1' },
        { id: 'c2', name: 'Beta', kind: 'person', managerId: 'm2', assignedAt: '2026-01-01', createdAt: '2024-01-01' },
      ],
      deals: [
        { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-01-05', amount: 40_001, profit: 12_345 },
        { id: 'd2', clientId: 'c2', managerId: 'm2', date: '2026-01-06', amount: 90_000, profit: 33_333 },
        { id: 'd3', clientId: 'c2', managerId: 'm2', date: '2026-01-07', amount: 10_000, profit: 7 },
      ],
    };
    writeFileSync(join(dir, 'base.json'), JSON.stringify(base));
    expect(await testCli(db, '2026-01-31T12:00:00Z').run('import', '--quiet', join(dir, 'base.json'))).toBe(0);
    expect(await testCli(db, '2026-02-01T02:00:00Z').run('bonuses', '--month', '2026-01')).toBe(0);

    const early = testCli(db, '2026-02-01T03:00:00Z');
    expect(await early.run('payroll', '--month', '2026-01')).toBe(1);
    expect(early.err.join('')).toContain('is not closed');
    expect(await testCli(db, '2026-02-01T03:00:00Z').run('payroll', '--month', '2026-1')).toBe(2);

    expect(await testCli(db, '2026-02-02T00:00:00Z').run('close-month', '2026-01')).toBe(0);
    const out = join(dir, 'payroll.csv');
    const cli = testCli(db, '2026-02-03T00:00:00Z');
    expect(await cli.run('payroll', '--month', '2026-01', '--out', out, '--lines')).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parsed(csv);
    const statements = await readStatements(db, '2026-01');
    expect(rows.map((r) => [r.manager_id, r.name, kopecks(r.payable_rub!)])).toEqual(
      statements.map((s) => [s.managerId, s.managerId === 'm1' ? 'Орлова; Анна' : 'Boris "B" Petrov', s.totals.payable]),
    );
    const lines = parsed(readFileSync(join(dir, 'payroll-lines.csv'), 'utf8'));
    for (const s of statements)
      expect(lines.filter((l) => l.manager_id === s.managerId).reduce((n, l) => n + kopecks(l.amount_rub!), 0)).toBe(s.totals.payable);
    expect(cli.err.join('\n')).toContain('2 manager(s) written');

    // The same closed month, the same file; on standard output too.
    const again = testCli(db, '2026-03-01T00:00:00Z');
    expect(await again.run('payroll', '--month', '2026-01')).toBe(0);
    expect(again.out.join('')).toBe(csv);
    const audit = (await db.collection('audit').where('action', '==', 'export payroll').get()).docs;
    expect(audit.length).toBe(3);
  });
});
