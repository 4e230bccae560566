import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { addMonthsToMonth, companyDay, companyMonth, companyMonthBounds } from '../core/calendar.ts';
import { cohortMonthJudgedIn } from '../core/bonus/cohort.ts';
import { raisedSeqs } from '../core/bonus/rate-schedule.ts';
import type { BonusClient, BonusDeal, Statement, StatementLine } from '../core/bonus/types.ts';
import { AppError } from '../errors.ts';
import type { FormerHolder } from '../schema/client.ts';
import { idSchema, isoDateSchema, moneySchema } from '../schema/common.ts';
import { rulesConfigSchema, type BonusRules } from '../schema/rules-config.ts';
import { writeAudit } from './audit-store.ts';
import { collections } from './collections.ts';
import { pacedBulkWriter } from './db.ts';
import { alreadyRunning, heldByAnother, keepLease, runLeaseMs, type LeaseFields, type LeaseKeeper } from './run-lease.ts';
import { needsIndex } from './query-indexes.ts';

/** A statement as stored in `statements/{month}_{managerId}`. */
export type StoredStatement = Statement & {
  closed: boolean;
  computedAt: string;
  computedBy: string;
  runId: string;
  rulesVersion: number;
  parts: number;
};

/** The bonus rules of a published version, and the time zone whose calendar they were applied in. */
export type MonthRules = { bonus: BonusRules; timeZone: string };

/**
 * A statement holds its lines in its own document; past this many (a manager with thousands of
 * deals in a month) they go to `statements/{id}/parts/{n}` so no document nears Firestore's 1 MiB.
 */
export const linesPerPart = 1000;

/**
 * Closed months this far back are reviewed for corrections on every run, marked or not: a cheap
 * safety net for changes that leave no mark (a rotation backdated into a closed month). Older ones
 * are reviewed when a correction touches them (see `core/bonus/corrections.ts`).
 */
export const adjustmentLookbackMonths = 12;

const storedDealSchema = z.object({
  id: idSchema,
  clientId: idSchema,
  managerId: idSchema,
  date: isoDateSchema,
  amount: moneySchema,
  profit: moneySchema,
  seq: z.number().int().min(1),
});

const monthRef = (db: Firestore, month: string) => db.collection(collections.bonusMonths).doc(month);
const statementRef = (db: Firestore, month: string, managerId: string) =>
  db.collection(collections.statements).doc(`${month}_${managerId}`);
const partId = (index: number) => String(index).padStart(4, '0');

/** A deal as the calculator counts it, dated by the company's calendar day. */
function dealOf(snap: DocumentSnapshot, timeZone: string): BonusDeal {
  const parsed = storedDealSchema.safeParse(snap.data());
  if (!parsed.success) {
    throw new AppError('invalid-input', `stored deal ${snap.id} cannot be counted for bonuses`, {
      issues: parsed.error.issues.map((i) => ({ path: `deals/${snap.id}.${i.path.join('.')}`, message: i.message })),
    });
  }
  return { ...parsed.data, date: companyDay(parsed.data.date, timeZone) };
}

