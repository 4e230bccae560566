import type { BulkWriter, Firestore } from 'firebase-admin/firestore';
import { normaliseContacts } from '../core/contact-normalisation.ts';
import { splitClientDoc } from '../schema/client.ts';
import { hasAnyClient } from './client-list-store.ts';
import { checkSnapshot, type KnownInBase, type RawSnapshot } from '../core/snapshot-check.ts';
import { importCorrection, type CorrectionFacts } from '../core/bonus/corrections.ts';
import { compareDeals, deriveClient } from '../core/client-derivation.ts';
import { asImported, dealCounts, dealNumbers, dealStatusOf } from '../core/bonus/deal-of-record.ts';
import { AppError } from '../errors.ts';
import { mapConcurrently } from '../worker-pool.ts';
import { asOfNow } from '../schema/as-of.ts';
import type { Client, ClientDoc } from '../schema/client.ts';
import { isDocumentId } from '../schema/common.ts';
import { rulesConfigSchema, type RulesConfig } from '../schema/rules-config.ts';
import type { Manager } from '../schema/manager.ts';
import { stableJson } from '../core/stable-json.ts';
import type { Deal, DealDoc } from '../schema/deal.ts';
import type { HistoryEntry } from '../schema/history.ts';
import { collections, contactKeyId, timeOrderedId } from './collections.ts';
import { publishRules, readRules } from './rules-store.ts';
import { latestComputedMonth, markCorrections } from './bonus-correction-store.ts';

export type ImportProgress = (phase: string, done: number, total: number) => void;
export type ImportResult = {
  managers: number;
  clients: number;
  clientsUnchanged: number;
  deals: number;
  history: number;
  contactKeys: number;
  configPublished: boolean;
};

export type ImportOptions = {
  at: string;
  by?: string;
  onProgress?: ImportProgress;
  throttle?: boolean;
  /**
   * Publishes the snapshot's rules unless they are in force, checked against its managers over the base's; says if it did.
   * The rules operation supplies it; without it the rules are published unchecked.
   */
  publishRules?: (rules: RulesConfig, managers: Manager[]) => Promise<boolean>;
};

const readChunk = 300;

async function getAllChunked(db: Firestore, refs: FirebaseFirestore.DocumentReference[]): Promise<FirebaseFirestore.DocumentSnapshot[]> {
  const chunks: FirebaseFirestore.DocumentReference[][] = [];
  for (let i = 0; i < refs.length; i += readChunk) chunks.push(refs.slice(i, i + readChunk));
  // A few reads in flight at once: fast enough for 100,000 clients, gentle on the database.
  return (await mapConcurrently(chunks, 4, (c) => db.getAll(...c))).flat();
}

