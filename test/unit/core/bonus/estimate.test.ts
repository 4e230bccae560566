import { describe, expect, it } from 'vitest';
import { dealEstimate } from '../../../../functions/src/core/bonus/estimate.ts';
import { computeStatements } from '../../../../functions/src/core/bonus/statement.ts';
import type { BonusClient } from '../../../../functions/src/core/bonus/types.ts';
import { bonusRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = bonusRulesSchema.parse({
  normalRate: 0.05,
  newClientMultiplier: 2,
  attractionBonus: 10_000,
  attractionTiers: [{ minClients: 2, amount: 30_000 }],
});
const fresh = (id: string): BonusClient => ({ id, managerId: 'm1', attractedBy: 'm1', firstDealAt: null });
const deal = { id: 'estimate', clientId: 'c2', managerId: 'm1', date: '2026-12-07', amount: 100_000, profit: 40_000, seq: 1 };
const earlier = { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-12-02', amount: 100_000, profit: 40_000, seq: 1 };

describe('the estimate of a deal', () => {
  it('is what the statement with the deal adds to the one without it, a tier reached included', () => {
    const month = { month: '2026-12', rules, deals: [earlier], clients: [{ ...fresh('c1'), firstDealAt: '2026-12-02' }] };
    const estimate = dealEstimate(month, fresh('c2'), deal, true);
    expect(estimate.lines.map((l) => [l.id, l.status, l.amount])).toEqual([
      ['normal:estimate', 'payable', 2_000],
      ['raised:estimate', 'pending', 2_000],
      ['attraction:c1', 'payable', 20_000],
      ['attraction:c2', 'payable', 30_000],
    ]);
    expect(estimate).toMatchObject({ month: '2026-12', awaitsConfirmation: true, totals: { payable: 52_000, pending: 2_000 } });
    const [withDeal] = computeStatements({
      ...month,
      deals: [earlier, deal],
      clients: [...month.clients, { ...fresh('c2'), firstDealAt: '2026-12-07' }],
    });
    const [without] = computeStatements(month);
    expect(estimate.totals.payable).toBe(withDeal!.totals.payable - without!.totals.payable);
  });

  it('refuses nothing and adds only the normal line for a loss-making deal beyond the raised ones', () => {
    const month = { month: '2026-12', rules, deals: [], clients: [] };
    const lines = dealEstimate(month, { ...fresh('c2'), firstDealAt: '2025-01-01' }, { ...deal, profit: -500, seq: 4 }, false).lines;
    expect(lines).toEqual([expect.objectContaining({ id: 'normal:estimate', amount: 0, status: 'payable' })]);
  });
});
