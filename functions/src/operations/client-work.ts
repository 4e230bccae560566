import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { checkDealManager, dealMaker, listedHolder, newClientHolding, type StaffMember } from '../core/staff-changes.ts';
import type { Client, ClientHoldingFacts } from '../schema/client.ts';
import type { Deal, DealDoc } from '../schema/deal.ts';
import type { HistoryEntry } from '../schema/history.ts';
import { readClientInScope, type ClientScope, type ClientView } from '../store/client-edit-store.ts';
import { listClients, withHoldingFacts, type ClientListQuery, type ClientPage } from '../store/client-list-store.ts';
import { clientView } from '../store/client-edit-store.ts';
import { createClient, readHistory, recordDeal, type HolderGuard } from '../store/client-store.ts';
import { readManager } from '../store/manager-store.ts';
import { recordConsent } from '../store/consent-store.ts';

/** Who acts and what they may touch: their scope for reads, their guard for writes (a manager only their own clients). */
export type Access = { actor: StaffMember; scope: ClientScope; guard: HolderGuard };
type Stamp = { by: string; at: string };
/** A client as lists and cards show it: the stored view and how long it has been held. */
type ListedClient = ClientView & ClientHoldingFacts;

/** A page of clients as the sheet shows them (holding facts included), and whose they are (undefined: the whole base). */
export async function clientListing(
  db: Firestore,
  input: { actor: StaffMember; query: Omit<ClientListQuery, 'managerId'> & { managerId?: string }; at: string },
): Promise<{ holder: string | undefined; page: Omit<ClientPage, 'clients'> & { clients: ListedClient[] } }> {
  const holder = listedHolder(input.actor, input.query.managerId);
  const { managerId: _asked, ...query } = input.query;
  const page = await listClients(db, { ...query, ...(holder !== undefined ? { managerId: holder } : {}) } as ClientListQuery);
  return { holder, page: { ...page, clients: await withHoldingFacts(db, page.clients, input.at) } };
}

/** One client's card: the client with its holding facts, and its history. */
export async function clientCard(
  db: Firestore,
  input: { clientId: string; scope: ClientScope; at: string },
): Promise<{ client: ListedClient; history: HistoryEntry[] }> {
  const client = await readClientInScope(db, input.clientId, input.scope);
  const history = await readHistory(db, input.clientId);
  return { client: (await withHoldingFacts(db, [client], input.at))[0]!, history };
}

/** A deal on a client the caller may touch, made by whom `dealMaker` says. */
export async function recordClientDeal(
  db: Firestore,
  input: { clientId: string; deal: Omit<Deal, 'id' | 'clientId' | 'managerId'> & { id?: string; managerId?: string } },
  access: Access,
  stamp: Stamp,
): Promise<DealDoc> {
  const client = await readClientInScope(db, input.clientId, access.scope);
  const { managerId: given, ...deal } = input.deal;
  const managerId = dealMaker(access.actor, given, client.managerId);
  if (managerId !== access.actor.id) checkDealManager(managerId, await readManager(db, managerId));
  return recordDeal(db, { ...deal, id: deal.id ?? `d-${randomUUID()}`, clientId: input.clientId, managerId }, stamp, access.guard);
}

/** A consent given or withdrawn on a client the caller may touch. */
export async function recordClientConsent(
  db: Firestore,
  input: { clientId: string; consent: Omit<Parameters<typeof recordConsent>[1], 'clientId' | 'by' | 'at'> },
  access: Access,
  stamp: Stamp,
): ReturnType<typeof recordConsent> {
  await readClientInScope(db, input.clientId, access.scope);
  return recordConsent(db, { clientId: input.clientId, ...input.consent, ...stamp }, access.guard);
}

/** A new client, held as `newClientHolding` says (a named holder is read from the roster first), as the sheet shows it. */
export async function createClientByCaller(
  db: Firestore,
  input: { client: Omit<Client, 'id' | 'managerId' | 'assignedAt' | 'attractedBy'> & { id?: string }; managerId?: string | null },
  actor: StaffMember,
  when: { day: string; at: string },
): Promise<ClientView | undefined> {
  const named = input.managerId ?? null;
  const holder = actor.role === 'admin' && named !== null ? await readManager(db, named) : undefined;
  const holding = newClientHolding(actor, { managerId: named, holder }, when.day, when.at);
  const client: Client = { ...input.client, id: input.client.id ?? `c-${randomUUID()}`, ...holding };
  const doc = await createClient(db, client, { by: actor.id, at: when.at });
  return (await withHoldingFacts(db, [clientView(doc)], when.at))[0];
}
