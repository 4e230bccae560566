import { editableClientFields, type EditableClientField } from '../schema/client.ts';
import type { ClientChanges } from '../schema/client-changes.ts';
import type { HistoryEntry } from '../schema/history.ts';

/** Where to restore a client to: its fields as they were at an instant, or just before one history entry. */
export type RestorePoint = { at: string } | { historyEntryId: string };

type Edit = Extract<HistoryEntry, { type: 'edit' }>;

/** Fields that can never be empty: a restore leaves them as they are rather than clear them. */
const required = new Set<EditableClientField>(['name', 'kind', 'size']);
const lists = new Set<EditableClientField>(['phones', 'emails']);

export type RestorePlan =
  | { status: 'unknown-entry' }
  | { status: 'planned'; undone: string[]; changes: Partial<Record<EditableClientField, unknown>> };

/**
 * The changes that put a client's editable fields back as they were at `point`: each edit after it
 * undone, newest first, by its `before` values (the history says what every edit changed). The
 * changes name only fields that differ from `current`. Pure.
 */
export function restoreChanges(current: Record<string, unknown>, history: HistoryEntry[], point: RestorePoint): RestorePlan {
  const ordered = [...history].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
  let from: number;
  if ('historyEntryId' in point) {
    from = ordered.findIndex((e) => e.id === point.historyEntryId);
    if (from < 0) return { status: 'unknown-entry' };
  } else {
    from = ordered.findIndex((e) => e.at > point.at);
    if (from < 0) from = ordered.length;
  }
  const undone = ordered.slice(from).filter((e): e is Edit => e.type === 'edit');
  const values: Record<string, unknown> = {};
  for (const f of editableClientFields) values[f] = current[f] ?? null;
  for (const edit of [...undone].reverse()) for (const c of edit.changes) values[c.field] = c.before;
  const changes: Partial<Record<EditableClientField, unknown>> = {};
  for (const f of editableClientFields) {
    const was = lists.has(f) ? (values[f] ?? []) : values[f];
    const now = lists.has(f) ? (current[f] ?? []) : (current[f] ?? null);
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    if (was === null && required.has(f)) continue;
    changes[f] = was;
  }
  return { status: 'planned', undone: undone.map((e) => e.id), changes };
}

/** The plan's changes as an edit takes them. */
export function asClientChanges(changes: Partial<Record<EditableClientField, unknown>>): ClientChanges {
  return changes as ClientChanges;
}
