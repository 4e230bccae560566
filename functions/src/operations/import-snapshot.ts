import type { Firestore } from 'firebase-admin/firestore';
import type { RawSnapshot } from '../core/snapshot-check.ts';
import { readRoster } from '../store/roster-store.ts';
import { importSnapshot, type ImportOptions, type ImportResult } from '../store/snapshot-import.ts';
import { publishRulesIfChanged, rosterAfter } from './publish-rules.ts';

/**
 * Loads a company snapshot all-or-nothing. Its rules are published as an admin's are, checked
 * against the roster the import leaves (the snapshot's managers over the base's): rules naming an
 * inactive intake manager are refused, naming the field, before anything is written.
 */
export function importCompanySnapshot(
  db: Firestore,
  raw: RawSnapshot,
  options: Omit<ImportOptions, 'publishRules'>,
): Promise<ImportResult> {
  const actor = { by: options.by ?? 'import', at: options.at };
  return importSnapshot(db, raw, {
    ...options,
    publishRules: async (rules, managers) =>
      publishRulesIfChanged(db, { rules, actor, field: 'config', roster: rosterAfter(await readRoster(db), managers) }),
  });
}
