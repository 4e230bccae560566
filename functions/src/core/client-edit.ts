import { formatPath, issuesFromZod, type FieldIssue } from '../errors.ts';
import type { AuditEntry } from '../schema/audit.ts';
import { clientSchema, editableClientFields, splitClientDoc, type Client, type ClientDoc } from '../schema/client.ts';
import type { ClientChanges } from '../schema/client-changes.ts';
import type { HistoryEntry, NewHistoryEntry } from '../schema/history.ts';
import { lostDayCorrection, type CorrectionFacts } from './bonus/corrections.ts';
import { companyMonth } from './calendar.ts';
import { clientFlags } from './client-derivation.ts';
import { hasContact, missingContactIssue, withNormalisedContacts } from './contact-normalisation.ts';
import { lostDayIssue } from './holding-dates.ts';

/**
 * Who edits: their id; whether they may reinstate a lost client, move its lost day or date a loss
 * before the holding (the admin); and the company's time zone, whose days those dates are.
 */
export type EditActor = { by: string; mayReinstate: boolean; timeZone: string };

/** What an edit writes when it changes something. */
export type EditWrite = {
  doc: ClientDoc;
  /** In the order written, without ids: the store gives them ids that keep that order. */
  history: NewHistoryEntry[];
  /** A reinstatement or a moved lost day: audited in the same transaction. */
  audit?: AuditEntry;
  /** A lost day moved in a month bonuses were computed for: the bonus job must look again. */
  lostCorrection?: CorrectionFacts;
};

/**
 * An edit refused as it stands, or its plan: the contact keys it adds (the store checks them
 * against other clients before writing anything), and what to write, absent when the edit changes
 * nothing (the same values typed again) and so writes nothing. A contact the edit removes stays
 * claimed by the client: only the admin releases it.
 */
export type EditPlan =
  | { status: 'invalid'; errors: FieldIssue[] }
  | { status: 'forbidden'; errors: FieldIssue[] }
  | { status: 'planned'; addedKeys: string[]; write?: EditWrite };

type FieldChange = Extract<HistoryEntry, { type: 'edit' }>['changes'][number];

/** The client's own fields with the changes laid over them (`null` clears a field). */
function merged(current: Client, changes: ClientChanges): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  // Reinstating clears the loss's reason and competitor with it; the history keeps them.
  if (changes.lostAt === null) for (const k of ['lostReason', 'competitor'] as const) if (changes[k] === undefined) delete out[k];
  return out;
}

/**
 * Marking a client lost takes it out of rotation, so a manager could park a client there to dodge a
 * rotation and bring it back after. Anyone holding the client may mark it lost, with a reason; only
 * an admin may reinstate it or move the day it was lost (which decides whether a raised bonus is
 * paid), and a reinstatement is audited.
 */
function lostMarkProblem(current: ClientDoc, next: Client, actor: EditActor): EditPlan | undefined {
  const { mayReinstate } = actor;
  if (current.lostAt === undefined) {
    if (next.lostAt === undefined) return undefined;
    const issues: FieldIssue[] = [];
    const early = mayReinstate ? undefined : lostDayIssue(current, next.lostAt, actor.timeZone);
    if (early !== undefined) issues.push(early);
    if ((next.lostReason ?? '') === '') issues.push({ path: 'changes.lostReason', message: 'is required when marking a client lost' });
    return issues.length > 0 ? { status: 'invalid', errors: issues } : undefined;
  }
  if (mayReinstate || next.lostAt === current.lostAt) return undefined;
  const message =
    next.lostAt === undefined
      ? 'only the head of sales (admin) may reinstate a lost client'
      : 'only the head of sales (admin) may change the day a client was lost';
  return { status: 'forbidden', errors: [{ path: 'changes.lostAt', message }] };
}

/** The own fields an edit changed, each with its stored value before and after (null: empty). */
function fieldChanges(before: Client, after: Client): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of editableClientFields) {
    const was = (before[field] ?? null) as FieldChange['before'];
    const now = (after[field] ?? null) as FieldChange['after'];
    if (JSON.stringify(was) !== JSON.stringify(now)) out.push({ field, before: was, after: now });
  }
  return out;
}

