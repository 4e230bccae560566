import type { Client, ClientDerived } from '../schema/client.ts';
import type { Deal } from '../schema/deal.ts';
import { dayOf } from '../schema/common.ts';
import { mailableFlags } from './consent/mailing-eligibility.ts';

/** Orders deals as the bonus rules count them: by date, then id. */
export function compareDeals(a: Pick<Deal, 'date' | 'id'>, b: Pick<Deal, 'date' | 'id'>): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The fields the jobs query on, computed from a client and all its deals (sorted or not).
 * A deal counts towards `dealsSinceAssignment` when the current manager made it on or after the
 * assignment day.
 */
export function deriveClient(client: Client, deals: ReadonlyArray<Deal>, contactKeys: string[], version: number, updatedAt: string): ClientDerived {
  let first: string | null = null;
  let last: string | null = null;
  let since = 0;
  for (const d of deals) {
    if (first === null || d.date < first) first = d.date;
    if (last === null || d.date > last) last = d.date;
    if (client.managerId !== null && d.managerId === client.managerId && client.assignedAt !== undefined && dayOf(d.date) >= dayOf(client.assignedAt)) since++;
  }
  return {
    contactKeys,
    dealCount: deals.length,
    dealsSinceAssignment: since,
    firstDealAt: first,
    lastDealAt: last,
    rotatable: isRotatable(client),
    mailable: mailableFlags(client),
    version,
    updatedAt,
  };
}

export function isRotatable(client: Pick<Client, 'managerId' | 'lostAt' | 'pinned'>): boolean {
  return client.managerId !== null && client.lostAt === undefined && client.pinned !== true;
}
