// Reading and writing a managed table in a constant number of Spreadsheet calls whatever its size:
// one getValues for the rows, one setValues per run of adjacent managed columns, and a new order of
// rows (records arrived or gone) in one sort and one deleteRows. Cells outside the managed columns
// are never written.
import type { CellValue } from './cell-values.ts';
import type { ColumnMap, RowWrite, TableRow, TableSpec } from './table-spec.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type Table<K extends string> = { sheet: Sheet; spec: TableSpec<K>; columns: ColumnMap<K> };

export type { RowWrite, TableRow };

/** Every data row under the header, managed cells only, in one read. */
export function readTable<K extends string>(table: Table<K>): TableRow<K>[] {
  const lastRow = table.sheet.getLastRow();
  if (lastRow < 2) return [];
  const keys = Object.keys(table.columns) as K[];
  const width = Math.max(...keys.map((k) => table.columns[k]));
  const values = table.sheet.getRange(2, 1, lastRow - 1, width).getValues() as CellValue[][];
  return values.map((line, i) => {
    const cells = {} as Record<K, CellValue>;
    for (const k of keys) cells[k] = line[table.columns[k] - 1];
    return { row: i + 2, cells };
  });
}

/** Managed columns grouped into runs of adjacent columns, left to right. */
export function columnRuns<K extends string>(columns: ColumnMap<K>): Array<{ first: number; keys: K[] }> {
  const sorted = (Object.keys(columns) as K[]).sort((a, b) => columns[a] - columns[b]);
  const runs: Array<{ first: number; keys: K[] }> = [];
  for (const key of sorted) {
    const last = runs[runs.length - 1];
    if (last && columns[last.keys[last.keys.length - 1]!] + 1 === columns[key]) last.keys.push(key);
    else runs.push({ first: columns[key], keys: [key] });
  }
  return runs;
}

/**
 * Writes the given cells. For each run of managed columns, one setValues over the rows from the
 * first to the last row written; rows in between keep the values read in `current`, which is
 * updated with what was written (so a later write in the same action cannot undo this one).
 * The sheet must already have the rows (ensureRows).
 */
export function writeRows<K extends string>(
  table: Table<K>,
  current: ReadonlyArray<TableRow<K>>,
  writes: ReadonlyArray<RowWrite<K>>,
): void {
  if (writes.length === 0) return;
  const byRow = new Map<number, Partial<Record<K, CellValue>>>();
  let first = Infinity;
  let last = 0;
  for (const w of writes) {
    byRow.set(w.row, { ...(byRow.get(w.row) ?? {}), ...w.cells });
    first = Math.min(first, w.row);
    last = Math.max(last, w.row);
  }
  const currentByRow = new Map(current.map((r) => [r.row, r.cells]));
  for (const run of columnRuns(table.columns)) {
    const touched = run.keys.filter((k) => writes.some((w) => k in w.cells));
    if (touched.length === 0) continue;
    const matrix: CellValue[][] = [];
    for (let row = first; row <= last; row++) {
      const written = byRow.get(row);
      const had = currentByRow.get(row);
      matrix.push(run.keys.map((k) => (written && k in written ? written[k] : had ? had[k] : '') ?? ''));
    }
    table.sheet.getRange(first, run.first, matrix.length, run.keys.length).setValues(matrix as unknown as unknown[][]);
  }
  for (const [row, cells] of byRow) {
    const had = currentByRow.get(row);
    if (had) Object.assign(had, cells);
  }
}

/**
 * Puts the rows from row 2 down in `order` (their current numbers) with one sort of whole rows, so the
 * person's own cells, formulas, notes and formats move with their row; then deletes the last
 * `dropLast` rows in one call (the person's cells on them go too: they belonged to that client). The
 * sort key goes in the hash column for the moment of the sort; `hashes` (by current row) are then
 * written back. Should that last write be lost, the rows only look edited, and Save finds nothing
 * changed against the loaded values and renews their hashes.
 */
export function reorderRows<K extends string>(
  table: Table<K>,
  order: readonly number[],
  hashes: ReadonlyMap<number, CellValue>,
  dropLast: number,
): void {
  const hashKey = table.spec.hashKey;
  if (!hashKey || order.length === 0) throw new Error(`reorderRows: table ${table.spec.id} has no hash column`);
  const column = table.columns[hashKey];
  const sheet = table.sheet;
  const rank = new Map(order.map((row, i) => [row, i]));
  const width = String(order.length).length;
  const keys = order.map((_r, i) => [String(rank.get(i + 2) ?? i).padStart(width, '0')]);
  sheet.getRange(2, column, order.length, 1).setValues(keys);
  sheet.getRange(2, 1, order.length, sheet.getMaxColumns()).sort({ column, ascending: true });
  sheet.getRange(2, column, order.length, 1).setValues(order.map((row) => [hashes.get(row) ?? '']));
  if (dropLast > 0) sheet.deleteRows(order.length + 2 - dropLast, dropLast);
}

/** Deletes whole rows (the person's own cells on them go too: they belonged to that client). */
export function deleteRows(sheet: Sheet, rows: readonly number[]): void {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  let i = 0;
  while (i < sorted.length) {
    let start = sorted[i]!;
    let count = 1;
    while (i + count < sorted.length && sorted[i + count] === start - 1) {
      start--;
      count++;
    }
    sheet.deleteRows(start, count);
    i += count;
  }
}
