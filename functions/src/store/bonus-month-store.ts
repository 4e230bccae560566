import type { Firestore } from 'firebase-admin/firestore';
import type { Statement } from '../core/bonus/types.ts';
import { AppError } from '../errors.ts';
import type { BonusRules } from '../schema/rules-config.ts';
import { writeAudit } from './audit-store.ts';
import { statementRefsOf } from './bonus-statement-store.ts';
import { collections } from './collections.ts';
import { readRulesVersion } from './rules-store.ts';
import { alreadyRunning, heldByAnother, keepLease, runLeaseMs, type LeaseFields, type LeaseKeeper } from './run-lease.ts';

// `bonusMonths/{YYYY-MM}` and `bonusRuns/{runId}`: a month's claim, the rules it was computed under,
// its closing, and the record of each run.

/** The bonus rules of a published version, and the time zone whose calendar they were applied in. */
export type MonthRules = { bonus: BonusRules; timeZone: string };

/**
 * Closed months this far back are reviewed for corrections on every run, marked or not: a cheap
 * safety net for changes that leave no mark (a rotation backdated into a closed month). Older ones
 * are reviewed when a correction touches them (see `core/bonus/corrections.ts`).
 */
export const adjustmentLookbackMonths = 12;

const monthRef = (db: Firestore, month: string) => db.collection(collections.bonusMonths).doc(month);

const leaseFields: LeaseFields = { owner: 'computing', until: 'computingUntil' };

/** What claiming a month found: claimed for this run, closed, or already computed for this very instant (a repeated delivery). */
export type MonthClaim = { status: 'claimed' } | { status: 'closed' } | { status: 'done'; appliedAt: string; appliedBy: string };

/**
 * Claims a month for computing (`computing: runId`, with a lease: see `run-lease.ts`), unless it is
 * closed, or was last computed for the same instant `at` (the scheduler delivering its slot again):
 * then nothing is written. A month another live run is computing is refused; one a dead run left
 * claimed is taken over once its lease has run out (its statements are rewritten whole).
 */
export async function claimMonth(
  db: Firestore,
  month: string,
  runId: string,
  at: string,
  clock: () => number = Date.now,
): Promise<MonthClaim> {
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(monthRef(db, month));
    if (snap.get('closed') === true) return { status: 'closed' };
    const now = clock();
    const held = heldByAnother(snap.data(), leaseFields, runId, now);
    if (held !== undefined) throw alreadyRunning(`the bonus month ${month}`, held);
    if (!snap.get('computing') && snap.get('computedAt') === at)
      return {
        status: 'done',
        appliedAt: (snap.get('finishedAt') as string | undefined) ?? at,
        appliedBy: snap.get('computedBy') as string,
      };
    tx.set(
      monthRef(db, month),
      { month, closed: false, computing: runId, computingSince: at, computingUntil: now + runLeaseMs },
      { merge: true },
    );
    return { status: 'claimed' };
  });
}

/** Keeps a claimed month's lease alive while its run computes and writes. */
export function keepMonthLease(db: Firestore, month: string, runId: string, clock: () => number): LeaseKeeper {
  return keepLease(db, monthRef(db, month), leaseFields, runId, clock);
}

/** Published rules by version, each read once per run (0: the defaults). */
export type RulesCache = Map<number, Promise<MonthRules>>;

export function rulesOfVersion(db: Firestore, version: number, cache: RulesCache): Promise<MonthRules> {
  let found = cache.get(version);
  if (found === undefined) {
    found = (async () => {
      const published = await readRulesVersion(db, version);
      if (published === undefined) throw new AppError('internal', `rules version ${version} is missing from config/rules/versions`);
      return { bonus: published.rules.bonus, timeZone: published.rules.timeZone };
    })();
    cache.set(version, found);
  }
  return found;
}

/** The rules each of these months was computed under (months never computed are left out). */
export async function rulesOfMonths(db: Firestore, months: string[], cache: RulesCache): Promise<Map<string, MonthRules>> {
  const out = new Map<string, MonthRules>();
  if (months.length === 0) return out;
  const snaps = await db.getAll(...months.map((m) => monthRef(db, m)));
  for (const snap of snaps) {
    const version = snap.get('rulesVersion');
    if (typeof version === 'number') out.set(snap.id, await rulesOfVersion(db, version, cache));
  }
  return out;
}

