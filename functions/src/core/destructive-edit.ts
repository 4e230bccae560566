import type { FieldIssue } from '../errors.ts';
import type { HistoryEntry } from '../schema/history.ts';

type FieldChange = Extract<HistoryEntry, { type: 'edit' }>['changes'][number];

// A planned contact cleared once it happened destroys nothing the base remembers.
const reminders = new Set(['nextContactOn']);

const isEmpty = (v: FieldChange['before']) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The fields an edit destroys something in: a contact removed from a list (phones, e-mails), or a
 * field that held a value left empty. A value replaced by another is not destructive; a phone
 * replaced by another removes the old one, so it is. Pure.
 */
export function destroyedFields(changes: FieldChange[]): string[] {
  return changes
    .filter(({ field, before, after }) => {
      if (reminders.has(field) || isEmpty(before)) return false;
      if (isEmpty(after)) return true;
      return Array.isArray(before) && before.some((v) => !(Array.isArray(after) && after.includes(v)));
    })
    .map((c) => c.field);
}

/** The clients a manager has already edited destructively on one company day. */
export type DestructiveDay = { clientIds: string[] };

export type DestructiveVerdict = { allowed: true; counted: string[] } | { allowed: false; errors: FieldIssue[] };

/**
 * Whether a manager may make one more destructive edit today: yes for a client already counted
 * today, or while fewer than `max` clients are; the limit counts clients, not edits. Pure.
 */
export function destructiveEditVerdict(
  day: DestructiveDay | undefined,
  clientId: string,
  fields: string[],
  max: number,
): DestructiveVerdict {
  const counted = day?.clientIds ?? [];
  if (counted.includes(clientId)) return { allowed: true, counted };
  if (counted.length < max) return { allowed: true, counted: [...counted, clientId] };
  const message =
    `you removed contacts or cleared fields of ${counted.length} clients today, the most allowed in a day ` +
    '(protection.maxDestructiveEditsPerDay); ask the head of sales';
  return { allowed: false, errors: fields.map((f) => ({ path: `changes.${f}`, message })) };
}

/** A client whose contacts an edit changed: when, by whom, which of phones and e-mails. */
export type ContactChange = { clientId: string; at: string; by: string; fields: string[] };

const contactFields = new Set(['phones', 'emails']);

/** The edits among `history` made at or after `since` that changed phones or e-mails, oldest first. Pure. */
export function contactChangesSince(history: HistoryEntry[], since: string): ContactChange[] {
  return history
    .filter((e): e is Extract<HistoryEntry, { type: 'edit' }> => e.type === 'edit' && e.at >= since)
    .map((e) => ({ clientId: e.clientId, at: e.at, by: e.by, fields: e.changes.map((c) => c.field).filter((f) => contactFields.has(f)) }))
    .filter((c) => c.fields.length > 0)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
