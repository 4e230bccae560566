import { describe, expect, it } from 'vitest';
import { computeMonthLines, toStatements } from '../../../../functions/src/core/bonus/statement.ts';
import { bonusRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

/** The worked statement of docs/rules.md: if the rules change, the documentation must change with them. */
describe('the worked statement in docs/rules.md', () => {
  it('gives Anna 7 500.00 ₽ payable, 4 500.00 pending and 1 000.00 cancelled for January 2026', () => {
    const rules = bonusRulesSchema.parse({
      normalRate: 0.05,
      newClientMultiplier: 3,
      retentionMonths: 3,
      attractionBonus: 100_000,
      base: 'profit',
    });
    const clients = [
      { id: 'romashka', managerId: 'anna', attractedBy: 'anna', firstDealAt: '2026-01-12' },
      { id: 'vektor', managerId: 'anna', attractedBy: 'anna', firstDealAt: '2025-10-05' },
      { id: 'almaz', managerId: 'anna', attractedBy: 'anna', firstDealAt: '2025-10-20', lostAt: '2025-12-15' },
      { id: 'sever', managerId: 'anna', attractedBy: 'boris', firstDealAt: '2024-03-01' },
    ];
    const deals = [
      { id: 'd1', clientId: 'romashka', managerId: 'anna', date: '2026-01-12', amount: 20_000_000, profit: 4_000_000, seq: 1 },
      { id: 'd2', clientId: 'romashka', managerId: 'anna', date: '2026-01-25', amount: 10_000_000, profit: 2_000_000, seq: 2 },
      { id: 'd3', clientId: 'vektor', managerId: 'anna', date: '2025-10-05', amount: 15_000_000, profit: 3_000_000, seq: 1 },
      { id: 'd4', clientId: 'almaz', managerId: 'anna', date: '2025-10-20', amount: 5_000_000, profit: 1_000_000, seq: 1 },
      { id: 'd5', clientId: 'sever', managerId: 'anna', date: '2026-01-18', amount: 6_000_000, profit: 1_000_000, seq: 7 },
    ];
    const [anna] = toStatements('2026-01', computeMonthLines({ month: '2026-01', rules, deals, clients }));
    expect(anna!.lines.map((l) => [l.kind, l.clientId, l.rate, l.amount, l.status, l.dueDate])).toEqual([
      ['normal', 'romashka', 0.05, 200_000, 'payable', null],
      ['normal', 'romashka', 0.05, 100_000, 'payable', null],
      ['normal', 'sever', 0.05, 50_000, 'payable', null],
      ['raised', 'romashka', 0.1, 400_000, 'pending', '2026-04-12'],
      ['raised', 'romashka', 0.025, 50_000, 'pending', '2026-04-12'],
      ['raised-release', 'vektor', 0.1, 300_000, 'released', '2026-01-05'],
      ['raised-cancel', 'almaz', 0.1, 100_000, 'cancelled', '2026-01-20'],
      ['attraction', 'romashka', null, 100_000, 'payable', null],
    ]);
    expect(anna!.totals).toEqual({ payable: 750_000, pending: 450_000, cancelled: 100_000, awaiting: 0 });
  });
});