/** Pulls from the base only what the snapshot names: its managers, its clients, its contact keys. */
async function readKnown(db: Firestore, raw: RawSnapshot): Promise<{ known: KnownInBase; existing: Map<string, ClientDoc> }> {
  const existing = new Map<string, ClientDoc>();
  const managerIds = new Set((await db.collection(collections.managers).select().get()).docs.map((d) => d.id));
  if (!(await hasAnyClient(db))) return { known: { managerIds, clientIds: new Set(), contactOwners: new Map() }, existing };
  const idOf = (v: unknown, key: string) =>
    v && typeof v === 'object' && typeof (v as Record<string, unknown>)[key] === 'string'
      ? ((v as Record<string, unknown>)[key] as string)
      : undefined;
  const wanted = new Set<string>();
  for (const r of raw.clients) if (idOf(r.value, 'id')) wanted.add(idOf(r.value, 'id')!);
  for (const r of [...raw.deals, ...raw.history]) if (idOf(r.value, 'clientId')) wanted.add(idOf(r.value, 'clientId')!);
  // Ids Firestore would refuse are not looked up: the check reports them, naming the record.
  const safeIds = [...wanted].filter(isDocumentId);
  const snaps = await getAllChunked(
    db,
    safeIds.map((id) => db.collection(collections.clients).doc(id)),
  );
  for (const s of snaps) if (s.exists) existing.set(s.id, s.data() as ClientDoc);
  const keys = new Set<string>();
  for (const r of raw.clients) {
    const v = r.value as { phones?: unknown; emails?: unknown; taxNumber?: unknown };
    if (!v || typeof v !== 'object') continue;
    const phones = Array.isArray(v.phones) ? v.phones.filter((x): x is string => typeof x === 'string') : [];
    const emails = Array.isArray(v.emails) ? v.emails.filter((x): x is string => typeof x === 'string') : [];
    for (const k of normaliseContacts({ phones, emails, taxNumber: typeof v.taxNumber === 'string' ? v.taxNumber : undefined }).keys)
      keys.add(k);
  }
  const contactOwners = new Map<string, string>();
  const keySnaps = await getAllChunked(
    db,
    [...keys].map((k) => db.collection(collections.contactKeys).doc(contactKeyId(k))),
  );
  for (const s of keySnaps) if (s.exists) contactOwners.set(s.get('key') as string, s.get('clientId') as string);
  return { known: { managerIds, clientIds: new Set(existing.keys()), contactOwners }, existing };
}

/** Deals already in the base for clients the snapshot touches, so derived fields count them too (with their numbers). */
async function readExistingDeals(db: Firestore, clientIds: string[]): Promise<DealDoc[]> {
  if (clientIds.length === 0) return [];
  const strip = (d: FirebaseFirestore.QueryDocumentSnapshot) => d.data() as DealDoc;
  if (clientIds.length > 3000) {
    const wanted = new Set(clientIds);
    return (await db.collection(collections.deals).get()).docs.map(strip).filter((d) => wanted.has(d.clientId));
  }
  const out: DealDoc[] = [];
  for (let i = 0; i < clientIds.length; i += 30) {
    const snap = await db
      .collection(collections.deals)
      .where('clientId', 'in', clientIds.slice(i, i + 30))
      .get();
    out.push(...snap.docs.map(strip));
  }
  return out;
}

function addDeal(byClient: Map<string, Map<string, Deal>>, deal: Deal): void {
  let m = byClient.get(deal.clientId);
  if (!m) byClient.set(deal.clientId, (m = new Map()));
  m.set(deal.id, deal);
}

/** The bonus facts of a client that an import may rewrite, besides its deals. */
const bonusFactsOf = (c: Partial<Client> | undefined) => stableJson([c?.attractedBy ?? null, c?.lostAt ?? null, c?.formerHolders ?? []]);
const dealFactsOf = (deals: ReadonlyArray<DealDoc>) =>
  stableJson(
    [...deals].sort((a, b) => (a.id < b.id ? -1 : 1)).map((d) => [d.id, d.date, d.managerId, d.amount, d.profit, d.seq, dealStatusOf(d)]),
  );

/**
 * The clients whose bonus facts the import changes (MISSION §3.7): deals added, changed or
 * renumbered, or the attractor, lost day or former holders rewritten. Each is a correction of every
 * month its deals, old and new, and its first deal lead to; whether one was already computed is
 * for `markCorrections` to say.
 */
