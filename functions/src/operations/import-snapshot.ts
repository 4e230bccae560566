import type { Firestore } from 'firebase-admin/firestore';
import type { RawSnapshot } from '../core/snapshot-check.ts';
import { hasAnyClient } from '../store/client-list-store.ts';
import { readRoster } from '../store/manager-store.ts';
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

/**
 * Loads a snapshot only into a base without clients (a seed never lands on real data by accident)
 * unless forced; `undefined` when the base already holds clients and nothing was written.
 */
export async function seedEmptyBase(
  db: Firestore,
  snapshot: () => RawSnapshot,
  options: Omit<ImportOptions, 'publishRules'> & { force: boolean },
): Promise<ImportResult | undefined> {
  const { force, ...importOptions } = options;
  if (!force && (await hasAnyClient(db))) return undefined;
  return importCompanySnapshot(db, snapshot(), importOptions);
}
