import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { adjustmentsForOpenMonth } from '../core/bonus/adjustments.ts';
import { disputeAdjustments } from '../core/bonus/disputes.ts';
import { carriersOf, planReview, reviewFrom, type ReviewPlan } from '../core/bonus/corrections.ts';
import { computeMonthLines, monthReport, toStatements, withAdjustments } from '../core/bonus/statement.ts';
import type { MonthReport, StatementLine } from '../core/bonus/types.ts';
import { addMonthsToMonth, companyDay, companyMonth, monthOf, monthRange } from '../core/calendar.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import type { ScheduledJob } from '../http/scheduled-job.ts';
import { isoDateSchema, monthSchema } from '../schema/common.ts';
import { loadMonth } from '../store/bonus-input-store.ts';
import {
  adjustmentLookbackMonths,
  claimMonth,
  closeMonth,
  keepMonthLease,
  readMonthRecords,
  readMonthState,
  recordBonusRun,
  rulesOfMonths,
  rulesOfVersion,
  type MonthRecord,
  type MonthRules,
  type RulesCache,
} from '../store/bonus-month-store.ts';
import { readStatements, readStatementsOf, writeStatements } from '../store/bonus-statement-store.ts';
import { readCorrections, settleCorrections, type ReadCorrection } from '../store/bonus-correction-store.ts';
import { claimDisputesFor } from '../store/dispute-store.ts';
import { readRules } from '../store/rules-store.ts';
import { takenOver } from '../store/run-lease.ts';

export type { MonthReport, Statement, StatementLine } from '../core/bonus/types.ts';
export type { StoredStatement } from '../store/bonus-statement-store.ts';

const monthInput = z.object({ month: monthSchema, by: z.string().min(1), at: isoDateSchema });

/**
 * Computes a month's statements and stores them, one per manager. Idempotent: the lines are a pure
 * function of the data, with deterministic ids, and the month's previous statements are replaced
 * whole. A closed month is never rewritten: it is returned as stored. Corrections to the closed
 * months before this one (the last year of them, and older ones a correction marked) are added here
 * as adjustment lines.
 */
export async function computeBonusMonth(
  db: Firestore,
  input: { month: string; by: string; at: string },
  options: { now?: () => Date } = {},
): Promise<MonthReport> {
  const { month, by, at } = parseOrThrow(monthInput, input, 'bonus month');
  const runId = `${month}_${at.replace(/[^0-9]/g, '').slice(0, 17)}_${randomUUID().slice(0, 8)}`;
  const clock = () => (options.now?.() ?? new Date()).getTime();
  const claim = await claimMonth(db, month, runId, at, clock);
  if (claim.status === 'closed') return monthReport(month, true, await readStatements(db, month));
  if (claim.status === 'done')
    return {
      ...monthReport(month, false, await readStatements(db, month)),
      alreadyApplied: true,
      appliedAt: claim.appliedAt,
      appliedBy: claim.appliedBy,
    };
  const lease = keepMonthLease(db, month, runId, clock);
  let finished = false;
  try {
    const report = await computeClaimed(db, { month, by, at, runId }, lease.lost);
    finished = true;
    return report;
  } finally {
    // A run that failed in a live process lets the next one take over at once; the month stays
    // marked as being computed, so it cannot be closed half-written.
    await lease.stop(!finished);
  }
}

async function computeClaimed(
  db: Firestore,
  { month, by, at, runId }: { month: string; by: string; at: string; runId: string },
  lost: () => boolean,
): Promise<MonthReport> {
  const started = Date.now();
  const { version: rulesVersion, rules } = await readRules(db);
  const current: MonthRules = { bonus: rules.bonus, timeZone: rules.timeZone };
  const cache: RulesCache = new Map([[rulesVersion, Promise.resolve(current)]]);
  // Corrections are read before any data: one made while this run reads is left for the next.
  const review = await planCorrections(db, month, current, cache);
  const lines = await monthLines(db, month, current, cache);
  const computed = Date.now();
  const adjustedMonths = review.plan.reviewed;
  const corrected = withAdjustments(lines, await adjustmentsFor(db, month, review, current, cache));
  // Accepted disputes of earlier months are paid here, as adjustment lines naming the dispute.
  const statements = toStatements(month, withAdjustments(corrected, disputeAdjustments(await claimDisputesFor(db, month))));
  const adjusted = Date.now();
  if (lost()) throw takenOver(`the bonus month ${month}`);
  await writeStatements(db, month, statements, { computedAt: at, computedBy: by, runId, rulesVersion });
  const written = Date.now();
  const millis = { month: computed - started, adjustments: adjusted - computed, write: written - adjusted, total: Date.now() - started };
  await recordBonusRun(db, { runId, month, at, by, rulesVersion, adjustedMonths, statements, millis });
  await settleCorrections(db, month, review.plan);
  return monthReport(month, false, statements);
}

