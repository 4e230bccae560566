import type { Client, ClientDerived } from '../schema/client.ts';
import type { Deal } from '../schema/deal.ts';
import { dayOf } from '../schema/common.ts';
import type { RotationRules } from '../schema/rules-config.ts';
import { countsForRotation, dealCounts, dealStatusOf } from './bonus/deal-of-record.ts';
import { awaitingConfirmationFlags, mailableFlags, type ContactHolder, type MailableFlags } from './consent/mailing-eligibility.ts';

// The one home of the fields a client document carries for the jobs' queries: every write of a
// client (create, edit, pin, deal, consent, sign-up, import) takes them from here.

/** Orders deals as the bonus rules count them: by date, then id. */
export function compareDeals(a: Pick<Deal, 'date' | 'id'>, b: Pick<Deal, 'date' | 'id'>): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

type Holding = Pick<Client, 'managerId' | 'assignedAt'>;

/** A deal counts towards `dealsSinceAssignment` when the current manager made it on or after the assignment day. */
export function countsForHolder(client: Holding, deal: Pick<Deal, 'date' | 'managerId'>): boolean {
  return (
    client.managerId !== null &&
    deal.managerId === client.managerId &&
    client.assignedAt !== undefined &&
    dayOf(deal.date) >= dayOf(client.assignedAt)
  );
}

export type DealFields = Pick<ClientDerived, 'dealCount' | 'dealsSinceAssignment' | 'firstDealAt' | 'lastDealAt'> & {
  dealsAwaiting: number;
};

/** What the deal fields read of a deal: its status and amount decide whether it counts (deal-of-record.ts). */
export type CountedDeal = Pick<Deal, 'date' | 'managerId' | 'amount' | 'status'>;
/** The rotation rule the deal fields follow: a deal below the minimum does not reset the clock. */
export type DealFieldRules = Pick<RotationRules, 'minDealAmount'>;

/** The deal fields from all of a client's deals (sorted or not). */
export function dealFieldsOf(client: Holding, deals: ReadonlyArray<CountedDeal>, rules: DealFieldRules): DealFields {
  let fields: DealFields = { dealCount: 0, dealsSinceAssignment: 0, firstDealAt: null, lastDealAt: null, dealsAwaiting: 0 };
  for (const d of deals) fields = withDeal(client, fields, d, rules);
  return fields;
}

/**
 * The deal fields after one more deal, from the stored ones: recording a deal need not read the
 * others. Only a confirmed deal counts; one below the rotation minimum leaves the rotation clock alone.
 */
export function withDeal(
  client: Holding,
  fields: Omit<DealFields, 'dealsAwaiting'> & { dealsAwaiting?: number | undefined },
  deal: CountedDeal,
  rules: DealFieldRules,
): DealFields {
  const awaiting = (fields.dealsAwaiting ?? 0) + (dealStatusOf(deal) === 'unconfirmed' ? 1 : 0);
  const base = { ...pickDealFields(fields), dealsAwaiting: awaiting };
  if (!dealCounts(deal)) return base;
  const active = countsForRotation(deal, rules);
  return {
    ...base,
    dealCount: fields.dealCount + 1,
    dealsSinceAssignment: fields.dealsSinceAssignment + (active && countsForHolder(client, deal) ? 1 : 0),
    firstDealAt: fields.firstDealAt === null || deal.date < fields.firstDealAt ? deal.date : fields.firstDealAt,
    lastDealAt: active && (fields.lastDealAt === null || deal.date > fields.lastDealAt) ? deal.date : fields.lastDealAt,
  };
}

function pickDealFields(f: Omit<DealFields, 'dealsAwaiting'>): Omit<DealFields, 'dealsAwaiting'> {
  return { dealCount: f.dealCount, dealsSinceAssignment: f.dealsSinceAssignment, firstDealAt: f.firstDealAt, lastDealAt: f.lastDealAt };
}

export function isRotatable(client: Pick<Client, 'managerId' | 'lostAt' | 'pinned'>): boolean {
  return client.managerId !== null && client.lostAt === undefined && client.pinned !== true;
}

/** Per channel: whether a mailing list may go to the client, and whether a confirmation request may. */
export type ConsentFlags = { mailable: MailableFlags; awaitingConfirmation: MailableFlags };

export function consentFlags(client: ContactHolder): ConsentFlags {
  return { mailable: mailableFlags(client), awaitingConfirmation: awaitingConfirmationFlags(client) };
}

/** The flags that follow the client's own fields: whether rotation may take it, and the consent flags. */
export function clientFlags(
  client: Pick<Client, 'managerId' | 'lostAt' | 'pinned'> & ContactHolder,
): { rotatable: boolean } & ConsentFlags {
  return { rotatable: isRotatable(client), ...consentFlags(client) };
}

/** Every derived field, computed from a client and all its deals. */
export function deriveClient(
  client: Client,
  deals: ReadonlyArray<CountedDeal>,
  contactKeys: string[],
  version: number,
  updatedAt: string,
  rules: DealFieldRules = { minDealAmount: 0 },
): ClientDerived {
  return { contactKeys, ...dealFieldsOf(client, deals, rules), ...clientFlags(client), version, updatedAt };
}

/** The derived fields of a client just created (by staff, an admin or a sign-up): no deals yet, version 1. */
export function newClientDerived(client: Client, contactKeys: string[], at: string): ClientDerived {
  return deriveClient(client, [], contactKeys, 1, at);
}
