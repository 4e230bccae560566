import { describe, expect, it } from 'vitest';
import {
  carriersOf,
  dealCorrection,
  earliestMonthOf,
  importCorrection,
  lostDayCorrection,
  mayHaveEnded,
  planReview,
  reviewFrom,
  touches,
  type ComputedMonth,
  type Correction,
} from '../../../../functions/src/core/bonus/corrections.ts';
import { addMonthsToMonth } from '../../../../functions/src/core/calendar.ts';
import { bonusRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = bonusRulesSchema.parse({ retentionMonths: 3 });
const withCohorts = bonusRulesSchema.parse({ retentionMonths: 3, cohortTiers: [{ minShare: 0, rate: 0.02 }] });

/** Every month from `from` to `to`, closed unless listed as open. */
function months(from: string, to: string, open: string[] = []): ComputedMonth[] {
  const out: ComputedMonth[] = [];
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push({ month: m, closed: !open.includes(m), rules });
  return out;
}

const correction = (extra: Partial<Correction>): Correction => ({
  clientId: 'c1',
  dealMonths: [],
  firstDealMonths: [],
  version: 1,
  ...extra,
});

describe('what a correction touches', () => {
  it('a deal after the first: its month, and the first deal month with its gate (a deal before the gate is held until it)', () => {
    expect(dealCorrection({ firstDealAt: '2025-01-10' }, { date: '2025-01-25' }, ['2025-01-10'])).toEqual({
      since: '2025-01-25',
      dealDates: ['2025-01-25'],
      firstDealDates: ['2025-01-10'],
    });
  });

  it('a deal before the first moves the first deal: every deal of the client, and both first deals', () => {
    expect(dealCorrection({ firstDealAt: '2025-03-01' }, { date: '2024-12-20' }, ['2025-03-01', '2025-05-02'])).toEqual({
      since: '2024-12-20',
      dealDates: ['2024-12-20', '2025-03-01', '2025-05-02'],
      firstDealDates: ['2025-03-01', '2024-12-20'],
    });
  });

  it('a lost day moved: judgements from the earlier day on; nothing for a client without deals or a day unchanged', () => {
    expect(lostDayCorrection('2025-02-10', '2026-07-01', '2025-04-20')).toEqual({
      since: '2025-04-20',
      dealDates: [],
      firstDealDates: ['2025-02-10'],
    });
    expect(lostDayCorrection('2025-02-10', undefined, '2026-07-05')?.since).toBe('2026-07-05');
    expect(lostDayCorrection(null, undefined, '2025-04-20')).toBeUndefined();
    expect(lostDayCorrection('2025-02-10', '2025-04-20', '2025-04-20')).toBeUndefined();
  });

  it('an import: every date the client had and has', () => {
    expect(importCorrection(['2025-03-05', '2025-03-20', '2025-03-05'], ['2025-03-05', null])).toEqual({
      since: '2025-03-05',
      dealDates: ['2025-03-05', '2025-03-20'],
      firstDealDates: ['2025-03-05'],
    });
    expect(importCorrection([], [null])).toBeUndefined();
  });

  it('takes an instant for the earliest month it may fall in anywhere: up to 14 hours behind UTC', () => {
    expect(earliestMonthOf('2025-02-01T03:00:00Z')).toBe('2025-01');
    expect(earliestMonthOf('2025-02-01T15:00:00Z')).toBe('2025-02');
    expect(earliestMonthOf('2025-02-01')).toBe('2025-02');
  });

  it('needs a look at the computed months only for a change dated in a month that may have ended, in any zone', () => {
    expect(mayHaveEnded('2026-07-03', '2026-07-20T10:00:00Z')).toBe(false);
    expect(mayHaveEnded('2026-06-30', '2026-07-01T02:00:00Z')).toBe(true);
    // 20:00 UTC on 30 June is already 1 July east of UTC+4.
    expect(mayHaveEnded('2026-06-30', '2026-06-30T20:00:00Z')).toBe(true);
    expect(mayHaveEnded('2026-06-30', '2026-06-30T08:00:00Z')).toBe(false);
  });

  it('touches the deal months, the attraction month, the gate month under the month’s own rules, and the cohort month', () => {
    const c = correction({ dealMonths: ['2025-01'], firstDealMonths: ['2025-02'] });
    const touched = (r = rules) =>
      months('2024-12', '2025-08')
        .filter((p) => touches(c, p.month, r))
        .map((p) => p.month);
    expect(touched()).toEqual(['2025-01', '2025-02', '2025-05']);
    expect(touched(bonusRulesSchema.parse({ retentionMonths: 5 }))).toEqual(['2025-01', '2025-02', '2025-07']);
    expect(touched(withCohorts)).toEqual(['2025-01', '2025-02', '2025-04', '2025-05']);
  });
});

describe('planReview', () => {
  it('reviews the last year of closed months on every run, and no more without corrections', () => {
    const plan = planReview({ month: '2026-07', lookback: 12, computed: months('2024-01', '2026-06'), corrections: [] });
    expect(plan.reviewed).toEqual(months('2025-07', '2026-06').map((p) => p.month));
  });

  it('adds any older closed month a correction touches, and answers for the correction', () => {
    const c = correction({ dealMonths: ['2025-01'], firstDealMonths: ['2025-01'] });
    const plan = planReview({ month: '2026-07', lookback: 12, computed: months('2024-01', '2026-06'), corrections: [c] });
    expect(plan.reviewed.slice(0, 3)).toEqual(['2025-01', '2025-04', '2025-07']);
    expect(plan.handled).toEqual([c]);
  });

  it('waits while a month between the touched one and the open one is still open: an earlier open month carries it', () => {
    const c = correction({ dealMonths: ['2025-01'], firstDealMonths: ['2025-01'] });
    const plan = planReview({ month: '2026-07', lookback: 12, computed: months('2024-01', '2026-06', ['2025-09']), corrections: [c] });
    expect(plan.reviewed).not.toContain('2025-01');
    expect(plan.handled).toEqual([]);
    // From September's own computation, January and April 2025 are in its run of closed months.
    const september = planReview({ month: '2025-09', lookback: 12, computed: months('2024-01', '2026-06', ['2025-09']), corrections: [c] });
    expect(september.reviewed).toContain('2025-01');
    expect(september.handled).toEqual([c]);
  });

  it('waits for a touched month computed after the open one (months closed out of order)', () => {
    const c = correction({ dealMonths: ['2026-03'], firstDealMonths: ['2025-11'] });
    const plan = planReview({ month: '2026-01', lookback: 12, computed: months('2025-01', '2026-04', ['2026-01']), corrections: [c] });
    expect(plan.handled).toEqual([]);
  });

  it('answers at once for a correction that touches nothing computed', () => {
    const c = correction({ dealMonths: ['2019-05'], firstDealMonths: ['2019-05'] });
    const plan = planReview({ month: '2026-07', lookback: 12, computed: months('2024-01', '2026-06'), corrections: [c] });
    expect(plan.handled).toEqual([c]);
    expect(plan.reviewed).toHaveLength(12);
  });

  it('settles a correction once the month that carried it is closed, unless it was marked again since', () => {
    const carried = correction({ dealMonths: ['2025-01'], handledBy: '2026-07', handledVersion: 1 });
    const computed = months('2024-01', '2026-07');
    expect(planReview({ month: '2026-08', lookback: 12, computed, corrections: [carried] })).toMatchObject({
      settled: [carried],
      handled: [],
    });
    const markedAgain = { ...carried, version: 2 };
    const plan = planReview({ month: '2026-08', lookback: 12, computed, corrections: [markedAgain] });
    expect(plan).toMatchObject({ settled: [], handled: [markedAgain] });
    expect(plan.reviewed[0]).toBe('2025-01');
    // The carrier still open (recomputed): not settled, reviewed again.
    const open = planReview({ month: '2026-07', lookback: 12, computed: months('2024-01', '2026-06'), corrections: [carried] });
    expect(open).toMatchObject({ settled: [], handled: [carried] });
  });

  it('starts reading month records at the oldest month a correction names', () => {
    const c = correction({ dealMonths: ['2024-02'], handledBy: '2023-11', handledVersion: 0 });
    expect(reviewFrom('2026-07', 12, [])).toBe('2025-07');
    expect(reviewFrom('2026-07', 12, [c])).toBe('2023-11');
  });
});

describe('carriersOf', () => {
  it('reads only the statements that carry adjustments for a reviewed month; all of a month recorded before managers were listed', () => {
    const carriers = carriersOf(
      ['2025-01', '2025-07'],
      [
        { month: '2025-02', adjustedMonths: ['2025-01'], adjustmentManagers: { '2025-01': ['m2'] } },
        { month: '2025-03', adjustedMonths: ['2025-01', '2025-02'], adjustmentManagers: {} },
        { month: '2025-04', adjustedMonths: ['2025-01', '2025-03'] },
        { month: '2025-07', adjustedMonths: ['2025-01'], adjustmentManagers: { '2025-01': ['m1'] } },
        { month: '2025-08', adjustedMonths: ['2025-07'], adjustmentManagers: { '2025-07': ['m3'], '2025-01': ['m1'] } },
      ],
    );
    expect([...carriers]).toEqual([
      ['2025-02', ['m2']],
      ['2025-04', 'all'],
      ['2025-08', ['m1', 'm3']],
    ]);
  });
});
