import { AppsScriptException } from './gas-types.ts';

/** A rectangle of cells, 1-based as in Apps Script. */
export type Rect = { row: number; column: number; numRows: number; numColumns: number };

export function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Of(rect: Rect): string {
  const start = `${columnLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/** A sheet name as it appears before `!` in A1 notation. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const part = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/**
 * Parses "A1", "A1:C3", "A:A", "B:D", "2:2", "A2:C" (open to the last row), with `$` and an optional
 * sheet prefix ("'My sheet'!A1"). Throws Apps Script's "Range not found" on anything else.
 */
export function parseA1(notation: string, grid: { maxRows: number; maxColumns: number }): { sheetName?: string; rect: Rect } {
  let text = notation.trim();
  let sheetName: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const prefix = text.slice(0, bang);
    sheetName = prefix.startsWith("'") && prefix.endsWith("'") ? prefix.slice(1, -1).replace(/''/g, "'") : prefix;
    text = text.slice(bang + 1);
  }
  const [from, to, extra] = text.split(':');
  const a = from === undefined ? null : part.exec(from);
  const b = to === undefined ? a : part.exec(to);
  if (extra !== undefined || !a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) throw new AppsScriptException('Range not found');
  const colA = a[1] ? columnNumber(a[1]) : undefined;
  const colB = b[1] ? columnNumber(b[1]) : undefined;
  const rowA = a[2] ? Number(a[2]) : undefined;
  const rowB = b[2] ? Number(b[2]) : undefined;
  // A bare "A1" needs both parts; "A:A" and "1:1" need a second part.
  if (to === undefined && (colA === undefined || rowA === undefined)) throw new AppsScriptException('Range not found');
  const c1 = Math.min(colA ?? 1, colB ?? colA ?? 1);
  const c2 = Math.max(colA ?? grid.maxColumns, colB ?? grid.maxColumns);
  const r1 = Math.min(rowA ?? 1, rowB ?? rowA ?? 1);
  const r2 = Math.max(rowA ?? grid.maxRows, rowB ?? grid.maxRows);
  const rect = { row: r1, column: c1, numRows: r2 - r1 + 1, numColumns: c2 - c1 + 1 };
  return sheetName === undefined ? { rect } : { sheetName, rect };
}

export function contains(outer: Rect, row: number, column: number): boolean {
  return row >= outer.row && row < outer.row + outer.numRows && column >= outer.column && column < outer.column + outer.numColumns;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.column < b.column + b.numColumns && b.column < a.column + a.numColumns;
}

/**
 * A rectangle after rows (or columns) were inserted before `at` (count > 0) or deleted from `at`
 * (count < 0), as Sheets moves ranges it keeps (protections, conditional formats, filters, charts).
 * Null when every row (column) of it was deleted.
 */
export function shiftRect(rect: Rect, dimension: 'rows' | 'columns', at: number, count: number): Rect | null {
  const [start, size] = dimension === 'rows' ? [rect.row, rect.numRows] : [rect.column, rect.numColumns];
  let s = start;
  let e = start + size - 1;
  if (count > 0) {
    if (s >= at) s += count;
    if (e >= at) e += count;
  } else {
    const last = at - count - 1;
    const map = (i: number, isStart: boolean): number => {
      if (i < at) return i;
      if (i > last) return i + count;
      return isStart ? at : at - 1;
    };
    s = map(s, true);
    e = map(e, false);
    if (e < s) return null;
  }
  return dimension === 'rows' ? { ...rect, row: s, numRows: e - s + 1 } : { ...rect, column: s, numColumns: e - s + 1 };
}
