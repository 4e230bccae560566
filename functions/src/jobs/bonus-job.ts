import { randomUUID } from 'node:crypto';
import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { adjustmentsForOpenMonth } from '../core/bonus/adjustments.ts';
import { addMonthsToMonth, companyMonth, monthOf, monthRange } from '../core/calendar.ts';
import { cohortMonthJudgedIn } from '../core/bonus/cohort.ts';
import { compareRate, rateOf } from '../core/bonus/money.ts';
import { attractorRate } from '../core/bonus/rate-schedule.ts';
import { computeMonthLines, sortLines, toStatements } from '../core/bonus/statement.ts';
import type { BonusClient, BonusDeal, Statement, StatementLine } from '../core/bonus/types.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import type { ScheduledJob } from '../http/scheduled-job.ts';
import { idSchema, isoDateSchema, moneySchema, monthSchema } from '../schema/common.ts';
import { rulesConfigSchema, type BonusRules } from '../schema/rules-config.ts';
import { writeAudit } from '../store/audit-store.ts';
import { collections } from '../store/collections.ts';
import { readRules } from '../store/rules-store.ts';

export type { Statement, StatementLine } from '../core/bonus/types.ts';

/** The `clientbase bonuses --json` shape (issue 4). `closed`: the month is closed and was only read. */
export type MonthReport = { month: string; closed: boolean; statements: Array<Pick<Statement, 'managerId' | 'lines' | 'totals'>> };

/** A statement as stored in `statements/{month}_{managerId}`. */
export type StoredStatement = Statement & { closed: boolean; computedAt: string; computedBy: string; runId: string; rulesVersion: number; parts: number };

/**
 * A statement holds its lines in its own document; past this many (a manager with thousands of
 * deals in a month) they go to `statements/{id}/parts/{n}` so no document nears Firestore's 1 MiB.
 */
export const linesPerPart = 1000;

/** Closed months further back than this are not recomputed for adjustments (a year of corrections). */
export const adjustmentLookbackMonths = 12;

const monthInput = z.object({ month: monthSchema, by: z.string().min(1), at: isoDateSchema });

const storedDealSchema = z.object({ id: idSchema, clientId: idSchema, managerId: idSchema, date: isoDateSchema, amount: moneySchema, profit: moneySchema, seq: z.number().int().min(1) });

type Reads = { deals: number; clients: number; statements: number; months: number };

function dealOf(snap: DocumentSnapshot): BonusDeal {
  const parsed = storedDealSchema.safeParse(snap.data());
  if (!parsed.success) {
    throw new AppError('invalid-input', `stored deal ${snap.id} cannot be counted for bonuses`, {
      issues: parsed.error.issues.map((i) => ({ path: `deals/${snap.id}.${i.path.join('.')}`, message: i.message })),
    });
  }
  return parsed.data;
}

function clientOf(snap: DocumentSnapshot): BonusClient {
  const d = snap.data()!;
  return {
    id: snap.id,
    managerId: (d.managerId as string | null) ?? null,
    firstDealAt: (d.firstDealAt as string | null | undefined) ?? null,
    ...(d.attractedBy ? { attractedBy: d.attractedBy as string } : {}),
    ...(d.lostAt ? { lostAt: d.lostAt as string } : {}),
    ...(Array.isArray(d.formerHolders) ? { formerHolders: d.formerHolders } : {}),
  };
}

/**
 * The deal numbers that can earn above the normal rate (1 and 2 with a multiplier of at most 3);
 * at least those two, so held parts earned under earlier rules are found too.
 */