/** The history after the edit entry: a loss with its reason, or a reinstatement's note; and the audit of either admin act. */
function lostMarkEffects(
  current: ClientDoc,
  client: Client,
  actor: EditActor,
  at: string,
): { history: NewHistoryEntry[]; audit?: AuditEntry } {
  const about = { clientId: current.id, at, by: actor.by };
  if (current.lostAt === undefined && client.lostAt !== undefined) {
    const reason = client.lostReason ?? '';
    return { history: [{ type: 'lost', ...about, reason, ...(client.competitor !== undefined ? { competitor: client.competitor } : {}) }] };
  }
  if (current.lostAt === undefined || client.lostAt === current.lostAt) return { history: [] };
  const reinstated = client.lostAt === undefined;
  return {
    history: reinstated ? [{ type: 'note', ...about, text: `no longer marked lost (was lost on ${current.lostAt})` }] : [],
    audit: {
      at,
      actor: actor.by,
      action: reinstated ? 'reinstate lost client' : 'change lost day',
      outcome: 'ok',
      target: `clients/${current.id}`,
      details: { lostAt: current.lostAt, newLostAt: client.lostAt ?? null, lostReason: current.lostReason ?? null },
    },
  };
}

/**
 * Plans one edit of the client document `current` (already at the version the edit was made
 * against) at the instant `at`: the changed client is validated whole, its contacts normalised,
 * the lost mark checked, and the new document, its history and audit made. Pure.
 */
export function planEdit(current: ClientDoc, changes: ClientChanges, actor: EditActor, at: string): EditPlan {
  const { own, derived } = splitClientDoc(current);
  const parsed = clientSchema.safeParse(merged(own, changes));
  if (!parsed.success) return { status: 'invalid', errors: issuesFromZod(parsed.error, 'changes') };
  const lostProblem = lostMarkProblem(current, parsed.data, actor);
  if (lostProblem !== undefined) return lostProblem;
  const { client, keys, issues } = withNormalisedContacts(parsed.data);
  if (issues.length > 0)
    return { status: 'invalid', errors: issues.map((i) => ({ path: formatPath('changes', i.path), message: i.message })) };
  if (keys.length === 0 && hasContact(own)) return { status: 'invalid', errors: [missingContactIssue('changes')] };
  const former = current.formerContactKeys ?? [];
  const addedKeys = keys.filter((k) => !current.contactKeys.includes(k) && !former.includes(k));
  const changed = fieldChanges(own, client);
  if (changed.length === 0) return { status: 'planned', addedKeys };
  // The base remembers a contact the client had: its key stays the client's until the admin releases it.
  const formerContactKeys = [...former.filter((k) => !keys.includes(k)), ...current.contactKeys.filter((k) => !keys.includes(k))];
  // Who marked the client lost, and in which company month: the dashboard counts the marks without reading the base.
  const lostMark =
    current.lostAt === undefined && client.lostAt !== undefined
      ? { lostMark: { by: actor.by, month: companyMonth(at, actor.timeZone) } }
      : {};
  // New contacts change which address a mailing would use, so the mailable flags follow them.
  const doc = {
    ...derived,
    ...client,
    contactKeys: keys,
    formerContactKeys,
    ...lostMark,
    ...clientFlags(client),
    version: current.version + 1,
    updatedAt: at,
    lastEdit: { by: actor.by, at },
  } as ClientDoc;
  if (formerContactKeys.length === 0) delete doc.formerContactKeys;
  // The history says what changed, so a client's history replays to its current fields and version.
  const edit: NewHistoryEntry = { type: 'edit', clientId: current.id, at, by: actor.by, version: doc.version, changes: changed };
  const effects = lostMarkEffects(current, client, actor, at);
  const lostCorrection = lostDayCorrection(current.firstDealAt, current.lostAt, client.lostAt);
  return {
    status: 'planned',
    addedKeys,
    write: {
      doc,
      history: [edit, ...effects.history],
      ...(effects.audit !== undefined ? { audit: effects.audit } : {}),
      ...(lostCorrection !== undefined ? { lostCorrection } : {}),
    },
  };
}
