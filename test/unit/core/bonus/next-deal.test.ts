import { describe, expect, it } from 'vitest';
import { nextDealOf, type NextDealClient } from '../../../../functions/src/core/bonus/next-deal.ts';
import { raisedTermsOrWhy } from '../../../../functions/src/core/bonus/raised-terms.ts';
import { rateNumber } from '../../../../functions/src/core/bonus/money.ts';
import { computeStatements } from '../../../../functions/src/core/bonus/statement.ts';
import { bonusRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = (r: Record<string, unknown> = {}) =>
  bonusRulesSchema.parse({ normalRate: 0.05, newClientMultiplier: 3, retentionMonths: 3, attractionBonus: 50_000, ...r });
const client = (extra: Partial<NextDealClient> = {}): NextDealClient => ({
  id: 'c1',
  managerId: 'm1',
  attractedBy: 'm1',
  firstDealAt: null,
  dealCount: 0,
  ...extra,
});
const today = '2026-12-07';

describe('the next deal a client would make', () => {
  it('earns a new client its first-deal rate, held until the gate, and the attraction bonus', () => {
    expect(nextDealOf(client(), rules(), { managerId: 'm1', today })).toEqual({
      rate: 0.15,
      normalRate: 0.05,
      raisedPart: 'pending-until 2027-03-07',
      attraction: 50_000,
      why: expect.stringContaining('held until the retention gate 2027-03-07 if kept'),
    });
  });

  it('pays the raised part at once after the gate, and halves it on the second deal', () => {
    const after = client({ firstDealAt: '2026-08-01', dealCount: 1 });
    expect(nextDealOf(after, rules(), { managerId: 'm1', today })).toMatchObject({ rate: 0.075, raisedPart: 'payable', attraction: 0 });
  });

  it('earns only the normal rate outside the campaign window, for another manager, or past the raised deals', () => {
    const outside = rules({ campaign: { from: '2026-01-01', to: '2026-06-30' } });
    const first = client({ firstDealAt: '2026-11-01', dealCount: 1 });
    expect(nextDealOf(first, outside, { managerId: 'm1', today })).toMatchObject({ rate: 0.05, raisedPart: 'none' });
    expect(nextDealOf(first, outside, { managerId: 'm1', today }).why).toContain('outside the campaign window');
    expect(nextDealOf(client(), rules(), { managerId: 'm2', today })).toMatchObject({ rate: 0.05, raisedPart: 'none', attraction: 0 });
    expect(nextDealOf(client({ firstDealAt: '2026-11-01', dealCount: 2 }), rules(), { managerId: 'm1', today })).toMatchObject({
      rate: 0.05,
      raisedPart: 'none',
    });
  });

  it('earns a company without INN nothing above normal, and a lost client nothing', () => {
    const noInn = nextDealOf(client({ kind: 'company' }), rules(), { managerId: 'm1', today });
    expect(noInn).toMatchObject({ rate: 0.05, raisedPart: 'none', attraction: 0 });
    expect(noInn.why).toContain('add the INN');
    expect(nextDealOf(client({ lostAt: '2026-11-30' }), rules(), { managerId: 'm1', today })).toMatchObject({ rate: 0, attraction: 0 });
  });

  it('agrees with the statement the job computes for that deal', () => {
    const cases: Array<[NextDealClient, Record<string, unknown>]> = [
      [client(), {}],
      [client({ firstDealAt: '2026-11-20', dealCount: 1 }), {}],
      [client({ firstDealAt: '2026-05-02', dealCount: 1 }), {}],
      [client({ firstDealAt: '2026-11-20', dealCount: 1 }), { campaign: { from: '2026-01-01', to: '2026-03-31' } }],
      [client({ formerHolders: [{ managerId: 'm1', until: '2026-10-01' }], firstDealAt: '2026-09-01', dealCount: 1 }), {}],
    ];
    for (const [c, r] of cases) {
      const next = nextDealOf(c, rules(r), { managerId: 'm1', today });
      const deal = { id: 'd', clientId: 'c1', managerId: 'm1', date: today, amount: 100_000, profit: 40_000, seq: c.dealCount + 1 };
      const [statement] = computeStatements({
        month: '2026-12',
        rules: rules(r),
        deals: [deal],
        clients: [{ ...c, firstDealAt: c.firstDealAt ?? today }],
      });
      const raised = statement!.lines.find((l) => l.id === 'raised:d');
      expect(next.rate).toBeCloseTo(0.05 + (raised?.rate ?? 0), 9);
      const expected = raised === undefined ? 'none' : raised.status === 'pending' ? `pending-until ${raised.dueDate}` : 'payable';
      expect(next.raisedPart).toBe(expected);
      expect(next.attraction).toBe(statement!.lines.find((l) => l.id === 'attraction:c1')?.amount ?? 0);
    }
  });
});

describe('the raised terms of a deal', () => {
  it('names why a deal earns only the normal rate', () => {
    const r = rules();
    const deal = { managerId: 'm1', date: today, seq: 1 };
    expect(raisedTermsOrWhy(deal, client({ attractedBy: undefined, firstDealAt: today }), r)).toBe('no-attractor');
    expect(raisedTermsOrWhy({ ...deal, managerId: 'm2' }, client({ firstDealAt: today }), r)).toBe('not-the-attractor');
    expect(raisedTermsOrWhy({ ...deal, seq: 3 }, client({ firstDealAt: today }), r)).toBe('past-raised-deals');
    expect(raisedTermsOrWhy(deal, client({ firstDealAt: today, formerHolders: [{ managerId: 'm1', until: '2026-12-01' }] }), r)).toBe(
      'rotated-away',
    );
    const terms = raisedTermsOrWhy(deal, client({ firstDealAt: today }), r);
    expect(typeof terms === 'object' && { rate: rateNumber(terms.rate), extra: rateNumber(terms.extra), gate: terms.gate }).toEqual({
      rate: 0.15,
      extra: 0.1,
      gate: '2027-03-07',
    });
  });
});
