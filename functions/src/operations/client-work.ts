import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import type { CardDeal } from '../api/contract.ts';
import { recordedViaOf } from '../core/bonus/deal-of-record.ts';
import { dealDateIssue, refuseIfLost } from '../core/holding-dates.ts';
import {
  checkDealManager,
  checkNewClientContacts,
  dealMaker,
  listedHolder,
  newClientHolding,
  type StaffMember,
} from '../core/staff-changes.ts';
import { AppError } from '../errors.ts';
import { readClientDeals } from '../store/deal-review-store.ts';
import { cardDealOf } from './deal-review.ts';
import type { Client, ClientHoldingFacts } from '../schema/client.ts';
import type { Deal, DealDoc } from '../schema/deal.ts';
import type { HistoryEntry } from '../schema/history.ts';
import { readClientInScope, type ClientScope, type ClientView } from '../store/client-edit-store.ts';
import { listClients, withHoldingFacts, type ClientListQuery, type ClientPage } from '../store/client-list-store.ts';
import { clientView } from '../store/client-edit-store.ts';
import { createClient, readHistory, recordDeal, type HolderGuard } from '../store/client-store.ts';
import { readManager } from '../store/manager-store.ts';
import { writeAudit } from '../store/audit-store.ts';
import { recordConsent } from '../store/consent-store.ts';
import { listContactsToVerify, type ContactToVerifyView } from '../store/contact-verify-store.ts';

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

/**
 * One client's card: the client with its holding facts, its history, its deals newest first, and
 * the contacts sign-ups gave for it awaiting a decision.
 */
export async function clientCard(
  db: Firestore,
  input: { clientId: string; scope: ClientScope; at: string },
): Promise<{ client: ListedClient; history: HistoryEntry[]; deals: CardDeal[]; contactsToVerify: ContactToVerifyView[] }> {
  const client = await readClientInScope(db, input.clientId, input.scope);
  const [history, deals, contactsToVerify] = await Promise.all([
    readHistory(db, input.clientId),
    readClientDeals(db, input.clientId),
    listContactsToVerify(db, input.clientId),
  ]);
  return { client: (await withHoldingFacts(db, [client], input.at))[0]!, history, deals: deals.map(cardDealOf), contactsToVerify };
}

/** The guard of a holder's write that a lost client refuses (the admin's writes pass). */
function outOfBookGuard(access: Access): HolderGuard {
  return access.actor.role === 'admin' ? access.guard : { ...access.guard, refuseLost: true };
}

/**
 * A deal on a client the caller may touch, made by whom `dealMaker` says. A holder records deals
 * only on a client that is not lost, dated within their holding (`timeZone`: the company's).
 */
export async function recordClientDeal(
  db: Firestore,
  input: { clientId: string; deal: Omit<Deal, 'id' | 'clientId' | 'managerId'> & { id?: string; managerId?: string }; timeZone: string },
  access: Access,
  stamp: Stamp,
): Promise<DealDoc> {
  const client = await readClientInScope(db, input.clientId, access.scope);
  const { managerId: given, ...deal } = input.deal;
  if (access.actor.role !== 'admin') {
    refuseIfLost(client, input.clientId);
    const early = dealDateIssue(client, deal.date, input.timeZone);
    if (early !== undefined) throw new AppError('invalid-input', 'invalid deal date', { issues: [early] });
  }
  const managerId = dealMaker(access.actor, given, client.managerId);
  if (managerId !== access.actor.id) checkDealManager(managerId, await readManager(db, managerId));
  const doc = await recordDeal(
    db,
    { ...deal, id: deal.id ?? `d-${randomUUID()}`, clientId: input.clientId, managerId },
    stamp,
    outOfBookGuard(access),
    recordedViaOf(access.actor),
  );
  await auditNotHolder(db, client, stamp, { action: 'record deal', target: `deals/${doc.id}`, details: { after: doc } });
  return doc;
}

/** A consent given or withdrawn on a client the caller may touch; a holder gives none on a lost client (withdrawing stays open). */
export async function recordClientConsent(
  db: Firestore,
  input: { clientId: string; consent: Omit<Parameters<typeof recordConsent>[1], 'clientId' | 'by' | 'at'> },
  access: Access,
  stamp: Stamp,
): ReturnType<typeof recordConsent> {
  const client = await readClientInScope(db, input.clientId, access.scope);
  const guard = input.consent.status === 'granted' ? outOfBookGuard(access) : access.guard;
  const consent = await recordConsent(db, { clientId: input.clientId, ...input.consent, ...stamp }, guard);
  const before = client.consents?.find((c) => c.channel === consent.channel) ?? null;
  await auditNotHolder(db, client, stamp, {
    action: 'record consent',
    target: `clients/${client.id}`,
    details: { before, after: consent },
  });
  return consent;
}

/** A write on a client by anyone but its holder is audited, naming the holder and what it changed (edits, notes: see the store). */
async function auditNotHolder(
  db: Firestore,
  client: ClientView,
  stamp: Stamp,
  entry: { action: string; target: string; details: Record<string, unknown> },
): Promise<void> {
  if (client.managerId === stamp.by) return;
  await writeAudit(db, { at: stamp.at, actor: stamp.by, outcome: 'ok', ...entry, details: { holder: client.managerId, ...entry.details } });
}

/** A new client, held as `newClientHolding` says (a named holder is read from the roster first), as the sheet shows it. */
export async function createClientByCaller(
  db: Firestore,
  input: { client: Omit<Client, 'id' | 'managerId' | 'assignedAt' | 'attractedBy'> & { id?: string }; managerId?: string | null },
  actor: StaffMember,
  when: { day: string; at: string },
): Promise<ClientView | undefined> {
  checkNewClientContacts(input.client);
  const named = input.managerId ?? null;
  const holder = actor.role === 'admin' && named !== null ? await readManager(db, named) : undefined;
  const holding = newClientHolding(actor, { managerId: named, holder }, when.day, when.at);
  const client: Client = { ...input.client, id: input.client.id ?? `c-${randomUUID()}`, ...holding };
  const doc = await createClient(db, client, { by: actor.id, at: when.at });
  return (await withHoldingFacts(db, [clientView(doc)], when.at))[0];
}
