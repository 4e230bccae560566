// What a refresh does to the sheet, decided from what is on it and what the base returned. Pure.
// Rows are matched by the client id in their hidden column, never by position: whatever sorting,
// filtering or inserting people did, each client's row is found where it is now.
import type { ListedClient } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { cellText, type DayFormatter } from '../sheet/cell-values.ts';
import { indexRowIdentities, rowIdentity, type RowIdentity } from '../sheet/row-identity.ts';
import type { LoadedRecord, RowWrite, TableRow } from '../sheet/table-spec.ts';
import { editableClientKeys, myClientsTable, type ClientColumnKey, type EditableKey } from './client-columns.ts';
import { canonicalClient, canonicalRow, clientCells, derivedCells, hashOf, isBlank, type ClientCells } from './client-row.ts';

export type { RowIdentity };

/** The id, version and stored hash of a sheet row; an empty id is a row the person added. */
export function identityOf(row: TableRow<ClientColumnKey>, formatDay: DayFormatter): RowIdentity {
  return rowIdentity(row, myClientsTable, formatDay);
}

/** A row holding a client's id is edited when its values no longer give the hash they were loaded with. */
export function isEdited(row: TableRow<ClientColumnKey>, identity: RowIdentity, formatDay: DayFormatter): boolean {
  return identity.version > 0 && hashOf(canonicalRow(row.cells, formatDay)) !== identity.hash;
}

/** First row of each id; later rows with the same id are copies the add-on leaves alone. */
export function indexRows(
  rows: ReadonlyArray<TableRow<ClientColumnKey>>,
  formatDay: DayFormatter,
): { byId: Map<string, RowIdentity>; copies: Array<RowIdentity & { of: number }> } {
  return indexRowIdentities(rows, myClientsTable, formatDay);
}

export type RefreshPlan = {
  writes: RowWrite<ClientColumnKey>[];
  /** Rows of clients the manager no longer holds, to delete. */
  removals: Array<{ row: number; id: string }>;
  /** Edited rows left as the person has them (derived columns still refreshed). */
  keptEdited: number[];
  copies: Array<{ row: number; of: number }>;
  unknownIds: number[];
  /** Rows now showing the base's values, and cells of edited rows holding them again: their marks are out of date. */
  clearRows: number[];
  clearCells: Array<{ row: number; key: EditableKey }>;
  loaded: Map<string, LoadedRecord<EditableKey>>;
  updated: number;
  added: number;
  /** Rows written for clients new to the book (below the last of the table's rows). */
  arrivals: number[];
};

function sameCells(a: Partial<ClientCells>, row: TableRow<ClientColumnKey>, formatDay: DayFormatter): boolean {
  const text = (v: unknown) => cellText(v as ClientCells[ClientColumnKey], formatDay).replace(/^'(?==)/, '');
  return (Object.keys(a) as ClientColumnKey[]).every((k) => text(a[k]) === text(row.cells[k]));
}

/**
 * The row after the last one holding anything of the table's: new clients go there, not below a
 * column of formulas the person filled further down.
 */
export function firstFreeRow(rows: ReadonlyArray<TableRow<ClientColumnKey>>, formatDay: DayFormatter): number {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (identityOf(row, formatDay).id !== '' || !isBlank(canonicalRow(row.cells, formatDay))) return row.row + 1;
  }
  return 2;
}

/**
 * Clean rows take the base's values (cells written only where something differs); edited rows keep
 * the person's values, their loaded baseline and version (so Save still detects a conflict), and
 * get fresh derived columns; clients new to the book are appended in the base's order; rows of
 * clients this sheet loaded that the base no longer returns are removed. Rows whose id the sheet
 * never loaded, and new rows still waiting to be created, are left alone.
 */
export function planRefresh(input: {
  rows: ReadonlyArray<TableRow<ClientColumnKey>>;
  loaded: ReadonlyMap<string, LoadedRecord<EditableKey>>;
  clients: readonly ListedClient[];
  m: Messages;
  formatDay: DayFormatter;
  /** `these`: only the given clients' rows are updated (after a card action); nothing is appended or removed. */
  scope?: 'book' | 'these';
}): RefreshPlan {
  const { rows, loaded, clients, m, formatDay } = input;
  const wholeBook = (input.scope ?? 'book') === 'book';
  const { byId, copies } = indexRows(rows, formatDay);
  const rowByNumber = new Map(rows.map((r) => [r.row, r]));
  const plan: RefreshPlan = {
    writes: [],
    removals: [],
    keptEdited: [],
    copies: copies.map((c) => ({ row: c.row, of: c.of })),
    unknownIds: [],
    clearRows: [],
    clearCells: [],
    loaded: new Map(),
    updated: 0,
    added: 0,
    arrivals: [],
  };
  let nextRow = firstFreeRow(rows, formatDay);
  const served = new Set<string>();
  for (const client of clients) {
    served.add(client.id);
    const at = byId.get(client.id);
    const row = at ? rowByNumber.get(at.row)! : undefined;
    if (at && row && isEdited(row, at, formatDay)) {
      plan.keptEdited.push(at.row);
      const now = canonicalRow(row.cells, formatDay);
      const theirs = canonicalClient(client);
      const was = loaded.get(client.id)?.values;
      for (const key of editableClientKeys)
        if (now[key] === theirs[key] || now[key] === was?.[key]) plan.clearCells.push({ row: at.row, key });
      const derived = derivedCells(client, m);
      if (!sameCells(derived, row, formatDay)) plan.writes.push({ row: at.row, cells: derived });
      const baseline = loaded.get(client.id);
      if (baseline) plan.loaded.set(client.id, baseline);
      continue;
    }
    const cells = clientCells(client, m);
    plan.loaded.set(client.id, { id: client.id, version: client.version, values: canonicalClient(client) });
    if (at && row) {
      plan.clearRows.push(at.row);
      if (at.version !== client.version) plan.updated++;
      if (!sameCells(cells, row, formatDay)) plan.writes.push({ row: at.row, cells });
    } else if (wholeBook) {
      plan.arrivals.push(nextRow);
      plan.writes.push({ row: nextRow++, cells });
      plan.added++;
    }
  }
  // Every record the sheet loaded stays in the loaded values unless the book says otherwise.
  if (!wholeBook) {
    for (const [id, record] of loaded) if (!plan.loaded.has(id)) plan.loaded.set(id, record);
    return plan;
  }
  for (const at of byId.values()) {
    if (served.has(at.id)) continue;
    if (loaded.has(at.id)) plan.removals.push({ row: at.row, id: at.id });
    else if (at.version > 0) plan.unknownIds.push(at.row);
    // version 0: a new client whose creation has not been confirmed yet; Save finishes it.
  }
  return plan;
}
