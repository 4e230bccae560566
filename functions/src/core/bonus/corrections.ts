import type { BonusRules } from '../../schema/rules-config.ts';
import { addMonthsToMonth, monthOf } from '../calendar.ts';
import { cohortMonthJudgedIn } from './cohort.ts';
import { retentionFrom } from './deal-of-record.ts';

/**
 * MISSION §3.7 for corrections of any age. A write that changes what an already computed month was
 * computed from (a deal dated in the past, a lost day moved back, an import rewriting a client's
 * deals) leaves a correction on the client saying which of its dates changed; the bonus job reviews
 * the closed months those dates lead to, however old, and pays or takes back the difference as
 * adjustment lines in the next open month. The month is found from the dates and the rules the
 * month was computed under, since how far a retention gate lies from a first deal is a setting.
 */
export type CorrectionFacts = {
  /** The earliest date the change can matter from: no month before it is touched. */
  since: string;
  /** Dates of deals recorded, changed or renumbered: their months' normal and raised lines. */
  dealDates: string[];
  /** The client's first-deal dates before and after: attraction, retention gate and cohort months. */
  firstDealDates: string[];
};

/** A correction as the job reads it, its dates already company months. */
export type Correction = {
  clientId: string;
  dealMonths: string[];
  firstDealMonths: string[];
  /** Bumped by every write that marks the client: a review settles the version it saw, never a later one. */
  version: number;
  /** The open month whose statements carry the adjustments, once computed, and the version it saw. */
  handledBy?: string;
  handledVersion?: number;
};

const dayMs = 86_400_000;

/**
 * The earliest month `date` can fall in where the company works, without knowing the zone: an
 * instant may be up to 14 hours behind in the company's calendar (UTC-12 is the westernmost zone).
 */
export function earliestMonthOf(date: string): string {
  return date.length <= 10 ? monthOf(date) : monthOf(new Date(Date.parse(date) - (14 * dayMs) / 24).toISOString());
}

/**
 * Whether a month that `since` may fall in can have ended by the instant `at`, in any zone (up to
 * 14 hours ahead of UTC): only then can it have been closed, and a correction from it be one.
 */
export function mayHaveEnded(since: string, at: string): boolean {
  return earliestMonthOf(since) < monthOf(new Date(Date.parse(at) + (14 * dayMs) / 24).toISOString());
}

const present = (dates: Array<string | null | undefined>) => [...new Set(dates.filter((d): d is string => typeof d === 'string'))];
const earliest = (dates: string[]) => dates.reduce((a, b) => (earliestMonthOf(b) < earliestMonthOf(a) ? b : a));

/**
 * A deal recorded, confirmed or rejected on a client. A counted deal before the client's first one
 * moves its first deal, and with it the gate and the held-or-payable state of every raised part:
 * then all its deals are corrected. The gate counts from the later of the first deal and the
 * client's creation, so that day's months are reviewed too. A deal that does not count (awaiting
 * confirmation, rejected) changes only its own month's lines.
 */
export function dealCorrection(
  client: { firstDealAt: string | null; createdAt?: string | undefined },
  deal: { date: string },
  otherDealDates: ReadonlyArray<string> = [],
  counts = true,
): CorrectionFacts {
  if (!counts) return { since: deal.date, dealDates: [deal.date], firstDealDates: present([client.firstDealAt]) };
  const first = client.firstDealAt === null || deal.date < client.firstDealAt ? deal.date : client.firstDealAt;
  const gateFrom = retentionFrom({ firstDealAt: first, createdAt: client.createdAt });
  const firstDealDates = present([client.firstDealAt, first, gateFrom]);
  const dealDates = present([deal.date, ...(first !== client.firstDealAt ? otherDealDates : [])]);
  return { since: deal.date, dealDates, firstDealDates };
}

/**
 * A client's lost day set, moved or cleared: whether it was retained on its gate day, and at its
 * cohort's judgement, may change for any judgement from the earlier of the two days on. A client
 * without deals earns nothing either way.
 */
export function lostDayCorrection(firstDealAt: string | null, before?: string, after?: string): CorrectionFacts | undefined {
  if (firstDealAt === null || before === after) return undefined;
  const days = present([before, after]);
  return { since: earliest(days), dealDates: [], firstDealDates: [firstDealAt] };
}

/** An import that rewrote a client's deals or the facts bonuses read of it: everything it had and has is corrected. */
export function importCorrection(
  dealDates: ReadonlyArray<string>,
  firstDealDates: ReadonlyArray<string | null>,
): CorrectionFacts | undefined {
  const deals = present([...dealDates]);
  const firsts = present([...firstDealDates]);
  const all = [...deals, ...firsts];
  return all.length === 0 ? undefined : { since: earliest(all), dealDates: deals, firstDealDates: firsts };
}

