import type { BonusRules } from '../../schema/rules-config.ts';
import { addMonthsToMonth, lastDayOf, monthOf } from '../calendar.ts';
import { applyRate, rateNumber, rateOf, type Rate } from './money.ts';
import { retainedAt } from './retention-gate.ts';
import type { BonusClient, BonusDeal, StatementLine } from './types.ts';

/**
 * MISSION §3.6: which cohort a month judges. A cohort (the clients a manager attracted in month C)
 * is judged at the end of its `retentionMonths`-th calendar month counting month C itself, in that
 * month's statement: with 3 months, the January cohort is judged on 31 March in the March
 * statement ("attracted in month 1 ... in month 3 two of five remain").
 */
export function cohortMonthJudgedIn(month: string, retentionMonths: number): string {
  return addMonthsToMonth(month, -(Math.max(retentionMonths, 1) - 1));
}

/** The tier with the highest `minShare` the share reaches, compared exactly (2 of 5 reaches 0.4). */
export function cohortTier(tiers: BonusRules['cohortTiers'], retained: number, total: number): Rate | undefined {
  let best: { minShare: Rate; rate: Rate } | undefined;
  for (const tier of tiers ?? []) {
    const min = rateOf(tier.minShare);
    if (BigInt(retained) * min.den < min.num * BigInt(total)) continue;
    if (best === undefined || min.num * best.minShare.den > best.minShare.num * min.den) best = { minShare: min, rate: rateOf(tier.rate) };
  }
  return best?.rate;
}

/**
 * The cohort lines of `month`: per attracting manager, the share of the judged cohort not lost by
 * the end of the month picks the tier; the rate applies to the profit of the cohort's deals made by
 * that manager up to the end of the month (a loss never makes the bonus negative).
 */
export function cohortLines(
  month: string,
  rules: BonusRules,
  clients: Iterable<BonusClient>,
  dealsByClient: Map<string, BonusDeal[]>,
): Map<string, StatementLine> {
  const out = new Map<string, StatementLine>();
  if (!rules.cohortTiers || rules.cohortTiers.length === 0) return out;
  const cohortMonth = cohortMonthJudgedIn(month, rules.retentionMonths);
  const end = lastDayOf(month);
  const byManager = new Map<string, BonusClient[]>();
  for (const c of clients) {
    if (c.attractedBy === undefined || c.firstDealAt === null || monthOf(c.firstDealAt) !== cohortMonth) continue;
    byManager.set(c.attractedBy, [...(byManager.get(c.attractedBy) ?? []), c]);
  }
  for (const [managerId, cohort] of byManager) {
    const retained = cohort.filter((c) => retainedAt(c.lostAt, end)).length;
    const rate = cohortTier(rules.cohortTiers, retained, cohort.length);
    if (rate === undefined) continue;
    let profit = 0;
    for (const c of cohort)
      for (const d of dealsByClient.get(c.id) ?? []) if (d.managerId === managerId && monthOf(d.date) <= month) profit += d.profit;
    const id = `cohort:${cohortMonth}`;
    out.set(managerId, {
      id,
      kind: 'cohort',
      clientId: null,
      dealId: null,
      rate: rateNumber(rate),
      amount: applyRate(Math.max(0, profit), rate),
      status: 'payable',
      dueDate: null,
      note: `cohort ${cohortMonth}: ${retained} of ${cohort.length} retained on ${end}; profit ${Math.max(0, profit)}`,
    });
  }
  return out;
}
