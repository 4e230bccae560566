import { AppError, type FieldIssue } from '../errors.ts';
import { companyDay } from './calendar.ts';

// Pay follows who held a client when something happened, so what a holder types about the past is
// bounded by their own holding: a deal dated before they held the client would pay them for a
// colleague's month, a lost day before it would claw back a colleague's released bonus. The head of
// sales and imports record older history (a migration); these rules are for holders only. Pure.

/** What the rules read of a client: when it came to the base, since when its holder holds it, its last deal. */
export type HeldClient = { createdAt?: string; assignedAt?: string; lastDealAt?: string | null };

/** The later of two company days, either possibly unknown. */
function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

const day = (at: string | null | undefined, timeZone: string) => (at === undefined || at === null ? undefined : companyDay(at, timeZone));

/** The first company day a holder may date a deal on: the client's creation in the base and the start of their holding. */
export function firstDealDayForHolder(client: HeldClient, timeZone: string): string | undefined {
  return later(day(client.createdAt, timeZone), day(client.assignedAt, timeZone));
}

/** A deal's date a holder may not record, as the field issue that says from when they may; undefined when it is fine. */
export function dealDateIssue(client: HeldClient, date: string, timeZone: string, path = 'date'): FieldIssue | undefined {
  const floor = firstDealDayForHolder(client, timeZone);
  if (floor === undefined || companyDay(date, timeZone) >= floor) return undefined;
  return {
    path,
    message:
      `must not be before ${floor}, when the client came to the base or to you; ` +
      'only the head of sales (admin) records deals from before that',
  };
}

/** The first company day a holder may mark the client lost on: the start of their holding, and not before its last deal. */
export function firstLostDayForHolder(client: HeldClient, timeZone: string): string | undefined {
  return later(day(client.assignedAt, timeZone), day(client.lastDealAt, timeZone));
}

/** A lost day a holder may not set, as the field issue that says from when they may; undefined when it is fine. */
export function lostDayIssue(client: HeldClient, lostAt: string, timeZone: string, path = 'changes.lostAt'): FieldIssue | undefined {
  const floor = firstLostDayForHolder(client, timeZone);
  if (floor === undefined || companyDay(lostAt, timeZone) >= floor) return undefined;
  return {
    path,
    message:
      `must not be before ${floor}: a client is lost on or after the day you took it over and its last deal; ` +
      'only the head of sales (admin) may date a loss earlier',
  };
}

/**
 * A lost client is out of its holder's book: no deals, contacts or consents given until the head of
 * sales reinstates it (otherwise "lost" would be a pin against rotation the holder goes on working).
 * Throws `client-lost` (409) for a holder; the admin's own writes pass.
 */
export function refuseIfLost(client: { lostAt?: string | undefined }, clientId: string): void {
  if (client.lostAt === undefined) return;
  throw new AppError('client-lost', `client ${clientId} is marked lost (on ${client.lostAt}): ask the head of sales to reinstate it`, {
    details: { clientId, lostAt: client.lostAt },
  });
}