/** The months a correction's dates fall in: the earliest it can touch. */
export function firstMonthOf(correction: Pick<Correction, 'dealMonths' | 'firstDealMonths'>): string | undefined {
  const months = [...correction.dealMonths, ...correction.firstDealMonths].sort();
  return months[0];
}

/**
 * Whether computing `month` under `rules` reads what the correction changed: deals dated in it, a
 * client attracted in it, a retention gate falling in it, or a cohort judged in it.
 */
export function touches(correction: Pick<Correction, 'dealMonths' | 'firstDealMonths'>, month: string, rules: BonusRules): boolean {
  const firsts = correction.firstDealMonths;
  if (correction.dealMonths.includes(month) || firsts.includes(month)) return true;
  if (firsts.includes(addMonthsToMonth(month, -rules.retentionMonths))) return true;
  return (rules.cohortTiers?.length ?? 0) > 0 && firsts.includes(cohortMonthJudgedIn(month, rules.retentionMonths));
}

/** A month that was computed, as its `bonusMonths` record stands. */
export type ComputedMonth = { month: string; closed: boolean; rules: BonusRules };

export type ReviewPlan = {
  /** The closed months to recompute for adjustments, oldest first. */
  reviewed: string[];
  /** Corrections this computation answers for in full: every other computed month they touch is reviewed. */
  handled: Correction[];
  /** Corrections whose adjustments a closed month already carries: done with. */
  settled: Correction[];
};

/** The earliest month the review of these corrections must know the record of. */
export function reviewFrom(month: string, lookback: number, corrections: ReadonlyArray<Correction>): string {
  let from = addMonthsToMonth(month, -lookback);
  for (const c of corrections) for (const m of [firstMonthOf(c), c.handledBy]) if (m !== undefined && m < from) from = m;
  return from;
}

/**
 * Which closed months the computation of open month `month` reviews: the unbroken run of closed
 * months just before it, up to `lookback` of them on every run (a safety net for changes that mark
 * nothing), and any older month of that run a correction touches. A correction's adjustments go to
 * the first open month after the months it touches: while a touched month is not in that run (a
 * month in between is still open, or it comes after `month`), the correction waits for a later
 * computation. A month never computed needs no adjustment: it will be computed from today's data.
 */
export function planReview(input: {
  month: string;
  lookback: number;
  /** Every computed month from `reviewFrom(...)` on. */
  computed: ReadonlyArray<ComputedMonth>;
  corrections: ReadonlyArray<Correction>;
}): ReviewPlan {
  const byMonth = new Map(input.computed.map((p) => [p.month, p]));
  const run = new Set<string>();
  for (let m = addMonthsToMonth(input.month, -1); byMonth.get(m)?.closed === true; m = addMonthsToMonth(m, -1)) run.add(m);
  const windowStart = addMonthsToMonth(input.month, -input.lookback);
  const reviewed = new Set([...run].filter((m) => m >= windowStart));
  const handled: Correction[] = [];
  const settled: Correction[] = [];
  for (const c of input.corrections) {
    const carrier = c.handledBy === undefined ? undefined : byMonth.get(c.handledBy);
    if (carrier?.closed === true && c.handledBy! < input.month && c.handledVersion === c.version) {
      settled.push(c);
      continue;
    }
    const from = firstMonthOf(c) ?? input.month;
    const touched = input.computed.filter((p) => p.month >= from && p.month !== input.month && touches(c, p.month, p.rules));
    if (touched.some((p) => !run.has(p.month))) continue;
    for (const p of touched) reviewed.add(p.month);
    handled.push(c);
  }
  return { reviewed: [...reviewed].sort(), handled, settled };
}

/** A month's record of the adjustments its statements carry: closed month → managers with such lines. */
export type CarriedRecord = { month: string; adjustedMonths?: string[]; adjustmentManagers?: Record<string, string[]> };

/**
 * The statements that carry adjustments to the reviewed months besides the reviewed months' own:
 * for each closed month between a reviewed month and the open one, the managers whose statement
 * has adjustment lines for it (`all` for a month recorded before managers were listed).
 */
export function carriersOf(reviewed: ReadonlyArray<string>, between: ReadonlyArray<CarriedRecord>): Map<string, string[] | 'all'> {
  const out = new Map<string, string[] | 'all'>();
  const isReviewed = new Set(reviewed);
  for (const record of between) {
    if (isReviewed.has(record.month)) continue;
    for (const k of reviewed) {
      if (k >= record.month) continue;
      const managers = record.adjustmentManagers ? (record.adjustmentManagers[k] ?? []) : record.adjustedMonths?.includes(k) ? 'all' : [];
      const had = out.get(record.month) ?? [];
      if (managers === 'all' || had === 'all') out.set(record.month, 'all');
      else if (managers.length > 0) out.set(record.month, [...new Set([...had, ...managers])].sort());
    }
  }
  return out;
}
