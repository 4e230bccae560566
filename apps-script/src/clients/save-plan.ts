// What Save sends, decided from the sheet and the loaded values. Pure. Only edited rows (their
// hash no longer matches), only the fields that changed, each with the version it was loaded at;
// rows without a client id are new clients. Cells the API would refuse are caught here first.
import type { Messages } from '../messages.ts';
import type { DayFormatter } from '../sheet/cell-values.ts';
import type { LoadedRecord, TableRow } from '../sheet/table-spec.ts';
import { editableClientKeys, type ClientColumnKey, type EditableKey } from './client-columns.ts';
import {
  canonicalRow,
  changedFields,
  changesFor,
  hashOf,
  isBlank,
  newClientFor,
  type Canonical,
  type ClientChanges,
  type FieldProblem,
} from './client-row.ts';
import { identityOf, indexRows } from './refresh-plan.ts';

export type RowUpdate = {
  row: number;
  clientId: string;
  version: number;
  now: Canonical;
  loaded: Canonical | null;
  send: EditableKey[];
  changes: ClientChanges;
};
/** `id` null: never sent; the add-on gives it an id (written to the row) before the first request. */
export type RowCreation = { row: number; id: string | null; now: Canonical };
export type RowProblem = FieldProblem & { row: number };

export type SavePlan = {
  updates: RowUpdate[];
  creations: RowCreation[];
  problems: RowProblem[];
  /** Rows whose cells read differently but mean the same (a date re-typed): only the hash is renewed. */
  rehash: Array<{ row: number; hash: string }>;
  /** Rows without problems, for clearing old marks. */
  clean: number[];
};

export function planSave(input: {
  rows: ReadonlyArray<TableRow<ClientColumnKey>>;
  loaded: ReadonlyMap<string, LoadedRecord<EditableKey>>;
  m: Messages;
  formatDay: DayFormatter;
}): SavePlan {
  const { rows, loaded, m, formatDay } = input;
  const plan: SavePlan = { updates: [], creations: [], problems: [], rehash: [], clean: [] };
  const { copies } = indexRows(rows, formatDay);
  const copyRows = new Set(copies.map((c) => c.row));
  for (const row of rows) {
    if (copyRows.has(row.row)) continue;
    const identity = identityOf(row, formatDay);
    const now = canonicalRow(row.cells, formatDay);
    if (identity.id === '' || identity.version === 0) {
      if (isBlank(now)) continue;
      const { problems } = newClientFor(now, identity.id || 'c-new', m);
      if (problems.length > 0) plan.problems.push(...problems.map((p) => ({ ...p, row: row.row })));
      else plan.creations.push({ row: row.row, id: identity.id || null, now });
      continue;
    }
    const hash = hashOf(now);
    if (hash === identity.hash) continue;
    const record = loaded.get(identity.id);
    // Without the values this row was loaded with (or with older ones), send every field: the
    // version check still guarantees nothing newer is overwritten.
    const baseline = record && record.version === identity.version ? record.values : null;
    const send = baseline ? changedFields(baseline, now) : [...editableClientKeys];
    if (send.length === 0) {
      plan.rehash.push({ row: row.row, hash });
      continue;
    }
    const { changes, problems } = changesFor(now, send, m);
    if (problems.length > 0) {
      plan.problems.push(...problems.map((p) => ({ ...p, row: row.row })));
      continue;
    }
    plan.updates.push({ row: row.row, clientId: identity.id, version: identity.version, now, loaded: baseline, send, changes });
  }
  const problemRows = new Set(plan.problems.map((p) => p.row));
  plan.clean = [...plan.updates.map((u) => u.row), ...plan.creations.map((c) => c.row), ...plan.rehash.map((r) => r.row)].filter(
    (r) => !problemRows.has(r),
  );
  return plan;
}

/** Batches for POST /clients/batch: at most `maxRows` rows and about `maxBytes` of JSON each. */
export function chunkRows<T>(rows: readonly T[], maxRows: number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row).length + 1;
    if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
