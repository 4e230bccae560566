import type { z } from 'zod';
import { contactKeyField, normaliseContacts } from './contact-normalisation.ts';
import { humanMessage, type FieldIssue } from '../errors.ts';
import type { Client } from '../schema/client.ts';
import type { Deal } from '../schema/deal.ts';
import type { HistoryEntry } from '../schema/history.ts';
import type { Manager } from '../schema/manager.ts';
import { rulesConfigSchema, type RulesConfig } from '../schema/rules-config.ts';
import type { AsOf } from '../schema/as-of.ts';
import { snapshotRecordSchemas } from '../schema/snapshot.ts';

/**
 * A record as read from a file, with a way to name any of its fields for the user:
 * `clients[17].phones[0]` for JSON, `clients.csv line 18, column phones` for CSV.
 */
export type SourceRecord = { value: unknown; locate: (path: ReadonlyArray<PropertyKey>) => string };

export type RawSnapshot = {
  config?: { value: unknown; locate: SourceRecord['locate'] };
  managers: SourceRecord[];
  clients: SourceRecord[];
  deals: SourceRecord[];
  history: SourceRecord[];
};

export type CheckedClient = { client: Client; contactKeys: string[] };

export type CheckedSnapshot = {
  config?: RulesConfig;
  managers: Manager[];
  clients: CheckedClient[];
  deals: Deal[];
  history: HistoryEntry[];
};

/** What the database already holds that a snapshot may refer to or clash with. */
export type KnownInBase = {
  managerIds: ReadonlySet<string>;
  clientIds: ReadonlySet<string>;
  /** contact key → the client id holding it in the base. */
  contactOwners: ReadonlyMap<string, string>;
};

export const emptyBase: KnownInBase = { managerIds: new Set(), clientIds: new Set(), contactOwners: new Map() };

function parseRecords<T>(
  schema: z.ZodType<T>,
  records: SourceRecord[],
  issues: FieldIssue[],
): Array<{ value: T; source: SourceRecord } | undefined> {
  return records.map((source) => {
    const r = schema.safeParse(source.value);
    if (r.success) return { value: r.data, source };
    for (const issue of r.error.issues) issues.push({ path: source.locate(issue.path), message: humanMessage(issue, source.value) });
    return undefined;
  });
}

function checkUniqueIds(
  kind: string,
  parsed: Array<{ value: { id: string }; source: SourceRecord } | undefined>,
  issues: FieldIssue[],
): void {
  const seen = new Map<string, SourceRecord>();
  for (const p of parsed) {
    if (!p) continue;
    const first = seen.get(p.value.id);
    if (first)
      issues.push({ path: p.source.locate(['id']), message: `duplicate ${kind} id ${p.value.id} (also at ${first.locate(['id'])})` });
    else seen.set(p.value.id, p.source);
  }
}

/**
 * Validates a whole snapshot before anything is written: every record against its schema (with
 * `asOf`, nothing that happened is dated after the company's today), contacts normalised, ids
 * unique, references resolvable (in the snapshot or already in the base), and no contact shared by
 * two clients. Returns every problem, not just the first.
 */