type Review = { plan: ReviewPlan & { handled: ReadCorrection[]; settled: ReadCorrection[] }; records: MonthRecord[] };

/** The closed months to review for `month`, from the month records and the open corrections (see `planReview`). */
async function planCorrections(db: Firestore, month: string, current: MonthRules, cache: RulesCache): Promise<Review> {
  const corrections = await readCorrections(db, current.timeZone);
  const records = (await readMonthRecords(db, reviewFrom(month, adjustmentLookbackMonths, corrections))).filter((r) => r.month !== month);
  const computed = await Promise.all(
    records.map(async (r) => ({
      month: r.month,
      closed: r.closed,
      rules: (r.rulesVersion === undefined ? current : await rulesOfVersion(db, r.rulesVersion, cache)).bonus,
    })),
  );
  const plan = planReview({ month, lookback: adjustmentLookbackMonths, computed, corrections });
  return { plan: { ...plan, handled: plan.handled as ReadCorrection[], settled: plan.settled as ReadCorrection[] }, records };
}

/** One month's lines from the data as it stands, under the given rules and in their time zone. */
async function monthLines(db: Firestore, month: string, monthRules: MonthRules, cache: RulesCache): Promise<Map<string, StatementLine[]>> {
  const { deals, clients } = await loadMonth(db, month, monthRules.bonus, monthRules.timeZone);
  // A held part is released at the rate it was earned under: the rules its month was computed with.
  const earlier = [...new Set(deals.map((d) => monthOf(d.date)).filter((m) => m < month))].sort();
  const rulesByMonth = new Map([...(await rulesOfMonths(db, earlier, cache))].map(([m, r]) => [m, r.bonus]));
  return computeMonthLines({ month, rules: monthRules.bonus, deals, clients, rulesByMonth });
}

/**
 * The adjustment lines for the closed months reviewed. A closed month is recomputed under the rules
 * it was closed with: a later change of rates applies from the month it was made in, it does not
 * rewrite closed months as adjustments. What earlier adjustments already paid for a reviewed month
 * is read from the closed statements that carry them, and only those.
 */
async function adjustmentsFor(
  db: Firestore,
  month: string,
  review: Review,
  current: MonthRules,
  cache: RulesCache,
): Promise<Map<string, StatementLine[]>> {
  const closedMonths = review.plan.reviewed;
  if (closedMonths.length === 0) return new Map();
  const between = review.records.filter((r) => r.closed && r.month > closedMonths[0]! && r.month < month);
  const carriers = [...carriersOf(closedMonths, between)];
  const stored = async (m: string, managers: string[] | 'all') =>
    managers === 'all' ? readStatements(db, m) : readStatementsOf(db, m, managers);
  const closed = await Promise.all(
    [...closedMonths.map((m) => [m, 'all'] as const), ...carriers].map(async ([m, managers]) => ({
      month: m,
      stored: new Map((await stored(m, managers)).map((s) => [s.managerId, s.lines])),
    })),
  );
  const versions = new Map(review.records.map((r) => [r.month, r.rulesVersion]));
  const fresh = new Map<string, Map<string, StatementLine[]>>();
  for (const m of closedMonths) {
    const version = versions.get(m);
    fresh.set(m, await monthLines(db, m, version === undefined ? current : await rulesOfVersion(db, version, cache), cache));
  }
  return adjustmentsForOpenMonth(closed, (m) => fresh.get(m)!, new Set(closedMonths));
}

/**
 * Closes a month (admin): its statements never change again. Computes it first if it never was;
 * refuses a month that has not ended yet in the company's time zone, or one being computed right
 * now (a half-written month must not be frozen).
 */
export async function closeBonusMonth(
  db: Firestore,
  input: { month: string; by: string; at: string },
): Promise<{ month: string; closed: true }> {
  const { month, by, at } = parseOrThrow(monthInput, input, 'bonus month');
  const { rules } = await readRules(db);
  const { until } = monthRange(month);
  if (until > companyDay(at, rules.timeZone)) {
    throw new AppError('conflict', `${month} has not ended yet in ${rules.timeZone}; it can be closed from ${until}`, {
      issues: [{ path: 'month', message: 'has not ended yet' }],
    });
  }
  const state = await readMonthState(db, month);
  if (state.closed) return { month, closed: true };
  if (!state.computed) await computeBonusMonth(db, { month, by, at });
  await closeMonth(db, month, { at, by });
  return { month, closed: true };
}

/** Cloud Scheduler, 05:00 on the 1st: computes the month that has just ended where the company works. */
export const bonusScheduledJob: ScheduledJob<MonthReport> = async ({ db, scheduleTime, caller, now }) => {
  const { rules } = await readRules(db);
  const month = addMonthsToMonth(companyMonth(scheduleTime, rules.timeZone), -1);
  return computeBonusMonth(db, { month, by: caller === 'local' ? 'scheduler' : caller, at: scheduleTime }, { now });
};
