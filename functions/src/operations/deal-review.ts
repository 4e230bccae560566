import type { Firestore } from 'firebase-admin/firestore';
import type { CardDeal, DealReviewAnswer, DealReviewRowResult, DealToConfirm, DealsToConfirmPage } from '../api/contract.ts';
import { dealReviewRowSchema } from '../api/schemas.ts';
import { dealStatusOf } from '../core/bonus/deal-of-record.ts';
import { AppError, issuesFromZod } from '../errors.ts';
import type { DealDoc } from '../schema/deal.ts';
import { readClientNames } from '../store/oversight-store.ts';
import { readRoster } from '../store/manager-store.ts';
import { listDealsByStatus, readDeals, reviewDeal, type DealListQuery, type ReviewOutcome } from '../store/deal-review-store.ts';
import { readRules } from '../store/rules-store.ts';
import { mapConcurrently } from '../worker-pool.ts';

type Stamp = { by: string; at: string };
type Names = { clients: Map<string, { name: string }>; managers: Map<string, string> };

/** Rows are independent transactions; a few at a time keeps the call short without a write storm. */
const rowConcurrency = 8;

async function namesOf(db: Firestore, deals: ReadonlyArray<DealDoc>): Promise<Names> {
  const [clients, roster] = await Promise.all([
    readClientNames(
      db,
      deals.map((d) => d.clientId),
    ),
    readRoster(db),
  ]);
  return { clients, managers: new Map(roster.map((m) => [m.id, m.name])) };
}

/** A deal as the head of sales' "Deals to confirm" sheet shows it. */
export function dealToConfirm(deal: DealDoc, names: Names): DealToConfirm {
  return {
    dealId: deal.id,
    clientId: deal.clientId,
    clientName: names.clients.get(deal.clientId)?.name ?? '',
    managerId: deal.managerId,
    managerName: names.managers.get(deal.managerId) ?? null,
    date: deal.date,
    amount: deal.amount,
    profit: deal.profit,
    recordedVia: deal.recordedVia ?? 'import',
    recordedAt: deal.recordedAt ?? deal.date,
    status: dealStatusOf(deal),
    reason: deal.reason ?? null,
    version: deal.version ?? 1,
  };
}

/** A deal as the client's card shows it: whether it counts yet, and why not. */
export function cardDealOf(deal: DealDoc): CardDeal {
  const { id, date, amount, profit, managerId } = deal;
  return {
    id,
    date,
    amount,
    profit,
    managerId,
    recordedVia: deal.recordedVia ?? 'import',
    status: dealStatusOf(deal),
    reason: deal.reason ?? null,
  };
}

/** One page of deals in a review status, oldest recorded first, with client and manager names. */
export async function dealsToConfirm(db: Firestore, query: DealListQuery): Promise<DealsToConfirmPage> {
  const page = await listDealsByStatus(db, query);
  const names = await namesOf(db, page.deals);
  return { deals: page.deals.map((d) => dealToConfirm(d, names)), nextCursor: page.nextCursor };
}

/**
 * The head of sales confirms or rejects deals, row by row like the batch save: each row is checked,
 * then reviewed in its own transaction at the version it was read at; a row reviewed meanwhile is a
 * conflict naming who did it, never an overwrite, and a bad row never blocks the others.
 */
export async function reviewDeals(db: Firestore, rows: ReadonlyArray<unknown>, stamp: Stamp): Promise<DealReviewAnswer> {
  const { rules } = await readRules(db);
  type Reviewed = { dealId: string; outcome: ReviewOutcome } | { invalid: DealReviewRowResult };
  const reviewed = await mapConcurrently([...rows.entries()], rowConcurrency, async ([index, raw]): Promise<Reviewed> => {
    const parsed = dealReviewRowSchema.safeParse(raw);
    if (parsed.success) return { dealId: parsed.data.dealId, outcome: await reviewDeal(db, parsed.data, stamp, rules.rotation) };
    const id = (raw as { dealId?: unknown } | null)?.dealId;
    const errors = issuesFromZod(parsed.error, `rows[${index}]`, raw);
    return { invalid: { index, dealId: typeof id === 'string' ? id : null, status: 'invalid', errors } };
  });
  const touched = reviewed.flatMap((r) =>
    'outcome' in r && r.outcome.status !== 'not-found' ? [r.outcome.status === 'applied' ? r.outcome.deal : r.outcome.current] : [],
  );
  const names = await namesOf(db, touched);
  const answers = reviewed.map((r, index): DealReviewRowResult => {
    if ('invalid' in r) return r.invalid;
    const { dealId, outcome: o } = r;
    if (o.status === 'applied') return { index, dealId, status: 'applied', deal: dealToConfirm(o.deal, names) };
    if (o.status === 'not-found')
      return { index, dealId, status: 'invalid', errors: [{ path: `rows[${index}].dealId`, message: 'no such deal' }] };
    const by = o.current.reviewedBy;
    const changedBy = by === undefined ? {} : { changedBy: { id: by, name: names.managers.get(by) ?? by } };
    return { index, dealId, status: 'conflict', current: dealToConfirm(o.current, names), ...changedBy };
  });
  const count = (s: DealReviewRowResult['status']) => answers.filter((a) => a.status === s).length;
  return { applied: count('applied'), conflicts: count('conflict'), invalid: count('invalid'), rows: answers };
}

/**
 * The CLI's review: the deals as they stand now (no version from a sheet), each in its own
 * transaction. An unknown deal or a rejection without a reason is refused before anything is written.
 */
export async function reviewDealsByIds(
  db: Firestore,
  input: { dealIds: ReadonlyArray<string>; decision: 'confirm' | 'reject'; reason?: string | undefined },
  stamp: Stamp,
): Promise<DealReviewAnswer> {
  const found = await readDeals(db, input.dealIds);
  const issues = input.dealIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `dealIds[${i}]`, message: `no such deal ${id}` }]));
  if (input.decision === 'reject' && (input.reason ?? '').trim() === '')
    issues.push({ path: '--reason', message: 'is required to reject' });
  if (issues.length > 0) throw new AppError('invalid-input', 'nothing was reviewed', { issues });
  const rows = input.dealIds.map((dealId) => ({
    dealId,
    version: found.get(dealId)!.version ?? 1,
    decision: input.decision,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  }));
  return reviewDeals(db, rows, stamp);
}
