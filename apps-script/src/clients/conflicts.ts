// Judging a save that ran into a newer version, field by field. Pure. The three values of a field:
// what was loaded, what the manager has now, what the base has now ("theirs").
import type { ChangedBy } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { judgeFields, takeTheirFields, type ConflictVerdict as SheetVerdict } from '../sheet/three-way.ts';
import { columnHeader, editableClientKeys, type EditableKey } from './client-columns.ts';
import { displayValue, type Canonical } from './client-row.ts';

export type ConflictVerdict = SheetVerdict<EditableKey>;

/**
 * `loaded` is null when the loaded values were lost (the hidden sheet deleted): then every field
 * where the manager's value differs from the base's is treated as theirs too.
 */
export function judgeConflict(loaded: Canonical | null, mine: Canonical, theirs: Canonical): ConflictVerdict {
  return judgeFields(editableClientKeys, loaded, mine, theirs);
}

/** The note on a conflicting cell: the base's value, who changed it and when, and what to do. */
export function conflictNote(
  key: EditableKey,
  theirs: Canonical,
  changedBy: ChangedBy | null | undefined,
  when: string,
  m: Messages,
): string {
  return m.save.conflictNote(columnHeader(key, m), displayValue(key, theirs[key], m), changedBy?.name ?? null, when);
}

/** Fields to take from the base when the manager chooses "take theirs": only those in conflict. */
export function takeTheirs(loaded: Canonical | null, mine: Canonical, theirs: Canonical): Canonical {
  return takeTheirFields(editableClientKeys, loaded, mine, theirs);
}
