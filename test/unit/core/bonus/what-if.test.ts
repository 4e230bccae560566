import { describe, expect, it } from 'vitest';
import { computeStatements, computeMonthLines } from '../../../../functions/src/core/bonus/statement.ts';
import { whatIf } from '../../../../functions/src/core/bonus/what-if.ts';
import type { StatementLine } from '../../../../functions/src/core/bonus/types.ts';
import { bonusRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = (normalRate: number) => bonusRulesSchema.parse({ normalRate, newClientMultiplier: 2 });
const input = (normalRate: number) => ({
  month: '2026-10',
  rules: rules(normalRate),
  clients: [{ id: 'c1', managerId: 'm1', firstDealAt: '2025-01-10' }],
  deals: [{ id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-10-05', amount: 100_000, profit: 40_000, seq: 5 }],
});
const adjustment: StatementLine = {
  id: 'adjustment:2026-09:normal:d0:payable',
  kind: 'adjustment',
  clientId: 'c1',
  dealId: 'd0',
  rate: 0.05,
  amount: 700,
  status: 'payable',
  dueDate: null,
  note: 'correction',
  ofMonth: '2026-09',
  ref: 'normal:d0',
};

describe('what edited rules would have paid', () => {
  it('differs by nothing under the same rules, keeping the adjustments a month carried', () => {
    const [stored] = computeStatements(input(0.05));
    const closed = {
      ...stored!,
      lines: [...stored!.lines, adjustment],
      totals: { ...stored!.totals, payable: stored!.totals.payable + 700 },
    };
    const answer = whatIf([{ month: '2026-10', stored: [closed], fresh: computeMonthLines(input(0.05)) }], new Map([['m1', 'Anna']]));
    expect(answer).toEqual({
      months: ['2026-10'],
      managers: [{ managerId: 'm1', name: 'Anna', months: [{ month: '2026-10', paid: 2_700, wouldBe: 2_700 }] }],
      totalDifference: 0,
    });
  });

  it('shows the exact difference of a raised normal rate, and a manager the old rules did not pay', () => {
    const stored = computeStatements(input(0.05));
    const answer = whatIf([{ month: '2026-10', stored, fresh: computeMonthLines(input(0.07)) }], new Map());
    expect(answer.managers[0]!.months).toEqual([{ month: '2026-10', paid: 2_000, wouldBe: 2_800 }]);
    expect(answer.totalDifference).toBe(800);
    const none = whatIf([{ month: '2026-10', stored: [], fresh: computeMonthLines(input(0.07)) }], new Map());
    expect(none.managers).toEqual([{ managerId: 'm1', name: null, months: [{ month: '2026-10', paid: 0, wouldBe: 2_800 }] }]);
  });
});