export function raisedSeqs(rules: BonusRules): number[] {
  const normal = rateOf(rules.normalRate);
  let last = 2;
  while (last < 30 && compareRate(attractorRate(rules, last + 1), normal) > 0) last++;
  return Array.from({ length: last }, (_, i) => i + 1);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads what one month's statements depend on, and no more: the month's deals (range on
 * `deals.date`), their clients (getAll), the clients whose retention gate falls in the month and
 * whose cohort is judged in it (range on `clients.firstDealAt`), the first deals (seq 1–2) dated
 * from the gate cohort's month up to this one (`seq in` + `date`), and the judged cohort's deals
 * before the month (`clientId in` + `date`). Held raised parts are not stored separately: they are
 * recomputed from these deals, so a late or corrected deal can never leave a stale pending line.
 */
async function loadMonth(db: Firestore, month: string, rules: BonusRules, reads: Reads): Promise<{ deals: BonusDeal[]; clients: BonusClient[] }> {
  const { from, until } = monthRange(month);
  const deals = new Map<string, BonusDeal>();
  const monthSnap = await db.collection(collections.deals).where('date', '>=', from).where('date', '<', until).get();
  reads.deals += monthSnap.size;
  for (const s of monthSnap.docs) deals.set(s.id, dealOf(s));

  const clients = new Map<string, BonusClient>();
  const gateMonth = addMonthsToMonth(month, -rules.retentionMonths);
  const cohortMonth = rules.cohortTiers && rules.cohortTiers.length > 0 ? cohortMonthJudgedIn(month, rules.retentionMonths) : undefined;
  const gateClients = new Set<string>();
  const cohortClients = new Set<string>();
  for (const [m, into] of [[gateMonth, gateClients], ...(cohortMonth === undefined ? [] : [[cohortMonth, cohortClients] as const])] as const) {
    const r = monthRange(m);
    const snap = await db.collection(collections.clients).where('firstDealAt', '>=', r.from).where('firstDealAt', '<', r.until).get();
    reads.clients += snap.size;
    for (const s of snap.docs) {
      clients.set(s.id, clientOf(s));
      into.add(s.id);
    }
  }
  const missing = [...new Set([...deals.values()].map((d) => d.clientId))].filter((id) => !clients.has(id));
  for (const part of chunks(missing, 500)) {
    const snaps = await db.getAll(...part.map((id) => db.collection(collections.clients).doc(id)));
    reads.clients += snaps.length;
    for (const s of snaps) if (s.exists) clients.set(s.id, clientOf(s));
  }
  // Held raised parts: only a client's first few deals earn above normal, so one query on
  // (seq, date) finds every deal before the month whose held part may fall due now.
  if (gateMonth < month && gateClients.size > 0) {
    const snap = await db.collection(collections.deals).where('seq', 'in', raisedSeqs(rules)).where('date', '>=', monthRange(gateMonth).from).where('date', '<', from).get();
    reads.deals += snap.size;
    for (const s of snap.docs) if (gateClients.has(s.get('clientId') as string) && !deals.has(s.id)) deals.set(s.id, dealOf(s));
  }
  // The judged cohort's profit: its clients' deals before the month (the month's are loaded).
  if (cohortMonth !== undefined && cohortMonth < month) {
    const parts = await Promise.all(chunks([...cohortClients], 30).map((part) => db.collection(collections.deals).where('clientId', 'in', part).where('date', '<', from).get()));
    for (const snap of parts) {
      reads.deals += snap.size;
      for (const s of snap.docs) if (!deals.has(s.id)) deals.set(s.id, dealOf(s));
    }
  }
  return { deals: [...deals.values()], clients: [...clients.values()] };
}

type RulesCache = Map<number, Promise<BonusRules>>;

/** A published rules version (0: the defaults), so a month is always recomputed under its own rules. */
function rulesOfVersion(db: Firestore, version: number, cache: RulesCache, reads: Reads): Promise<BonusRules> {
  let found = cache.get(version);
  if (found === undefined) {
    found = (async () => {
      if (version === 0) return rulesConfigSchema.parse({}).bonus;
      reads.months++;
      const snap = await db.collection(collections.config).doc('rules').collection('versions').doc(String(version)).get();
      if (!snap.exists) throw new AppError('internal', `rules version ${version} is missing from config/rules/versions`);
      return rulesConfigSchema.parse(snap.get('rules')).bonus;
    })();
    cache.set(version, found);
  }
  return found;
}

async function freshLines(db: Firestore, month: string, rules: BonusRules, cache: RulesCache, reads: Reads): Promise<Map<string, StatementLine[]>> {
  const { deals, clients } = await loadMonth(db, month, rules, reads);
  const earlier = [...new Set(deals.map((d) => monthOf(d.date)).filter((m) => m < month))].sort();
  const rulesByMonth = new Map<string, BonusRules>();
  if (earlier.length > 0) {
    const snaps = await db.getAll(...earlier.map((m) => db.collection(collections.bonusMonths).doc(m)));
    reads.months += snaps.length;
    for (const snap of snaps) {
      const version = snap.get('rulesVersion');
      if (typeof version === 'number') rulesByMonth.set(snap.id, await rulesOfVersion(db, version, cache, reads));
    }
  }
  return computeMonthLines({ month, rules, deals, clients, rulesByMonth });
}

async function hydrate(snap: DocumentSnapshot, reads: Reads): Promise<StoredStatement> {
  const doc = snap.data() as StoredStatement;
  if (!doc.parts) return doc;
  const parts = await snap.ref.collection('parts').orderBy('index').get();
  reads.statements += parts.size;
  return { ...doc, lines: parts.docs.flatMap((p) => p.get('lines') as StatementLine[]) };
}

async function storedStatements(db: Firestore, month: string, reads: Reads): Promise<StoredStatement[]> {
  const snap = await db.collection(collections.statements).where('month', '==', month).get();
  reads.statements += snap.size;
  const list = await Promise.all(snap.docs.map((d) => hydrate(d, reads)));
  return list.sort((a, b) => (a.managerId < b.managerId ? -1 : 1));
}

const byManager = (list: StoredStatement[]) => new Map(list.map((s) => [s.managerId, s.lines]));

/** The closed months immediately before `month`, newest first, up to the lookback. */
async function closedRunBefore(db: Firestore, month: string, reads: Reads): Promise<string[]> {
  const snap = await db.collection(collections.bonusMonths).where('month', '<', month).orderBy('month', 'desc').limit(adjustmentLookbackMonths).get();
  reads.months += snap.size;
  const run: string[] = [];
  let expected = addMonthsToMonth(month, -1);
  for (const d of snap.docs) {
    if (d.get('month') !== expected || d.get('closed') !== true) break;
    run.push(expected);
    expected = addMonthsToMonth(expected, -1);
  }
  return run;
}

function report(month: string, closed: boolean, statements: Statement[]): MonthReport {
  return { month, closed, statements: statements.map((s) => ({ managerId: s.managerId, lines: s.lines, totals: s.totals })) };
}

/**
 * Computes a month's statements and stores them, one per manager. Idempotent: the lines are a pure
 * function of the data, with deterministic ids, and the month's previous statements are replaced
 * whole. A closed month is never rewritten: it is returned as stored. Corrections to the run of
 * closed months just before this one are added here as adjustment lines.
 */
export async function computeBonusMonth(db: Firestore, input: { month: string; by: string; at: string }): Promise<MonthReport> {
  const { month, by, at } = parseOrThrow(monthInput, input, 'bonus month');
  const monthRef = db.collection(collections.bonusMonths).doc(month);
  const reads: Reads = { deals: 0, clients: 0, statements: 0, months: 1 };
  const runId = `${month}_${at.replace(/[^0-9]/g, '').slice(0, 17)}_${randomUUID().slice(0, 8)}`;
  const startedAt = Date.now();

  const claimed = await db.runTransaction(async (tx) => {
    const snap = await tx.get(monthRef);
    if (snap.get('closed') === true) return false;
    tx.set(monthRef, { month, closed: false, computing: runId, computingSince: at }, { merge: true });
    return true;
  });
  if (!claimed) return report(month, true, await storedStatements(db, month, reads));

  const { version: rulesVersion, rules } = await readRules(db);
  const cache: RulesCache = new Map([[rulesVersion, Promise.resolve(rules.bonus)]]);
  const lines = await freshLines(db, month, rules.bonus, cache, reads);
  const computedMs = Date.now() - startedAt;
  const run = await closedRunBefore(db, month, reads);
  if (run.length > 0) {
    const closed = await Promise.all(run.map(async (m) => ({ month: m, stored: byManager(await storedStatements(db, m, reads)) })));
    const fresh = new Map<string, Map<string, StatementLine[]>>();
    // A closed month is recomputed under the rules it was closed with: a later change of rates
    // applies from the month it was made in, it does not rewrite closed months as adjustments.
    for (const m of run) {
      const closedUnder = (await db.collection(collections.bonusMonths).doc(m).get()).get('rulesVersion');
      reads.months++;
      const monthRules = typeof closedUnder === 'number' ? await rulesOfVersion(db, closedUnder, cache, reads) : rules.bonus;
      fresh.set(m, await freshLines(db, m, monthRules, cache, reads));
    }
    for (const [managerId, adjustments] of adjustmentsForOpenMonth(closed, (m) => fresh.get(m)!)) {
      lines.set(managerId, sortLines([...(lines.get(managerId) ?? []), ...adjustments]));
    }
  }
  const statements = toStatements(month, lines);
  const adjustedMs = Date.now() - startedAt;

  const previous = await db.collection(collections.statements).where('month', '==', month).select('parts').get();
  const previousParts = new Map(previous.docs.map((d) => [d.id, (d.get('parts') as number | undefined) ?? 0]));
  const writer = db.bulkWriter();
  for (const s of statements) {
    const ref = db.collection(collections.statements).doc(`${month}_${s.managerId}`);
    const split = s.lines.length > linesPerPart ? chunks(s.lines, linesPerPart) : [];
    const doc: StoredStatement = { ...s, lines: split.length > 0 ? [] : s.lines, closed: false, computedAt: at, computedBy: by, runId, rulesVersion, parts: split.length };
    split.forEach((lines, index) => void writer.set(ref.collection('parts').doc(String(index).padStart(4, '0')), { index, lines }));
    for (let i = split.length; i < (previousParts.get(ref.id) ?? 0); i++) void writer.delete(ref.collection('parts').doc(String(i).padStart(4, '0')));
    void writer.set(ref, doc);
    previousParts.delete(ref.id);
  }
  for (const [id, parts] of previousParts) {
    const ref = db.collection(collections.statements).doc(id);
    for (let i = 0; i < parts; i++) void writer.delete(ref.collection('parts').doc(String(i).padStart(4, '0')));
    void writer.delete(ref);
  }
  await writer.close();
  const writtenMs = Date.now() - startedAt;

  await db.runTransaction(async (tx) => {
    const snap = await tx.get(monthRef);
    if (snap.get('computing') !== runId) throw new AppError('conflict', `another computation of ${month} started meanwhile; run it again`);
    tx.set(monthRef, { month, closed: false, computing: null, computedAt: at, computedBy: by, runId, rulesVersion, managers: statements.map((s) => s.managerId), adjustedMonths: run });
    tx.create(db.collection(collections.bonusRuns).doc(runId), {
      runId,
      month,
      at,
      by,
      rulesVersion,
      adjustedMonths: run,
      statements: statements.length,
      lines: statements.reduce((n, s) => n + s.lines.length, 0),
      totals: Object.fromEntries(statements.map((s) => [s.managerId, s.totals])),
      reads,
      millis: { month: computedMs, adjustments: adjustedMs - computedMs, write: writtenMs - adjustedMs, total: Date.now() - startedAt },
    });
  });
  return report(month, false, statements);
}

/**
 * Closes a month (admin): its statements never change again. Computes it first if it never was;
 * refuses a month that has not ended yet, or one being computed right now (a half-written month
 * must not be frozen).
 */
export async function closeBonusMonth(db: Firestore, input: { month: string; by: string; at: string }): Promise<{ month: string; closed: true }> {
  const { month, by, at } = parseOrThrow(monthInput, input, 'bonus month');
  if (monthRange(month).until > at.slice(0, 10)) {
    throw new AppError('conflict', `${month} has not ended yet; it can be closed from ${monthRange(month).until}`, { issues: [{ path: 'month', message: 'has not ended yet' }] });
  }
  const monthRef = db.collection(collections.bonusMonths).doc(month);
  const first = await monthRef.get();
  if (first.get('closed') === true) return { month, closed: true };
  if (!first.exists || first.get('computedAt') === undefined) await computeBonusMonth(db, { month, by, at });
  const statementRefs = (await db.collection(collections.statements).where('month', '==', month).select().get()).docs.map((d) => d.ref);
  await db.runTransaction(async (tx) => {
    const snap = await tx.get(monthRef);
    if (snap.get('closed') === true) return;
    if (snap.get('computing')) throw new AppError('conflict', `${month} is being computed right now (run ${snap.get('computing') as string}); close it when that run has finished`);
    tx.set(monthRef, { closed: true, closedAt: at, closedBy: by }, { merge: true });
    for (const ref of statementRefs) tx.update(ref, { closed: true });
  });
  await writeAudit(db, { at, actor: by, action: 'bonus.close-month', outcome: 'ok', target: `bonusMonths/${month}` });
  return { month, closed: true };
}

export async function readStatement(db: Firestore, input: { month: string; managerId: string }): Promise<StoredStatement | undefined> {
  const month = parseOrThrow(monthSchema, input.month, 'month', 'month');
  const managerId = parseOrThrow(idSchema, input.managerId, 'manager id', 'managerId');
  const snap = await db.collection(collections.statements).doc(`${month}_${managerId}`).get();
  return snap.exists ? hydrate(snap, { deals: 0, clients: 0, statements: 0, months: 0 }) : undefined;
}

/** The month before the schedule slot's month, in the company's time zone. */
export function previousMonthOf(slot: string, timeZone: string): string {
  return addMonthsToMonth(companyMonth(slot, timeZone), -1);
}

/** Cloud Scheduler, 05:00 on the 1st: computes the month that has just ended. */
export const bonusScheduledJob: ScheduledJob<MonthReport> = async ({ db, scheduleTime, caller }) => {
  const { rules } = await readRules(db);
  return computeBonusMonth(db, { month: previousMonthOf(scheduleTime, rules.timeZone), by: caller === 'local' ? 'scheduler' : caller, at: scheduleTime });
};
