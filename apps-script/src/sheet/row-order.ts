// Where each row of a managed table goes when a refresh adds and removes records. Pure. Rows stay
// in the person's order; records that arrived take their place in it when the sheet is sorted by a
// managed column; records that left go to the end, to be cut off in one call. Rows are whole
// spreadsheet rows: the person's own cells and formulas on them move with them.
import { cellText, type CellValue, type DayFormatter } from './cell-values.ts';
import type { TableRow } from './table-spec.ts';

export type SortedBy<K extends string> = { key: K; ascending: boolean };

/** `order`: the rows' current numbers in their new order; the last `departed` of them are to be deleted. */
export type RowOrder<K extends string> = { order: number[]; departed: number; sortedBy: SortedBy<K> | null };

function comparable(value: CellValue, formatDay: DayFormatter): number | string {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return cellText(value, formatDay);
}

/** Sheets' order: numbers before text, text without regard to case; blanks are handled by the caller. */
export function compareCells(a: CellValue, b: CellValue, formatDay: DayFormatter): number {
  const x = comparable(a, formatDay);
  const y = comparable(b, formatDay);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'number') return -1;
  if (typeof y === 'number') return 1;
  return x.localeCompare(y, undefined, { sensitivity: 'base' });
}

const blank = (value: CellValue, formatDay: DayFormatter) => comparable(value, formatDay) === '';

/**
 * The managed column the rows are sorted by now, if any: the first (left to right) whose values run
 * one way with at least two different values, blanks only at the end (where Sheets puts them).
 */
export function detectSort<K extends string>(
  rows: ReadonlyArray<TableRow<K>>,
  candidates: readonly K[],
  formatDay: DayFormatter,
): SortedBy<K> | null {
  for (const key of candidates) {
    const values = rows.map((r) => r.cells[key]);
    const firstBlank = values.findIndex((v) => blank(v, formatDay));
    const filled = firstBlank < 0 ? values : values.slice(0, firstBlank);
    if (firstBlank >= 0 && values.slice(firstBlank).some((v) => !blank(v, formatDay))) continue;
    let direction = 0;
    let consistent = true;
    for (let i = 1; i < filled.length && consistent; i++) {
      const c = Math.sign(compareCells(filled[i - 1], filled[i], formatDay));
      if (c === 0) continue;
      if (direction === 0) direction = c;
      else if (c !== direction) consistent = false;
    }
    if (consistent && direction !== 0) return { key, ascending: direction < 0 };
  }
  return null;
}

/**
 * The new order after a refresh. `rows` are every row from the first data row to the last one
 * written, with their cells as they are now; `hasRecord` tells a record's row from a blank or the
 * person's own. Null when no row moves and none leaves.
 */
export function planRowOrder<K extends string>(input: {
  rows: ReadonlyArray<TableRow<K>>;
  arrived: ReadonlySet<number>;
  departed: ReadonlySet<number>;
  hasRecord: (row: TableRow<K>) => boolean;
  sortable: readonly K[];
  formatDay: DayFormatter;
}): RowOrder<K> | null {
  const { rows, arrived, departed, hasRecord, formatDay } = input;
  const kept = rows.filter((r) => !arrived.has(r.row) && !departed.has(r.row));
  const sortedBy = arrived.size > 0 ? detectSort(kept.filter(hasRecord), input.sortable, formatDay) : null;
  let final: Array<TableRow<K>>;
  if (sortedBy === null) {
    final = rows.filter((r) => !departed.has(r.row));
  } else {
    const sign = sortedBy.ascending ? 1 : -1;
    const before = (a: TableRow<K>, b: TableRow<K>) => {
      const x = a.cells[sortedBy.key];
      const y = b.cells[sortedBy.key];
      if (blank(x, formatDay) || blank(y, formatDay)) return !blank(x, formatDay) && blank(y, formatDay);
      return compareCells(x, y, formatDay) * sign < 0;
    };
    final = [...kept];
    for (const row of rows.filter((r) => arrived.has(r.row))) {
      let at = final.findIndex((other) => hasRecord(other) && before(row, other));
      if (at < 0) {
        // After the last record: before blank rows and the person's own rows below the table.
        let last = -1;
        final.forEach((other, i) => {
          if (hasRecord(other)) last = i;
        });
        at = last + 1;
      }
      final.splice(at, 0, row);
    }
  }
  const leaving = rows.filter((r) => departed.has(r.row));
  const order = [...final, ...leaving].map((r) => r.row);
  if (leaving.length === 0 && order.every((row, i) => row === rows[i]!.row)) return null;
  return { order, departed: leaving.length, sortedBy };
}