/** A client as the calculator sees it, every date a company day. */
function clientOf(snap: DocumentSnapshot, timeZone: string): BonusClient {
  const d = snap.data()!;
  const day = (v: unknown) => companyDay(v as string, timeZone);
  return {
    id: snap.id,
    managerId: (d.managerId as string | null) ?? null,
    firstDealAt: d.firstDealAt ? day(d.firstDealAt) : null,
    ...(d.attractedBy ? { attractedBy: d.attractedBy as string } : {}),
    ...(d.lostAt ? { lostAt: day(d.lostAt) } : {}),
    ...(Array.isArray(d.formerHolders)
      ? { formerHolders: (d.formerHolders as FormerHolder[]).map((h) => ({ ...h, until: day(h.until) })) }
      : {}),
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

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

needsIndex(collections.deals, 'seq', 'date');
needsIndex(collections.deals, 'clientId', 'date');
/**
 * Reads what one month's statements depend on, and no more: the month's deals (range on
 * `deals.date`), their clients (getAll), the clients whose retention gate falls in the month and
 * whose cohort is judged in it (range on `clients.firstDealAt`), the first deals (seq 1–n) dated
 * from the gate cohort's month up to this one (`seq in` + `date`), and the judged cohort's deals
 * before the month (`clientId in` + `date`). Months are the company's (`timeZone`): ranges are
 * widened to catch dates stored as UTC instants, then filtered; every date handed on is a company day.
 */
export async function loadMonth(
  db: Firestore,
  month: string,
  rules: BonusRules,
  timeZone: string,
): Promise<{ deals: BonusDeal[]; clients: BonusClient[] }> {
  const inMonth = (date: string, m: string) => companyMonth(date, timeZone) === m;
  const bounds = companyMonthBounds(month, timeZone);
  const before = companyMonthBounds(addMonthsToMonth(month, -1), timeZone).until;
  const deals = new Map<string, BonusDeal>();
  const monthSnap = await db.collection(collections.deals).where('date', '>=', bounds.from).where('date', '<', bounds.until).get();
  for (const s of monthSnap.docs) if (inMonth(s.get('date') as string, month)) deals.set(s.id, dealOf(s, timeZone));

  const clients = new Map<string, BonusClient>();
  const gateMonth = addMonthsToMonth(month, -rules.retentionMonths);
  const cohortMonth = rules.cohortTiers && rules.cohortTiers.length > 0 ? cohortMonthJudgedIn(month, rules.retentionMonths) : undefined;
  const gateClients = new Set<string>();
  const cohortClients = new Set<string>();
  for (const [m, into] of [
    [gateMonth, gateClients],
    ...(cohortMonth === undefined ? [] : [[cohortMonth, cohortClients] as const]),
  ] as const) {
    const r = companyMonthBounds(m, timeZone);
    const snap = await db.collection(collections.clients).where('firstDealAt', '>=', r.from).where('firstDealAt', '<', r.until).get();
    for (const s of snap.docs) {
      if (!inMonth(s.get('firstDealAt') as string, m)) continue;
      clients.set(s.id, clientOf(s, timeZone));
      into.add(s.id);
    }
  }
  const missing = [...new Set([...deals.values()].map((d) => d.clientId))].filter((id) => !clients.has(id));
  for (const part of chunks(missing, 500)) {
    const snaps = await db.getAll(...part.map((id) => db.collection(collections.clients).doc(id)));
    for (const s of snaps) if (s.exists) clients.set(s.id, clientOf(s, timeZone));
  }
  // Held raised parts: only a client's first few deals earn above normal, so one query on
  // (seq, date) finds every deal before the month whose held part may fall due now.
  if (gateMonth < month && gateClients.size > 0) {
    const snap = await db
      .collection(collections.deals)
      .where('seq', 'in', raisedSeqs(rules))
      .where('date', '>=', companyMonthBounds(gateMonth, timeZone).from)
      .where('date', '<', before)
      .get();
    for (const s of snap.docs) if (gateClients.has(s.get('clientId') as string) && !deals.has(s.id)) deals.set(s.id, dealOf(s, timeZone));
  }
  // The judged cohort's profit: its clients' deals before the month (the month's are loaded).
  if (cohortMonth !== undefined && cohortMonth < month) {
    const parts = await Promise.all(
      chunks([...cohortClients], 30).map((part) =>
        db.collection(collections.deals).where('clientId', 'in', part).where('date', '<', before).get(),
      ),
    );
    for (const snap of parts) for (const s of snap.docs) if (!deals.has(s.id)) deals.set(s.id, dealOf(s, timeZone));
  }
  return { deals: [...deals.values()], clients: [...clients.values()] };
}

/** Published rules by version, each read once per run (0: the defaults). */
export type RulesCache = Map<number, Promise<MonthRules>>;

export function rulesOfVersion(db: Firestore, version: number, cache: RulesCache): Promise<MonthRules> {
  let found = cache.get(version);
  if (found === undefined) {
    found = (async () => {
      const parse = (raw: unknown) => {
        const rules = rulesConfigSchema.parse(raw);
        return { bonus: rules.bonus, timeZone: rules.timeZone };
      };
      if (version === 0) return parse({});
      const snap = await db.collection(collections.config).doc('rules').collection('versions').doc(String(version)).get();
      if (!snap.exists) throw new AppError('internal', `rules version ${version} is missing from config/rules/versions`);
      return parse(snap.get('rules'));
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

async function hydrate(snap: DocumentSnapshot): Promise<StoredStatement> {
  const doc = snap.data() as StoredStatement;
  if (!doc.parts) return doc;
  const parts = await snap.ref.collection('parts').orderBy('index').get();
  return { ...doc, lines: parts.docs.flatMap((p) => p.get('lines') as StatementLine[]) };
}

/** Some managers' stored statements of a month (those that exist). */
export async function readStatementsOf(db: Firestore, month: string, managerIds: ReadonlyArray<string>): Promise<StoredStatement[]> {
  if (managerIds.length === 0) return [];
  const snaps = await db.getAll(...managerIds.map((id) => statementRef(db, month, id)));
  return Promise.all(snaps.filter((s) => s.exists).map(hydrate));
}

/** A month's stored statements, by manager id. */
export async function readStatements(db: Firestore, month: string): Promise<StoredStatement[]> {
  const snap = await db.collection(collections.statements).where('month', '==', month).get();
  const list = await Promise.all(snap.docs.map(hydrate));
  return list.sort((a, b) => (a.managerId < b.managerId ? -1 : 1));
}

export async function readStatement(db: Firestore, key: { month: string; managerId: string }): Promise<StoredStatement | undefined> {
  const snap = await statementRef(db, key.month, key.managerId).get();
  return snap.exists ? hydrate(snap) : undefined;
}

/**
 * Replaces a month's statements whole: one document per manager (long ones in parts), parts no
 * longer needed and statements of managers who have no line any more are deleted.
 */
export async function writeStatements(
  db: Firestore,
  month: string,
  statements: Statement[],
  meta: Pick<StoredStatement, 'computedAt' | 'computedBy' | 'runId' | 'rulesVersion'>,
): Promise<void> {
  const previous = await db.collection(collections.statements).where('month', '==', month).select('parts').get();
  const previousParts = new Map(previous.docs.map((d) => [d.id, (d.get('parts') as number | undefined) ?? 0]));
  const writer = pacedBulkWriter(db);
  for (const s of statements) {
    const ref = statementRef(db, month, s.managerId);
    const split = s.lines.length > linesPerPart ? chunks(s.lines, linesPerPart) : [];
    const doc: StoredStatement = { ...s, lines: split.length > 0 ? [] : s.lines, closed: false, ...meta, parts: split.length };
    split.forEach((lines, index) => void writer.set(ref.collection('parts').doc(partId(index)), { index, lines }));
    for (let i = split.length; i < (previousParts.get(ref.id) ?? 0); i++) void writer.delete(ref.collection('parts').doc(partId(i)));
    void writer.set(ref, doc);
    previousParts.delete(ref.id);
  }
  for (const [id, parts] of previousParts) {
    const ref = db.collection(collections.statements).doc(id);
    for (let i = 0; i < parts; i++) void writer.delete(ref.collection('parts').doc(partId(i)));
    void writer.delete(ref);
  }
  await writer.close();
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
  const statementRefs = (await db.collection(collections.statements).where('month', '==', month).select().get()).docs.map((d) => d.ref);
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
