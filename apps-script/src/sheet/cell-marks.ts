// Notes and tints the add-on puts on cells to say what happened to them (a conflict, an error),
// and takes off again once resolved. Its notes start with a marker, so a person's own notes and
// colours are never touched. A constant number of calls: notes per run of columns over the rows
// concerned, tints by colour through one RangeList each.
import { columnLetter } from './cell-values.ts';
import { columnRuns, type RowWrite, type Table, type TableRow, writeRows } from './table-io.ts';

export type MarkTone = 'conflict' | 'invalid' | 'info';
export type CellMark<K extends string> = { row: number; key: K; note: string; tone: MarkTone };

export const markPrefix = 'clientbase ·';
const tints: Record<MarkTone, string> = { conflict: '#fce8b2', invalid: '#f4c7c3', info: '#e8f0fe' };

export function isMarkNote(note: string): boolean {
  return note.startsWith(markPrefix);
}

/** A cell whose mark is out of date: it holds the base's value again. */
export type ClearedCell<K extends string> = { row: number; key: K };

/**
 * Clears the add-on's marks from `clearRows` (all managed cells of those rows) and from `clearCells`,
 * then sets `marks`. A cell both cleared and marked ends up marked.
 */
export function applyMarks<K extends string>(
  table: Table<K>,
  clearRows: ReadonlySet<number>,
  marks: ReadonlyArray<CellMark<K>>,
  clearCells: ReadonlyArray<ClearedCell<K>> = [],
): void {
  const rows = [...clearRows, ...marks.map((m) => m.row), ...clearCells.map((c) => c.row)];
  if (rows.length === 0) return;
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const marked = new Map<string, CellMark<K>>(marks.map((m) => [`${m.row}:${String(m.key)}`, m]));
  const clearOne = new Set(clearCells.map((c) => `${c.row}:${String(c.key)}`));
  const cleared: string[] = [];
  for (const run of columnRuns(table.columns)) {
    const range = table.sheet.getRange(first, run.first, last - first + 1, run.keys.length);
    const notes = range.getNotes();
    let changed = false;
    notes.forEach((line, i) => {
      const row = first + i;
      run.keys.forEach((key, j) => {
        const mark = marked.get(`${row}:${String(key)}`);
        if (mark) {
          line[j] = `${markPrefix} ${mark.note}`;
          changed = true;
        } else if ((clearRows.has(row) || clearOne.has(`${row}:${String(key)}`)) && isMarkNote(line[j] ?? '')) {
          line[j] = '';
          cleared.push(`${columnLetter(run.first + j)}${row}`);
          changed = true;
        }
      });
    });
    if (changed) range.setNotes(notes);
  }
  if (cleared.length > 0) table.sheet.getRangeList(cleared).setBackground(null);
  for (const tone of ['conflict', 'invalid', 'info'] as const) {
    const cells = marks.filter((m) => m.tone === tone).map((m) => `${columnLetter(table.columns[m.key])}${m.row}`);
    if (cells.length > 0) table.sheet.getRangeList(cells).setBackground(tints[tone]);
  }
}

/** Rows that carry one of the add-on's marks now (to clear them when the row is saved). */
export function rowsWithMarks<K extends string>(table: Table<K>, firstRow: number, lastRow: number): Set<number> {
  const out = new Set<number>();
  if (lastRow < firstRow) return out;
  for (const run of columnRuns(table.columns)) {
    table.sheet
      .getRange(firstRow, run.first, lastRow - firstRow + 1, run.keys.length)
      .getNotes()
      .forEach((line, i) => {
        if (line.some((n) => isMarkNote(n ?? ''))) out.add(firstRow + i);
      });
  }
  return out;
}

/** What a save or resolve leaves on the sheet: the rows it rewrote, and the marks it cleared and set. */
export type SheetOutcome<K extends string> = {
  writes: RowWrite<K>[];
  clearRows: ReadonlySet<number>;
  marks: ReadonlyArray<CellMark<K>>;
  clearCells?: ReadonlyArray<ClearedCell<K>>;
};

/** Writes the outcome's rows, then its marks (a mark's note stays on the value written under it). */
export function writeOutcome<K extends string>(table: Table<K>, current: ReadonlyArray<TableRow<K>>, outcome: SheetOutcome<K>): void {
  writeRows(table, current, outcome.writes);
  applyMarks(table, outcome.clearRows, outcome.marks, outcome.clearCells);
}
