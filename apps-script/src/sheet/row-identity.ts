// Which record a sheet row holds: the id, version and loaded-values hash in its hidden system
// columns, read every time, never the row's position. For any managed table (clients, the team).
import { cellText, type DayFormatter } from './cell-values.ts';
import type { TableRow } from './table-spec.ts';

export type RowIdentity = { row: number; id: string; version: number; hash: string };
export type IdentityKeys<K extends string> = { idKey: K; versionKey: K; hashKey: K };

/** The id, version and stored hash of a row; an empty id is a row the person added. */
export function rowIdentity<K extends string>(row: TableRow<K>, keys: IdentityKeys<K>, formatDay: DayFormatter): RowIdentity {
  const text = (k: K) => cellText(row.cells[k], formatDay);
  return { row: row.row, id: text(keys.idKey), version: Number(text(keys.versionKey)) || 0, hash: text(keys.hashKey) };
}

/** First row of each id; later rows with the same id are copies the add-on leaves alone. */
export function indexRowIdentities<K extends string>(
  rows: ReadonlyArray<TableRow<K>>,
  keys: IdentityKeys<K>,
  formatDay: DayFormatter,
): { byId: Map<string, RowIdentity>; copies: Array<RowIdentity & { of: number }> } {
  const byId = new Map<string, RowIdentity>();
  const copies: Array<RowIdentity & { of: number }> = [];
  for (const row of rows) {
    const identity = rowIdentity(row, keys, formatDay);
    if (identity.id === '') continue;
    const first = byId.get(identity.id);
    if (first) copies.push({ ...identity, of: first.row });
    else byId.set(identity.id, identity);
  }
  return { byId, copies };
}