function bonusCorrections(
  clients: ReadonlyArray<{ client: Client }>,
  touched: ReadonlySet<string>,
  existing: ReadonlyMap<string, ClientDoc>,
  existingDeals: ReadonlyArray<DealDoc>,
  clientDeals: (id: string) => Deal[],
): Array<{ clientId: string; facts: CorrectionFacts }> {
  const before = new Map<string, DealDoc[]>();
  for (const d of existingDeals) before.set(d.clientId, [...(before.get(d.clientId) ?? []), d]);
  const inSnapshot = new Map(clients.map((c) => [c.client.id, c.client]));
  const out: Array<{ clientId: string; facts: CorrectionFacts }> = [];
  for (const id of touched) {
    const old = before.get(id) ?? [];
    const sorted = clientDeals(id);
    const seqs = dealNumbers(sorted);
    const now = sorted.map((d, i) => ({ ...d, seq: seqs[i]! }));
    const rewritten = inSnapshot.has(id) && bonusFactsOf(existing.get(id)) !== bonusFactsOf(inSnapshot.get(id));
    if (!rewritten && dealFactsOf(old) === dealFactsOf(now)) continue;
    const dates = [...old, ...now].map((d) => d.date);
    const facts = importCorrection(dates, [existing.get(id)?.firstDealAt ?? null, now.find(dealCounts)?.date ?? null]);
    if (facts !== undefined) out.push({ clientId: id, facts });
  }
  return out;
}

function publishUnchecked(db: Firestore, options: ImportOptions): (rules: RulesConfig) => Promise<boolean> {
  return async (rules) => {
    const current = await readRules(db);
    if (current.version !== 0 && stableJson(current.rules) === stableJson(rules)) return false;
    await publishRules(db, rules, { by: options.by ?? 'import', at: options.at });
    return true;
  };
}

export function dealHistoryId(deal: Deal): string {
  return timeOrderedId(deal.date, `deal-${deal.id}`);
}

/**
 * Imports a snapshot all-or-nothing: everything is validated (against the base too) before the
 * first write, so invalid input writes nothing. Writing is idempotent: ids are the records' ids,
 * unchanged clients are not rewritten, so importing the same file twice leaves one copy. If the
 * process dies while writing, running the import again completes it.
 */