export function checkSnapshot(
  raw: RawSnapshot,
  base: KnownInBase = emptyBase,
  asOf?: AsOf,
): { snapshot: CheckedSnapshot; issues: FieldIssue[] } {
  const schemas = snapshotRecordSchemas(asOf);
  const issues: FieldIssue[] = [];
  let config: RulesConfig | undefined;
  if (raw.config) {
    const parsedConfig = parseRecords(rulesConfigSchema, [{ value: raw.config.value, locate: raw.config.locate }], issues)[0];
    config = parsedConfig?.value;
  }
  const managers = parseRecords(schemas.managers, raw.managers, issues);
  const clients = parseRecords(schemas.clients, raw.clients, issues);
  const deals = parseRecords(schemas.deals, raw.deals, issues);
  const history = parseRecords(schemas.history, raw.history, issues);
  checkUniqueIds('manager', managers, issues);
  checkUniqueIds('client', clients, issues);
  checkUniqueIds('deal', deals, issues);
  checkUniqueIds('history entry', history, issues);

  // An invalid record's id still counts as present: its own errors are reported, not every reference to it.
  const idsOf = (records: SourceRecord[]) =>
    records.flatMap((r) =>
      r.value && typeof r.value === 'object' && typeof (r.value as { id?: unknown }).id === 'string'
        ? [(r.value as { id: string }).id.trim()]
        : [],
    );
  const managerIds = new Set([...base.managerIds, ...idsOf(raw.managers)]);
  const clientIds = new Set([...base.clientIds, ...idsOf(raw.clients)]);
  const checkedClients: CheckedClient[] = [];
  const keyOwners = new Map<string, { clientId: string; where: string }>();
  // Records that failed their schema are still checked for contacts and references, so the user
  // sees every problem in one pass.
  raw.clients.forEach((source, index) => {
    const p = clients[index] ?? { value: looseClient(source.value), source };
    const c = p.value;
    for (const field of ['managerId', 'attractedBy'] as const) {
      const ref = c[field];
      if (ref != null && !managerIds.has(ref)) issues.push({ path: p.source.locate([field]), message: `no manager with id ${ref}` });
    }
    c.formerHolders?.forEach((h, i) => {
      if (!managerIds.has(h.managerId))
        issues.push({ path: p.source.locate(['formerHolders', i, 'managerId']), message: `no manager with id ${h.managerId}` });
    });
    const { contacts, keys, issues: contactIssues } = normaliseContacts(c);
    for (const ci of contactIssues) issues.push({ path: p.source.locate(ci.path), message: ci.message });
    if (contactIssues.length > 0) return;
    for (const key of keys) {
      if (!c.id) break;
      const field = contactKeyField(key);
      const inSnapshot = keyOwners.get(key);
      if (inSnapshot && inSnapshot.clientId !== c.id) {
        issues.push({
          path: p.source.locate([field]),
          message:
            `${key.slice(key.indexOf(':') + 1)} is also on client ${inSnapshot.clientId} ` +
            `(${inSnapshot.where}): a contact belongs to one client`,
        });
        continue;
      }
      const inBase = base.contactOwners.get(key);
      if (inBase !== undefined && inBase !== c.id) {
        issues.push({ path: p.source.locate([field]), message: `already in the base as client ${inBase}` });
        continue;
      }
      keyOwners.set(key, { clientId: c.id, where: p.source.locate(['id']) });
    }
    if (!clients[index]) return;
    const client: Client = { ...(c as Client), phones: contacts.phones, emails: contacts.emails };
    if (contacts.taxNumber !== undefined) client.taxNumber = contacts.taxNumber;
    checkedClients.push({ client, contactKeys: keys });
  });
  for (const p of deals) {
    if (!p) continue;
    if (!clientIds.has(p.value.clientId))
      issues.push({ path: p.source.locate(['clientId']), message: `no client with id ${p.value.clientId}` });
    if (!managerIds.has(p.value.managerId))
      issues.push({ path: p.source.locate(['managerId']), message: `no manager with id ${p.value.managerId}` });
  }
  for (const p of history) {
    if (p && !clientIds.has(p.value.clientId))
      issues.push({ path: p.source.locate(['clientId']), message: `no client with id ${p.value.clientId}` });
  }
  return {
    snapshot: {
      ...(config ? { config } : {}),
      managers: managers.flatMap((m) => (m ? [m.value] : [])),
      clients: checkedClients,
      deals: deals.flatMap((d) => (d ? [d.value] : [])),
      history: history.flatMap((h) => (h ? [h.value] : [])),
    },
    issues,
  };
}

type LooseClient = Pick<Client, 'id' | 'phones' | 'emails' | 'taxNumber' | 'managerId' | 'attractedBy' | 'formerHolders'>;

/** The parts of an invalid client record that can still be checked. */
function looseClient(value: unknown): LooseClient {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return {
    id: str(v.id) ?? '',
    phones: strings(v.phones),
    emails: strings(v.emails),
    taxNumber: str(v.taxNumber),
    managerId: str(v.managerId) ?? null,
    attractedBy: str(v.attractedBy),
  };
}