/** A month's `bonusMonths` record, as the review of corrections reads it. */
export type MonthRecord = {
  month: string;
  closed: boolean;
  rulesVersion?: number;
  /** The closed months its computation reviewed. */
  adjustedMonths?: string[];
  /** Closed month → the managers whose statement carries adjustment lines for it (recorded since corrections of any age). */
  adjustmentManagers?: Record<string, string[]>;
};

/** Every month from `from` on whose statements were ever computed (or are being computed): one read per month. */
export async function readMonthRecords(db: Firestore, from: string): Promise<MonthRecord[]> {
  const snap = await db.collection(collections.bonusMonths).where('month', '>=', from).orderBy('month').get();
  return snap.docs.map((d) => {
    const record: MonthRecord = { month: d.id, closed: d.get('closed') === true };
    for (const key of ['rulesVersion', 'adjustedMonths', 'adjustmentManagers'] as const)
      if (d.get(key) !== undefined) Object.assign(record, { [key]: d.get(key) });
    return record;
  });
}

/** Closed month → the managers whose statement has adjustment lines for it. */
function adjustmentManagersOf(statements: ReadonlyArray<Statement>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of statements) {
    const months = new Set(s.lines.flatMap((l) => (l.kind === 'adjustment' && l.ofMonth !== undefined ? [l.ofMonth] : [])));
    for (const m of months) (out[m] ??= []).push(s.managerId);
  }
  return out;
}

export type BonusRun = {
  runId: string;
  month: string;
  at: string;
  by: string;
  rulesVersion: number;
  adjustedMonths: string[];
  statements: Statement[];
  millis: Record<string, number>;
};

/**
 * Releases the month's claim and records the run in `bonusRuns/{runId}`, together; refused if
 * another computation of the month claimed it meanwhile (its statements are the ones that stand).
 */
export async function recordBonusRun(db: Firestore, run: BonusRun): Promise<void> {
  await db.runTransaction(async (tx) => {
    const snap = await tx.get(monthRef(db, run.month));
    if (snap.get('computing') !== run.runId)
      throw new AppError('conflict', `another computation of ${run.month} started meanwhile; run it again`);
    tx.set(monthRef(db, run.month), {
      month: run.month,
      closed: false,
      computing: null,
      computingUntil: null,
      computedAt: run.at,
      finishedAt: new Date().toISOString(),
      computedBy: run.by,
      runId: run.runId,
      rulesVersion: run.rulesVersion,
      managers: run.statements.map((s) => s.managerId),
      adjustedMonths: run.adjustedMonths,
      adjustmentManagers: adjustmentManagersOf(run.statements),
    });
    tx.create(db.collection(collections.bonusRuns).doc(run.runId), {
      runId: run.runId,
      month: run.month,
      at: run.at,
      by: run.by,
      rulesVersion: run.rulesVersion,
      adjustedMonths: run.adjustedMonths,
      statements: run.statements.length,
      lines: run.statements.reduce((n, s) => n + s.lines.length, 0),
      totals: Object.fromEntries(run.statements.map((s) => [s.managerId, s.totals])),
      millis: run.millis,
    });
  });
}

/** Whether the month is closed, and whether it was ever computed. */
export async function readMonthState(db: Firestore, month: string): Promise<{ closed: boolean; computed: boolean }> {
  const snap = await monthRef(db, month).get();
  return { closed: snap.get('closed') === true, computed: snap.exists && snap.get('computedAt') !== undefined };
}

/**
 * Closes the month and its statements together, with an audit entry; refused while a computation
 * holds the month (a half-written month must not be frozen). Closing twice changes nothing.
 */
export async function closeMonth(db: Firestore, month: string, actor: { at: string; by: string }): Promise<void> {
  const statementRefs = await statementRefsOf(db, month);
  const closedNow = await db.runTransaction(async (tx) => {
    const snap = await tx.get(monthRef(db, month));
    if (snap.get('closed') === true) return false;
    if (snap.get('computing'))
      throw new AppError(
        'conflict',
        `${month} is being computed right now (run ${snap.get('computing') as string}); close it when that run has finished`,
      );
    tx.set(monthRef(db, month), { closed: true, closedAt: actor.at, closedBy: actor.by }, { merge: true });
    for (const ref of statementRefs) tx.update(ref, { closed: true });
    return true;
  });
  if (closedNow)
    await writeAudit(db, { at: actor.at, actor: actor.by, action: 'bonus.close-month', outcome: 'ok', target: `bonusMonths/${month}` });
}