export async function importSnapshot(db: Firestore, raw: RawSnapshot, options: ImportOptions): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => undefined);
  progress('checking', 0, raw.clients.length);
  const { known, existing } = await readKnown(db, raw);
  // What happened is dated no later than today where the company works (the snapshot's zone if it sets one).
  const ownZone = raw.config === undefined ? undefined : rulesConfigSchema.safeParse(raw.config.value).data?.timeZone;
  const timeZone = ownZone ?? (await readRules(db)).rules.timeZone;
  const { snapshot, issues } = checkSnapshot(raw, known, asOfNow(timeZone, new Date(options.at)));
  if (issues.length > 0)
    throw new AppError('invalid-input', `the snapshot has ${issues.length} problem(s); nothing was imported`, { issues });
  // The first write, and refused before any other when the rules do not fit the roster the import leaves.
  const configPublished = snapshot.config
    ? await (options.publishRules ?? publishUnchecked(db, options))(snapshot.config, snapshot.managers)
    : false;

  const touched = new Set([...snapshot.clients.map((c) => c.client.id), ...snapshot.deals.map((d) => d.clientId)]);
  const dealsByClient = new Map<string, Map<string, Deal>>();
  const existingTouched = [...touched].filter((id) => existing.has(id));
  const existingDeals = await readExistingDeals(db, existingTouched);
  for (const { seq: _seq, ...d } of existingDeals) addDeal(dealsByClient, d);
  for (const d of snapshot.deals) addDeal(dealsByClient, asImported(d, { by: options.by ?? 'import', at: options.at }));
  const dealRules = (snapshot.config ?? (await readRules(db)).rules).rotation;
  const clientDeals = (id: string) => [...(dealsByClient.get(id)?.values() ?? [])].sort(compareDeals);
  // Into a base whose bonuses were never computed, nothing an import brings is a correction.
  const latestComputed = await latestComputedMonth(db);
  const corrections = latestComputed === undefined ? [] : bonusCorrections(snapshot.clients, touched, existing, existingDeals, clientDeals);

  const writer: BulkWriter = db.bulkWriter(options.throttle === false ? { throttling: false } : {});
  const failures: string[] = [];
  writer.onWriteError((e) => {
    if (e.failedAttempts < 5) return true;
    failures.push(`${e.documentRef.path}: ${e.message}`);
    return false;
  });
  const result: ImportResult = {
    managers: 0,
    clients: 0,
    clientsUnchanged: 0,
    deals: 0,
    history: 0,
    contactKeys: 0,
    configPublished,
  };

  // Marks first (a crash after the data must not lose them), and again after the data (see markCorrections).
  const marked = markCorrections(writer, db, corrections, latestComputed, options.at);
  if (marked > 0) await writer.flush();

  for (const m of snapshot.managers) {
    void writer.set(db.collection(collections.managers).doc(m.id), m);
    result.managers++;
  }

  const total = snapshot.clients.length;
  let done = 0;
  for (const { client, contactKeys } of snapshot.clients) {
    const before = existing.get(client.id);
    const derivedNow = deriveClient(client, clientDeals(client.id), contactKeys, before?.version ?? 1, options.at, dealRules);
    const doc: ClientDoc = { ...client, ...derivedNow };
    const comparable = (d: ClientDoc) => stableJson({ ...d, version: 0, updatedAt: '', lastEdit: undefined });
    if (before && comparable(before) === comparable(doc)) {
      result.clientsUnchanged++;
    } else {
      if (before) doc.version = before.version + 1;
      void writer.set(db.collection(collections.clients).doc(client.id), doc);
      result.clients++;
      for (const key of contactKeys) {
        void writer.set(db.collection(collections.contactKeys).doc(contactKeyId(key)), { clientId: client.id, key });
        result.contactKeys++;
      }
      for (const gone of before?.contactKeys ?? []) {
        if (!contactKeys.includes(gone)) void writer.delete(db.collection(collections.contactKeys).doc(contactKeyId(gone)));
      }
    }
    if (++done % 5000 === 0) {
      progress('clients', done, total);
      await writer.flush();
    }
  }
  progress('clients', done, total);

  // Clients that only gained deals: their derived fields change, their own fields do not.
  const inSnapshot = new Set(snapshot.clients.map((c) => c.client.id));
  for (const id of touched) {
    if (inSnapshot.has(id) || !existing.has(id)) continue;
    const before = existing.get(id)!;
    const own = splitClientDoc(before).own;
    const derivedNow = deriveClient(own, clientDeals(id), before.contactKeys, before.version + 1, options.at, dealRules);
    void writer.set(db.collection(collections.clients).doc(id), { ...before, ...derivedNow });
  }

  const history = new Map<string, HistoryEntry>();
  let dealsDone = 0;
  for (const clientId of dealsByClient.keys()) {
    const sorted = clientDeals(clientId);
    const seqs = dealNumbers(sorted);
    sorted.forEach((deal, i) => {
      const dealDoc: DealDoc = { ...deal, seq: seqs[i]! };
      void writer.set(db.collection(collections.deals).doc(deal.id), dealDoc);
      const entry: HistoryEntry = {
        id: dealHistoryId(deal),
        clientId,
        type: 'deal',
        at: deal.date,
        by: options.by ?? 'import',
        dealId: deal.id,
        managerId: deal.managerId,
        amount: deal.amount,
        profit: deal.profit,
      };
      history.set(`${clientId}/${entry.id}`, entry);
      dealsDone++;
    });
  }
  progress('deals', dealsDone, dealsDone);
  result.deals = snapshot.deals.length;
  for (const h of snapshot.history) history.set(`${h.clientId}/${h.id}`, h);
  for (const h of history.values()) {
    void writer.set(db.collection(collections.clients).doc(h.clientId).collection(collections.history).doc(h.id), h);
    result.history++;
  }
  await writer.flush();
  markCorrections(writer, db, corrections, latestComputed, options.at);
  await writer.close();
  progress('done', total, total);
  if (failures.length > 0)
    throw new AppError('unavailable', `${failures.length} write(s) failed; run the same import again to complete it`, {
      issues: failures.slice(0, 20).map((f) => ({ path: f, message: 'write failed' })),
    });
  return result;
}
