import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjustmentsForOpenMonth } from '../../../../functions/src/core/bonus/adjustments.ts';
import { addMonthsToMonth } from '../../../../functions/src/core/calendar.ts';
import { computeMonthLines, totalsOf } from '../../../../functions/src/core/bonus/statement.ts';
import type { BonusClient, BonusDeal, StatementLine } from '../../../../functions/src/core/bonus/types.ts';
import { bonusRulesSchema, type BonusRules } from '../../../../functions/src/schema/rules-config.ts';

const managers = ['m1', 'm2', 'm3'];
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

type World = { rules: BonusRules; clients: BonusClient[]; deals: (BonusDeal & { late: number })[] };

const worldArb: fc.Arbitrary<World> = fc
  .record({
    retentionMonths: fc.integer({ min: 0, max: 3 }),
    newClientMultiplier: fc.constantFrom(2, 2.5, 3),
    normalRate: fc.constantFrom(0.05, 0.03, 0.1),
    base: fc.constantFrom('profit' as const, 'amount' as const),
    cohort: fc.boolean(),
    clients: fc.array(
      fc.record({
        attractedBy: fc.option(fc.constantFrom(...managers), { nil: undefined }),
        start: fc.integer({ min: 0, max: 330 }),
        lostAfter: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
        rotatedAfter: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
        deals: fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 40 }),
            profit: fc.integer({ min: -5000, max: 1_000_000 }),
            byOther: fc.boolean(),
            late: fc.integer({ min: 0, max: 2 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ retentionMonths, newClientMultiplier, normalRate, base, cohort, clients }) => {
    const rules = bonusRulesSchema.parse({
      retentionMonths,
      newClientMultiplier,
      normalRate,
      base,
      attractionBonus: 1000,
      ...(cohort
        ? {
            cohortTiers: [
              { minShare: 1, rate: 0.04 },
              { minShare: 0.4, rate: 0.03 },
              { minShare: 0, rate: 0.02 },
            ],
          }
        : {}),
    });
    const outClients: BonusClient[] = [];
    const deals: World['deals'] = [];
    clients.forEach((c, i) => {
      const id = `c${i}`;
      const holder = c.attractedBy ?? 'm1';
      const rotatedOn = c.rotatedAfter === undefined ? undefined : day(c.start + c.rotatedAfter);
      let offset = c.start;
      c.deals.forEach((d, k) => {
        offset += k === 0 ? 0 : d.gap;
        if (offset > 364) return;
        const date = day(offset);
        const by = rotatedOn !== undefined && date >= rotatedOn ? 'm3' : d.byOther ? 'm2' : holder;
        deals.push({
          id: `${id}-d${k}`,
          clientId: id,
          managerId: by,
          date,
          amount: Math.abs(d.profit) * 3,
          profit: d.profit,
          seq: k + 1,
          late: d.late,
        });
      });
      outClients.push({
        id,
        managerId: rotatedOn ? 'm3' : holder,
        firstDealAt: day(c.start),
        ...(c.attractedBy ? { attractedBy: c.attractedBy } : {}),
        ...(c.lostAfter !== undefined ? { lostAt: day(c.start + c.lostAfter) } : {}),
        ...(rotatedOn ? { formerHolders: [{ managerId: holder, until: rotatedOn }] } : {}),
      });
    });
    return { rules, clients: outClients, deals };
  });

const months = Array.from({ length: 18 }, (_, i) => addMonthsToMonth('2026-01', i));
const compute = (w: World, month: string, lateness = Infinity) =>
  computeMonthLines({ month, rules: w.rules, clients: w.clients, deals: w.deals.filter((d) => d.late <= lateness) });
const sumBy = (all: Map<string, StatementLine[]>[]) => {
  const out = new Map<string, ReturnType<typeof totalsOf>>();
  for (const m of all)
    for (const [id, lines] of m) {
      const t = totalsOf(lines);
      const o = out.get(id) ?? { payable: 0, pending: 0, cancelled: 0, awaiting: 0 };
      out.set(id, {
        payable: o.payable + t.payable,
        pending: o.pending + t.pending,
        cancelled: o.cancelled + t.cancelled,
        awaiting: o.awaiting + t.awaiting,
      });
    }
  // A manager whose lines are all zero has nothing to be paid: compare what is owed.
  return Object.fromEntries(
    [...out].filter(([, t]) => t.payable !== 0 || t.pending !== 0 || t.cancelled !== 0).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
};

describe('bonus invariants', () => {
  it('releases or cancels each pending line exactly once, for the same amount', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const lines = months.flatMap((m) => [...compute(w, m).values()].flat());
        const pending = lines.filter((l) => l.status === 'pending');
        const settled = lines.filter((l) => l.kind === 'raised-release' || l.kind === 'raised-cancel');
        expect(settled.length).toBe(pending.length);
        for (const p of pending) {
          const s = settled.filter((l) => l.dealId === p.dealId);
          expect(s).toHaveLength(1);
          expect(s[0]!.amount).toBe(p.amount);
          expect(s[0]!.dueDate).toBe(p.dueDate);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never lets a deal earn two raised rates', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const raised = months.flatMap((m) => [...compute(w, m).values()].flat()).filter((l) => l.kind === 'raised');
        expect(new Set(raised.map((l) => l.dealId)).size).toBe(raised.length);
      }),
      { numRuns: 150 },
    );
  });

  it("sums a manager's year the same whatever order the months are computed in", () => {
    fc.assert(
      fc.property(worldArb, fc.func(fc.integer()), (w, key) => {
        const inOrder = months.map((m) => compute(w, m));
        const shuffled = [...months].sort((a, b) => key(a) - key(b) || (a < b ? -1 : 1)).map((m) => compute(w, m));
        expect(sumBy(shuffled)).toEqual(sumBy(inOrder));
      }),
      { numRuns: 100 },
    );
  });

  it("sums a manager's year the same when late deals arrive after months were closed", () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const year = months.slice(0, 12);
        // The months were computed and closed while the late deals were unknown.
        const closed = year.map((month) => ({ month, stored: compute(w, month, 0) }));
        // A first wave of late deals lands in 2027-01, which then closes too; the rest in 2027-02.
        const jan = new Map<string, StatementLine[]>();
        for (const [id, lines] of compute(w, '2027-01', 1)) jan.set(id, [...lines]);
        for (const [id, lines] of adjustmentsForOpenMonth(closed, (m) => compute(w, m, 1))) jan.set(id, [...(jan.get(id) ?? []), ...lines]);
        const run2 = [...closed, { month: '2027-01', stored: jan }];
        const feb = adjustmentsForOpenMonth(run2, (m) => compute(w, m));
        const febOwn = compute(w, '2027-02');
        const truth = sumBy([...[...year, '2027-01'].map((m) => compute(w, m)), febOwn]);
        const ledger = sumBy([...closed.map((c) => c.stored), jan, feb, febOwn]);
        expect(ledger).toEqual(truth);
      }),
      { numRuns: 100 },
    );
  });
});
