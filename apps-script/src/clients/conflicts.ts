// Judging a save that ran into a newer version, field by field. Pure. The three values of a field:
// what was loaded, what the manager has now, what the base has now ("theirs").
import type { ChangedBy } from '../api/wire.ts';
import type { Messages } from '../messages.ts';
import { columnHeader, editableClientKeys, type EditableKey } from './client-columns.ts';
import { displayValue, type Canonical } from './client-row.ts';

export type ConflictVerdict =
  /** Nobody touched what the manager changed: send it again on the new version. */
  | { kind: 'rebase'; send: EditableKey[] }
  /** The base already has the manager's values: nothing left to send. */
  | { kind: 'same' }
  /** Both changed the same field to different values: the manager decides. */
  | { kind: 'conflict'; fields: EditableKey[] };

/**
 * `loaded` is null when the loaded values were lost (the hidden sheet deleted): then every field
 * where the manager's value differs from the base's is treated as theirs too.
 */
export function judgeConflict(loaded: Canonical | null, mine: Canonical, theirs: Canonical): ConflictVerdict {
  const mineChanged = editableClientKeys.filter((k) => (loaded === null ? mine[k] !== theirs[k] : mine[k] !== loaded[k]));
  const conflicting = mineChanged.filter((k) => theirs[k] !== mine[k] && (loaded === null || theirs[k] !== loaded[k]));
  if (conflicting.length > 0) return { kind: 'conflict', fields: conflicting };
  const send = mineChanged.filter((k) => mine[k] !== theirs[k]);
  return send.length > 0 ? { kind: 'rebase', send } : { kind: 'same' };
}

/** The note on a conflicting cell: the base's value, who changed it and when, and what to do. */
export function conflictNote(key: EditableKey, theirs: Canonical, changedBy: ChangedBy | null | undefined, when: string, m: Messages): string {
  return m.save.conflictNote(columnHeader(key, m), displayValue(key, theirs[key], m), changedBy?.name ?? null, when);
}

/** Fields to take from the base when the manager chooses "take theirs": only those in conflict. */
export function takeTheirs(loaded: Canonical | null, mine: Canonical, theirs: Canonical): Canonical {
  const verdict = judgeConflict(loaded, mine, theirs);
  const out = { ...mine };
  if (verdict.kind === 'conflict') for (const k of verdict.fields) out[k] = theirs[k];
  return out;
}
