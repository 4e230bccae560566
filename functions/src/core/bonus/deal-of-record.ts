import type { Client } from '../../schema/client.ts';
import { dayOf } from '../../schema/common.ts';
import type { Deal, DealRecordedVia, DealStatus } from '../../schema/deal.ts';
import type { BonusRules, RotationRules } from '../../schema/rules-config.ts';
import { needsTaxNumber } from '../holding-facts.ts';

// Deals of record: what a manager types in pays only once the system of record says it happened.
// The one home of "does this deal count", read by the client's derived fields (rotation activity,
// first deal, the dashboard's new clients), the bonus calculator and the review.

/** A deal stored before deals of record has no status: its history stays paid. */
export function dealStatusOf(deal: Pick<Deal, 'status'>): DealStatus {
  return deal.status ?? 'confirmed';
}

/** Only a confirmed deal counts: for rotation, attraction, cohorts, the first deal and the retention gate. */
export function dealCounts(deal: Pick<Deal, 'status'>): boolean {
  return dealStatusOf(deal) === 'confirmed';
}

/** A counted deal resets the rotation clock only from the minimum deal up. */
export function countsForRotation(deal: Pick<Deal, 'status' | 'amount'>, rules: Pick<RotationRules, 'minDealAmount'>): boolean {
  return dealCounts(deal) && deal.amount >= rules.minDealAmount;
}

/** How a staff member's deal is recorded: the head of sales' own entries are of record, a holder's are not. */
export function recordedViaOf(actor: { role: 'admin' | 'manager' }): DealRecordedVia {
  return actor.role === 'admin' ? 'admin' : 'holder';
}

/** A deal its holder typed waits for the head of sales, unless the department does not require it. */
export function statusOnRecord(via: DealRecordedVia, rules: Pick<BonusRules, 'dealConfirmation'>): DealStatus {
  return via === 'holder' && rules.dealConfirmation === 'required' ? 'unconfirmed' : 'confirmed';
}

/**
 * The day the retention gate counts from: the client's first confirmed deal or its creation in the
 * base, whichever is later, so a deal backdated before the client existed releases nothing early.
 */
export function retentionFrom(client: { firstDealAt: string | null; createdAt?: string | undefined }): string | null {
  if (client.firstDealAt === null) return null;
  if (client.createdAt === undefined || dayOf(client.createdAt) <= dayOf(client.firstDealAt)) return client.firstDealAt;
  return dayOf(client.createdAt);
}

/** Why a deal or client earns no attraction or raised rate though the rest of the rules would pay it. */
export type NewClientBlock = 'add-tax-number' | 'below-minimum';

export const newClientBlockNote: Record<NewClientBlock, string> = {
  'add-tax-number': 'add the INN to be paid for this client',
  'below-minimum': 'below the minimum deal',
};

/** A company earns its attractor nothing as a new client until it has its INN. */
export function clientBlock(client: Partial<Pick<Client, 'kind' | 'taxNumber'>>): NewClientBlock | undefined {
  return client.kind !== undefined && needsTaxNumber({ kind: client.kind, taxNumber: client.taxNumber }) ? 'add-tax-number' : undefined;
}

/** The raised rate: not for a company without INN, not for a deal below the minimum. */
export function raisedBlock(
  deal: Pick<Deal, 'amount'>,
  client: Partial<Pick<Client, 'kind' | 'taxNumber'>>,
  rules: Pick<BonusRules, 'minDealAmount'>,
): NewClientBlock | undefined {
  return clientBlock(client) ?? (deal.amount < (rules.minDealAmount ?? 0) ? 'below-minimum' : undefined);
}

/**
 * The attraction bonus: not for a company without INN, and only when one of the client's counted
 * deals in its first-deal month reaches the minimum deal (three 1-kopeck "clients" earn nothing).
 */
export function attractionBlock(
  client: Partial<Pick<Client, 'kind' | 'taxNumber'>>,
  firstMonthDeals: ReadonlyArray<Pick<Deal, 'amount'>>,
  rules: Pick<BonusRules, 'minDealAmount'>,
): NewClientBlock | undefined {
  return clientBlock(client) ?? (firstMonthDeals.some((d) => d.amount >= (rules.minDealAmount ?? 0)) ? undefined : 'below-minimum');
}

/**
 * Each deal's `seq`, the deals in the order they count (date, then id for an import): counted deals
 * are numbered 1, 2, …; one that does not count gets the number it would take next, for its
 * awaiting line, and is numbered again when it is confirmed.
 */
export function dealNumbers(deals: ReadonlyArray<Pick<Deal, 'status'>>): number[] {
  let counted = 0;
  return deals.map((d) => (dealCounts(d) ? ++counted : counted + 1));
}

/** An imported deal is of record: confirmed, unless the file says how it was recorded and where its review stands. */
export function asImported<T extends Deal>(deal: T, stamp: { by: string; at: string }): T {
  if (deal.recordedVia !== undefined) return deal;
  return {
    ...deal,
    recordedBy: stamp.by,
    recordedVia: 'import',
    recordedAt: stamp.at,
    status: deal.status ?? 'confirmed',
    version: deal.version ?? 1,
  };
}
