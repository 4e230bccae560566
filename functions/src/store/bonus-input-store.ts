import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { addMonthsToMonth, companyDay, companyMonth, companyMonthBounds, monthOf } from '../core/calendar.ts';
import { cohortMonthJudgedIn } from '../core/bonus/cohort.ts';
import { retentionFrom } from '../core/bonus/deal-of-record.ts';
import { raisedSeqs } from '../core/bonus/rate-schedule.ts';
import type { BonusClient, BonusDeal } from '../core/bonus/types.ts';
import { AppError } from '../errors.ts';
import type { FormerHolder } from '../schema/client.ts';
import { idSchema, isoDateSchema, moneySchema } from '../schema/common.ts';
import { dealStatusSchema } from '../schema/deal.ts';
import type { BonusRules } from '../schema/rules-config.ts';
import { collections } from './collections.ts';
import { chunks } from './db.ts';
import { needsIndex } from './query-indexes.ts';

// What a month's statements are computed from: its deals and clients, as the calculator sees them.

const storedDealSchema = z.object({
  id: idSchema,
  clientId: idSchema,
  managerId: idSchema,
  date: isoDateSchema,
  amount: moneySchema,
  profit: moneySchema,
  seq: z.number().int().min(1),
  status: dealStatusSchema.optional(),
  reason: z.string().optional(),
});

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

function clientOf(snap: DocumentSnapshot, timeZone: string): BonusClient {
  return bonusClientOf(snap.id, snap.data()!, timeZone);
}

/** A stored client as the calculator sees it, every date a company day. */
export function bonusClientOf(id: string, d: Readonly<Record<string, unknown>>, timeZone: string): BonusClient {
  const day = (v: unknown) => companyDay(v as string, timeZone);
  return {
    id,
    managerId: (d.managerId as string | null) ?? null,
    firstDealAt: d.firstDealAt ? day(d.firstDealAt) : null,
    ...(d.createdAt ? { createdAt: day(d.createdAt) } : {}),
    ...(d.kind ? { kind: d.kind as BonusClient['kind'] } : {}),
    ...(d.taxNumber ? { taxNumber: d.taxNumber as string } : {}),
    ...(d.attractedBy ? { attractedBy: d.attractedBy as string } : {}),
    ...(d.lostAt ? { lostAt: day(d.lostAt) } : {}),
    ...(Array.isArray(d.formerHolders)
      ? { formerHolders: (d.formerHolders as FormerHolder[]).map((h) => ({ ...h, until: day(h.until) })) }
      : {}),
  };
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
  // A client created after its first deal (a backdated deal) counts its gate from its creation.
  const createdGate = new Set<string>();
  const created = companyMonthBounds(gateMonth, timeZone);
  const createdSnap = await db
    .collection(collections.clients)
    .where('createdAt', '>=', created.from)
    .where('createdAt', '<', created.until)
    .get();
  for (const s of createdSnap.docs) {
    const c = clientOf(s, timeZone);
    const from = retentionFrom(c);
    if (from === null || from === c.firstDealAt || monthOf(from) !== gateMonth) continue;
    clients.set(s.id, c);
    gateClients.add(s.id);
    createdGate.add(s.id);
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
  // Their held deals may be dated long before the gate's cohort month: read them by client.
  if (gateMonth < month && createdGate.size > 0) {
    const parts = await Promise.all(
      chunks([...createdGate], 30).map((part) =>
        db.collection(collections.deals).where('clientId', 'in', part).where('date', '<', before).get(),
      ),
    );
    for (const snap of parts) for (const s of snap.docs) if (!deals.has(s.id)) deals.set(s.id, dealOf(s, timeZone));
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
