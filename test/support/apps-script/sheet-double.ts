import { a1Of, parseA1, shiftRect, type Rect } from './a1-notation.ts';
import { compareValues, displayValue, parseEntered, type CellValue } from './cell-values.ts';
import { EmbeddedChartBuilderDouble, EmbeddedChartDouble } from './chart-double.ts';
import { FormulaError, type FormulaScope, type Ref, type RefEnd } from './formula-engine.ts';
import { AppsScriptException, enumName, gas, notImplemented, signatureMismatch } from './gas-types.ts';
import { ownRange, RangeDouble, RangeListDouble } from './range-double.ts';
import {
  ConditionalFormatRuleDouble,
  FilterDouble,
  ProtectionDouble,
  type Anchor,
  type DataValidationDouble,
} from './sheet-rules-double.ts';
import type { SpreadsheetDouble } from './spreadsheet-double.ts';
import { describeDouble } from './vm-bridge.ts';

/**
 * Test double of Apps Script's Sheet, keeping a real grid: per cell a value or a formula, a note,
 * formats and a data validation; per row the user's and the filter's hiding; per column its width,
 * hiding and (through the spreadsheet) developer metadata. Sorting moves whole rows (or the cells of
 * the sorted columns) with everything in them; inserting and deleting rows or columns moves cells,
 * column metadata, protections, conditional formats, filters and chart ranges, and re-points formula
 * references the way Sheets does.
 */
export type FormatKey =
  | 'background'
  | 'fontColor'
  | 'fontWeight'
  | 'fontStyle'
  | 'fontSize'
  | 'fontFamily'
  | 'fontLine'
  | 'horizontalAlignment'
  | 'verticalAlignment'
  | 'wrap'
  | 'wrapStrategy'
  | 'numberFormat';

export type Cell = {
  value?: CellValue;
  formula?: string;
  note?: string;
  validation?: DataValidationDouble;
  border?: boolean;
} & Partial<Record<FormatKey, unknown>>;
export type RowState = { cells: (Cell | undefined)[]; hiddenByUser?: boolean; hiddenByFilter?: boolean; height?: number };
export type ColumnState = { width?: number; hiddenByUser?: boolean };

type SheetApi = GoogleAppsScript.Spreadsheet.Sheet;
type Dimension = 'rows' | 'columns';

const maxCellLength = 50_000;
const formatKeys: FormatKey[] = [
  'background',
  'fontColor',
  'fontWeight',
  'fontStyle',
  'fontSize',
  'fontFamily',
  'fontLine',
  'horizontalAlignment',
  'verticalAlignment',
  'wrap',
  'wrapStrategy',
  'numberFormat',
];

/** The formats and validation of a cell, without its content or note: what an inserted neighbour takes. */
function formatOf(cell: Cell | undefined): Cell | undefined {
  if (!cell) return undefined;
  const out: Cell = {};
  for (const key of formatKeys) if (cell[key] !== undefined) out[key] = cell[key];
  if (cell.validation) out.validation = cell.validation;
  if (cell.border) out.border = cell.border;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Where a ref's row (or column) goes when rows (columns) are inserted (count > 0) or deleted (count < 0). */
function shiftIndex(i: number, at: number, count: number): number | null {
  if (count > 0) return i >= at ? i + count : i;
  const last = at - count - 1;
  if (i < at) return i;
  return i > last ? i + count : null;
}

function shiftRef(ref: Ref, dimension: Dimension, at: number, count: number): Ref | null {
  const key = dimension === 'rows' ? 'row' : 'column';
  const start = ref.start[key];
  if (start === undefined) return ref;
  if (!ref.end) {
    const moved = shiftIndex(start, at, count);
    return moved === null ? null : { ...ref, start: { ...ref.start, [key]: moved } };
  }
  const end = ref.end[key] ?? start;
  const rect =
    dimension === 'rows'
      ? { row: start, column: 1, numRows: end - start + 1, numColumns: 1 }
      : { row: 1, column: start, numRows: 1, numColumns: end - start + 1 };
  const moved = shiftRect(rect, dimension, at, count);
  if (!moved) return null;
  const [s, size] = dimension === 'rows' ? [moved.row, moved.numRows] : [moved.column, moved.numColumns];
  return { ...ref, start: { ...ref.start, [key]: s }, end: { ...ref.end, [key]: s + size - 1 } };
}

export class SheetDouble
  implements
    Pick<
      SheetApi,
      | 'activate'
      | 'addDeveloperMetadata'
      | 'appendRow'
      | 'autoResizeColumn'
      | 'autoResizeColumns'
      | 'clear'
      | 'clearConditionalFormatRules'
      | 'clearContents'
      | 'clearFormats'
      | 'clearNotes'
      | 'createDeveloperMetadataFinder'
      | 'deleteColumn'
      | 'deleteColumns'
      | 'deleteRow'
      | 'deleteRows'
      | 'getActiveCell'
      | 'getActiveRange'
      | 'getActiveRangeList'
      | 'getCharts'
      | 'getColumnWidth'
      | 'getConditionalFormatRules'
      | 'getDataRange'
      | 'getDeveloperMetadata'
      | 'getFilter'
      | 'getFrozenColumns'
      | 'getFrozenRows'
      | 'getIndex'
      | 'getLastColumn'
      | 'getLastRow'
      | 'getMaxColumns'
      | 'getMaxRows'
      | 'getName'
      | 'getParent'
      | 'getProtections'
      | 'getRange'
      | 'getRangeList'
      | 'getRowHeight'
      | 'getSheetId'
      | 'getSheetName'
      | 'getSheetValues'
      | 'getTabColor'
      | 'hideColumn'
      | 'hideColumns'
      | 'hideRow'
      | 'hideRows'
      | 'hideSheet'
      | 'insertChart'
      | 'insertColumnAfter'
      | 'insertColumnBefore'
      | 'insertColumns'
      | 'insertColumnsAfter'
      | 'insertColumnsBefore'
      | 'insertRowAfter'
      | 'insertRowBefore'
      | 'insertRows'
      | 'insertRowsAfter'
      | 'insertRowsBefore'
      | 'isColumnHiddenByUser'
      | 'isRowHiddenByFilter'
      | 'isRowHiddenByUser'
      | 'isSheetHidden'
      | 'moveColumns'
      | 'moveRows'
      | 'newChart'
      | 'protect'
      | 'removeChart'
      | 'setActiveRange'
      | 'setActiveSelection'
      | 'setColumnWidth'
      | 'setColumnWidths'
      | 'setConditionalFormatRules'
      | 'setFrozenColumns'
      | 'setFrozenRows'
      | 'setName'
      | 'setRowHeight'
      | 'setTabColor'
      | 'showColumns'
      | 'showRows'
      | 'showSheet'
      | 'sort'
      | 'unhideColumn'
      | 'unhideRow'
      | 'updateChart'
    >
{
  readonly _book: SpreadsheetDouble;
  readonly _id: number;
  _name: string;
  _rows: (RowState | undefined)[];
  _columns: ColumnState[];
  _frozenRows = 0;
  _frozenColumns = 0;
  _hidden = false;
  _tabColor: string | null = null;
  _filter: FilterDouble | null = null;
  _protections: ProtectionDouble[] = [];
  _conditionalRules: ConditionalFormatRuleDouble[] = [];
  _charts: EmbeddedChartDouble[] = [];
  readonly _anchors = new Set<Anchor>();
  _selection: Rect = { row: 1, column: 1, numRows: 1, numColumns: 1 };
  /** Every selected range when a person selected several (the active range is the last of them). */
  _selectionList: Rect[] = [];

  constructor(book: SpreadsheetDouble, id: number, name: string, rows = 1000, columns = 26) {
    this._book = book;
    this._id = id;
    this._name = name;
    this._rows = new Array(rows).fill(undefined);
    this._columns = Array.from({ length: columns }, () => ({}));
  }

  toString(): string {
    return 'Sheet';
  }

  // ------------------------------------------------------------ the grid

  _rowState(row: number, create = false): RowState {
    let state = this._rows[row - 1];
    if (!state) {
      state = { cells: [] };
      if (create) this._rows[row - 1] = state;
    }
    return state;
  }

  _cell(row: number, column: number): Cell | undefined {
    return this._rows[row - 1]?.cells[column - 1];
  }

  _cellForWrite(row: number, column: number): Cell {
    const state = this._rowState(row, true);
    return (state.cells[column - 1] ??= {});
  }

  /** The value getValues() returns: the cell's own, or its formula's. */
  _value(row: number, column: number): CellValue {
    const cell = this._cell(row, column);
    if (!cell) return '';
    if (cell.formula) return this._book._evaluate(this, row, column, cell.formula);
    return cell.value ?? '';
  }

  _display(row: number, column: number): string {
    return displayValue(this._value(row, column), this._cell(row, column)?.numberFormat as string | undefined, this._book._where);
  }

  _range(rect: Rect): RangeDouble {
    return new RangeDouble(this, { ...rect });
  }

  /** A rectangle this sheet keeps in place when rows and columns move around it. */
  _anchor(rect: Rect): Anchor {
    const anchor: Anchor = { sheet: this, rect: { ...rect } };
    this._anchors.add(anchor);
    return anchor;
  }

  _formulaScope(): FormulaScope {
    return {
      timeZone: this._book._timeZone,
      today: () => this._book._today(),
      values: (sheetName, ref) => {
        const sheet = sheetName === undefined ? this : this._book._sheetNamed(sheetName);
        if (!sheet) return new FormulaError('#REF!');
        const r1 = ref.start.row ?? 1;
        const c1 = ref.start.column ?? 1;
        const r2 = Math.min(ref.end ? (ref.end.row ?? sheet._rows.length) : r1, sheet._rows.length);
        const c2 = Math.min(ref.end ? (ref.end.column ?? sheet._columns.length) : c1, sheet._columns.length);
        if (r1 > sheet._rows.length || c1 > sheet._columns.length) return new FormulaError('#REF!');
        const out: CellValue[][] = [];
        for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
          const line: CellValue[] = [];
          for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) line.push(sheet._value(r, c));
          out.push(line);
        }
        return out;
      },
    };
  }

  _lastRow(): number {
    for (let r = this._rows.length; r >= 1; r--) {
      const cells = this._rows[r - 1]?.cells;
      if (cells?.some((c) => c && (c.formula || (c.value !== undefined && c.value !== '')))) return r;
    }
    return 0;
  }

  _lastColumn(): number {
    let last = 0;
    for (const state of this._rows) {
      if (!state) continue;
      for (let c = state.cells.length; c > last; c--) {
        const cell = state.cells[c - 1];
        if (cell && (cell.formula || (cell.value !== undefined && cell.value !== ''))) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  _clearContent(row: number, column: number): void {
    const cell = this._cell(row, column);
    if (!cell) return;
    delete cell.formula;
    delete cell.value;
  }

  /**
   * Writes a block as Sheets does: strings are read like typing (numbers, dates, booleans, formulas)
   * unless the cell is formatted as plain text; a rejecting data validation refuses the whole write;
   * a person typing into a warning-only protected range is warned (recorded) and goes ahead.
   */
  _writeValues(rect: Rect, values: unknown[][], by: 'script' | 'user'): void {
    const where = this._book._where;
    const prepared = values.map((line, i) =>
      line.map((v, j) => {
        const row = rect.row + i;
        const column = rect.column + j;
        if (v === null || v === undefined) return { value: '' as CellValue };
        if (v instanceof Date) {
          if (Number.isNaN(v.getTime()))
            throw new AppsScriptException(`Invalid date in cell ${a1Of({ row, column, numRows: 1, numColumns: 1 })}`);
          return { value: new Date(v.getTime()) as CellValue };
        }
        if (typeof v === 'number' || typeof v === 'boolean') return { value: v as CellValue };
        if (typeof v !== 'string')
          notImplemented(`a ${Array.isArray(v) ? 'nested array' : typeof v} as a cell value (Sheets would store its text form)`);
        if (v.length > maxCellLength)
          throw new AppsScriptException(`Your input contains more than the maximum of ${maxCellLength} characters in a single cell.`);
        return parseEntered(v, where, this._cell(row, column)?.numberFormat as string | undefined);
      }),
    );
    prepared.forEach((line, i) =>
      line.forEach((p, j) => {
        const row = rect.row + i;
        const column = rect.column + j;
        const validation = this._cell(row, column)?.validation;
        if (!validation || 'formula' in p) return;
        if (validation._accepts(p.value, this, row, column)) return;
        const a1 = a1Of({ row, column, numRows: 1, numColumns: 1 });
        if (!validation.getAllowInvalid())
          throw new AppsScriptException(`The data you entered in cell ${a1} violates the data validation rules set on this cell.`);
        if (by === 'user') this._book.validationWarnings.push({ sheet: this._name, a1, value: p.value });
      }),
    );
    if (by === 'user') this._book._warnIfProtected(this, rect);
    prepared.forEach((line, i) =>
      line.forEach((p, j) => {
        const cell = this._cellForWrite(rect.row + i, rect.column + j);
        if ('formula' in p && p.formula) {
          cell.formula = p.formula;
          delete cell.value;
        } else {
          delete cell.formula;
          if (p.value === '') delete cell.value;
          else cell.value = p.value;
        }
        if ('numberFormat' in p && p.numberFormat && cell.numberFormat === undefined) cell.numberFormat = p.numberFormat;
      }),
    );
  }

  // ------------------------------------------------------------ structure

  /** Rows (columns) inserted before `at` (count > 0) or deleted from `at` (count < 0), and everything that follows. */
  _shift(dimension: Dimension, at: number, count: number): void {
    // Inserted rows (columns) take the formats and validations of the one before them (after, at the top), as in Sheets.
    const neighbour = at > 1 ? at - 1 : at;
    if (dimension === 'rows') {
      if (count > 0) {
        const model = this._rows[neighbour - 1]?.cells;
        const inserted = Array.from({ length: count }, () =>
          model?.some((c) => formatOf(c)) ? { cells: model.map((c) => formatOf(c)) } : undefined,
        );
        this._rows.splice(at - 1, 0, ...inserted);
      } else this._rows.splice(at - 1, -count);
    } else {
      if (count > 0)
        this._columns.splice(
          at - 1,
          0,
          ...Array.from({ length: count }, () => ({
            ...(this._columns[neighbour - 1]?.width ? { width: this._columns[neighbour - 1]!.width } : {}),
          })),
        );
      else {
        const removed = this._columns.splice(at - 1, -count);
        this._book._metadata = this._book._metadata.filter((m) => !(m._location.kind === 'COLUMN' && removed.includes(m._location.column)));
      }
      for (const state of this._rows) {
        if (!state) continue;
        if (count > 0) {
          if (state.cells.length < at - 1) continue;
          const model = state.cells[neighbour - 1];
          state.cells.splice(at - 1, 0, ...Array.from({ length: count }, () => formatOf(model)));
        } else if (state.cells.length >= at) state.cells.splice(at - 1, -count);
      }
    }
    this._book._rewriteFormulas((ref, formulaSheet) => {
      const target = ref.sheet === undefined ? formulaSheet : this._book._sheetNamed(ref.sheet);
      return target === this ? shiftRef(ref, dimension, at, count) : ref;
    });
    // Inserted rows took the neighbour's validations: a custom formula is moved to each new row, as Sheets does.
    if (dimension === 'rows' && count > 0) {
      const model = at > 1 ? at - 1 : at + count;
      for (let k = 0; k < count; k++)
        for (const cell of this._rows[at - 1 + k]?.cells ?? [])
          if (cell?.validation) cell.validation = cell.validation._movedBy(at + k - model, 0);
    }
    for (const anchor of this._anchors) {
      const moved = shiftRect(anchor.rect, dimension, at, count);
      if (moved) anchor.rect = moved;
      else {
        anchor.gone = true;
        this._anchors.delete(anchor);
      }
    }
    this._protections = this._protections.filter((p) => !p._anchor.gone);
    if (this._filter?._anchor.gone) this._filter = null;
    this._selection = shiftRect(this._selection, dimension, at, count) ?? { row: 1, column: 1, numRows: 1, numColumns: 1 };
    this._selectionList = this._selectionList.flatMap((r) => shiftRect(r, dimension, at, count) ?? []);
  }

  #insert(dimension: Dimension, at: number, count: number): SheetApi {
    const max = dimension === 'rows' ? this._rows.length : this._columns.length;
    if (!Number.isInteger(at) || !Number.isInteger(count) || at < 1 || at > max + 1 || count < 1)
      throw new AppsScriptException(`Those ${dimension} are out of bounds.`);
    this._shift(dimension, at, count);
    return gas(this);
  }

  #delete(dimension: Dimension, at: number, count: number): SheetApi {
    const max = dimension === 'rows' ? this._rows.length : this._columns.length;
    if (!Number.isInteger(at) || !Number.isInteger(count) || at < 1 || count < 1 || at + count - 1 > max)
      throw new AppsScriptException(`Those ${dimension} are out of bounds.`);
    const frozen = dimension === 'rows' ? this._frozenRows : this._frozenColumns;
    if (max - count <= frozen && at > frozen)
      throw new AppsScriptException(`Sorry, it is not possible to delete all non-frozen ${dimension}.`);
    if (max - count < 1) throw new AppsScriptException(`Sorry, it is not possible to delete all non-frozen ${dimension}.`);
    this._shift(dimension, at, -count);
    if (dimension === 'rows') this._frozenRows = Math.min(this._frozenRows, this._rows.length - 1);
    else this._frozenColumns = Math.min(this._frozenColumns, this._columns.length - 1);
    return gas(this);
  }

  /** Reorders rows (columns): `order[k]` is the old position (1-based) of what ends at position k + 1. */
  _permute(dimension: Dimension, order: number[]): void {
    const newPos = new Map(order.map((old, k) => [old, k + 1]));
    const map = (i: number) => newPos.get(i) ?? i;
    if (dimension === 'rows') {
      const old = this._rows;
      this._rows = order.map((o) => old[o - 1]);
    } else {
      const oldColumns = this._columns;
      this._columns = order.map((o) => oldColumns[o - 1]!);
      for (const state of this._rows) {
        if (!state) continue;
        const cells = state.cells;
        state.cells = order.map((o) => cells[o - 1]);
      }
    }
    const key = dimension === 'rows' ? 'row' : 'column';
    const mapEnd = (e: RefEnd): RefEnd => (e[key] === undefined ? e : { ...e, [key]: map(e[key]!) });
    this._book._rewriteFormulas((ref, formulaSheet) => {
      const target = ref.sheet === undefined ? formulaSheet : this._book._sheetNamed(ref.sheet);
      if (target !== this) return ref;
      if (!ref.end) return { ...ref, start: mapEnd(ref.start) };
      const a = mapEnd(ref.start);
      const b = mapEnd(ref.end);
      const lo = Math.min(a[key] ?? 0, b[key] ?? 0);
      const hi = Math.max(a[key] ?? 0, b[key] ?? 0);
      return a[key] === undefined ? ref : { ...ref, start: { ...a, [key]: lo }, end: { ...b, [key]: hi } };
    });
  }

  /**
   * Sorts the rows of a rectangle by the given columns: blanks last, then Sheets' order. When the
   * rectangle spans every column whole rows move (with hiding and heights); otherwise the cells of its
   * columns move. Formulas that moved re-point their same-row references to their new row.
   */
  _sortRows(rect: Rect, specs: { column: number; ascending: boolean }[]): void {
    const collator = this._book._collator;
    const tz = this._book._timeZone;
    const rows = Array.from({ length: rect.numRows }, (_, i) => rect.row + i);
    const keys = new Map(rows.map((r) => [r, specs.map((s) => this._value(r, s.column))]));
    const order = [...rows].sort((a, b) => {
      for (let k = 0; k < specs.length; k++) {
        const x = keys.get(a)![k]!;
        const y = keys.get(b)![k]!;
        if (x === '' || y === '') {
          if (x !== y) return x === '' ? 1 : -1;
          continue;
        }
        const c = compareValues(x, y, collator, tz) * (specs[k]!.ascending ? 1 : -1);
        if (c !== 0) return c;
      }
      return a - b;
    });
    const whole = rect.column === 1 && rect.numColumns >= this._columns.length;
    const moved = new Map<number, number>();
    order.forEach((oldRow, k) => oldRow !== rect.row + k && moved.set(rect.row + k, oldRow));
    if (whole) {
      const old = this._rows.slice(rect.row - 1, rect.row - 1 + rect.numRows);
      order.forEach((oldRow, k) => (this._rows[rect.row - 1 + k] = old[oldRow - rect.row]));
    } else {
      const slices = rows.map((r) => this._rows[r - 1]?.cells.slice(rect.column - 1, rect.column - 1 + rect.numColumns) ?? []);
      order.forEach((oldRow, k) => {
        const slice = slices[oldRow - rect.row]!;
        const state = this._rowState(rect.row + k, true);
        for (let j = 0; j < rect.numColumns; j++) state.cells[rect.column - 1 + j] = slice[j];
      });
    }
    for (const [newRow, oldRow] of moved) {
      const cells = this._rows[newRow - 1]?.cells ?? [];
      for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
        const cell = cells[c - 1];
        if (cell?.formula) cell.formula = this._book._followRow(cell.formula, this, oldRow, newRow);
        if (cell?.validation?._state.criterion.type === 'CUSTOM_FORMULA') cell.validation = cell.validation._movedBy(newRow - oldRow, 0);
      }
    }
  }

  _createFilter(rect: Rect): FilterDouble {
    if (this._filter) throw new AppsScriptException("You can't create a filter in a sheet that already has a filter.");
    this._filter = new FilterDouble(this._anchor(rect));
    return this._filter;
  }

  _removeFilter(filter: FilterDouble): void {
    if (this._filter === filter) this._filter = null;
    this._anchors.delete(filter._anchor);
  }

  _protect(rect: Rect, type: 'RANGE' | 'SHEET'): ProtectionDouble {
    const protection = new ProtectionDouble(this._anchor(rect), type, this._book._owner);
    this._protections.push(protection);
    return protection;
  }

  _removeProtection(protection: ProtectionDouble): void {
    this._protections = this._protections.filter((p) => p !== protection);
    this._anchors.delete(protection._anchor);
  }

  #whole(): Rect {
    return { row: 1, column: 1, numRows: this._rows.length, numColumns: this._columns.length };
  }

  #int(value: unknown, method: string, args: unknown[]): number {
    if (typeof value !== 'number' || Number.isNaN(value)) throw signatureMismatch(`SpreadsheetApp.Sheet.${method}`, args);
    return Math.trunc(value);
  }

  // ------------------------------------------------------------ Apps Script's Sheet

  activate(): SheetApi {
    this._book._activateSheet(this);
    return gas(this);
  }
  addDeveloperMetadata(
    key: string,
    valueOrVisibility?: unknown,
    visibility?: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  ): SheetApi {
    this._book._addMetadata({ kind: 'SHEET', sheet: this }, key, valueOrVisibility, visibility);
    return gas(this);
  }
  appendRow(rowContents: any[]): SheetApi {
    if (!Array.isArray(rowContents)) throw signatureMismatch('SpreadsheetApp.Sheet.appendRow', [rowContents]);
    const row = this._lastRow() + 1;
    if (row > this._rows.length) this._shift('rows', this._rows.length + 1, 1);
    if (rowContents.length > this._columns.length)
      this._shift('columns', this._columns.length + 1, rowContents.length - this._columns.length);
    if (rowContents.length > 0) this._writeValues({ row, column: 1, numRows: 1, numColumns: rowContents.length }, [rowContents], 'script');
    return gas(this);
  }
  autoResizeColumn(columnPosition: number): SheetApi {
    return this.autoResizeColumns(columnPosition, 1);
  }
  autoResizeColumns(startColumn: number, numColumns: number): SheetApi {
    const last = this._lastRow();
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      for (let r = 1; r <= last; r++) longest = Math.max(longest, this._display(r, c).length);
      this._columns[c - 1]!.width = Math.max(20, longest * 7 + 12);
    }
    return gas(this);
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): SheetApi {
    this._range(this.#whole()).clear(options);
    return gas(this);
  }
  clearConditionalFormatRules(): void {
    this.setConditionalFormatRules([]);
  }
  clearContents(): SheetApi {
    return this.clear({ contentsOnly: true });
  }
  clearFormats(): SheetApi {
    return this.clear({ formatOnly: true });
  }
  clearNotes(): SheetApi {
    this._range(this.#whole()).clearNote();
    return gas(this);
  }
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return gas(this._book._finder({ sheet: this }));
  }
  deleteColumn(columnPosition: number): SheetApi {
    return this.#delete('columns', columnPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.#delete('columns', columnPosition, howMany);
  }
  deleteRow(rowPosition: number): SheetApi {
    return this.#delete('rows', rowPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.#delete('rows', rowPosition, howMany);
  }
  getActiveCell(): GoogleAppsScript.Spreadsheet.Range {
    return gas(this._range({ row: this._selection.row, column: this._selection.column, numRows: 1, numColumns: 1 }));
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range | null {
    return gas(this._range(this._selection));
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList | null {
    const rects = this._selectionList.length > 0 ? this._selectionList : [this._selection];
    return gas(new RangeListDouble(rects.map((r) => this._range(r))));
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return gas([...this._charts]);
  }
  getColumnWidth(columnPosition: number): number {
    return this._columns[columnPosition - 1]?.width ?? 100;
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return gas(this._conditionalRules.filter((r) => r._state.ranges.some((a) => !(a as Anchor).gone)));
  }
  getDataRange(): GoogleAppsScript.Spreadsheet.Range {
    return gas(this._range({ row: 1, column: 1, numRows: Math.max(1, this._lastRow()), numColumns: Math.max(1, this._lastColumn()) }));
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return gas(this._book._metadata.filter((m) => m._location.kind === 'SHEET' && m._location.sheet === this));
  }
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return gas(this._filter);
  }
  getFrozenColumns(): number {
    return this._frozenColumns;
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  getIndex(): number {
    return this._book._sheets.indexOf(this) + 1;
  }
  getLastColumn(): number {
    return this._lastColumn();
  }
  getLastRow(): number {
    return this._lastRow();
  }
  getMaxColumns(): number {
    return this._columns.length;
  }
  getMaxRows(): number {
    return this._rows.length;
  }
  getName(): string {
    return this._name;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return gas(this._book);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    const t = enumName(type, 'ProtectionType');
    return gas(this._protections.filter((p) => p._type === t && !p._anchor.gone));
  }
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): GoogleAppsScript.Spreadsheet.Range {
    if (typeof rowOrA1 === 'string') {
      const { sheetName, rect } = parseA1(rowOrA1, { maxRows: this._rows.length, maxColumns: this._columns.length });
      if (sheetName !== undefined && sheetName !== this._name) throw new AppsScriptException('Range not found');
      this._checkBounds(rect);
      return gas(this._range(rect));
    }
    const args = [rowOrA1, column, numRows, numColumns].filter((a) => a !== undefined);
    const row = this.#int(rowOrA1, 'getRange', args);
    const col = this.#int(column, 'getRange', args);
    const rect = {
      row,
      column: col,
      numRows: numRows === undefined ? 1 : this.#int(numRows, 'getRange', args),
      numColumns: numColumns === undefined ? 1 : this.#int(numColumns, 'getRange', args),
    };
    this._checkBounds(rect);
    return gas(this._range(rect));
  }
  _checkBounds(rect: Rect): void {
    if (rect.row < 1) throw new AppsScriptException('The starting row of the range is too small.');
    if (rect.column < 1) throw new AppsScriptException('The starting column of the range is too small.');
    if (rect.numRows < 1) throw new AppsScriptException('The number of rows in the range must be at least 1.');
    if (rect.numColumns < 1) throw new AppsScriptException('The number of columns in the range must be at least 1.');
    if (rect.row + rect.numRows - 1 > this._rows.length || rect.column + rect.numColumns - 1 > this._columns.length) {
      throw new AppsScriptException('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    if (!Array.isArray(a1Notations)) throw signatureMismatch('SpreadsheetApp.Sheet.getRangeList', [a1Notations]);
    return gas(new RangeListDouble(a1Notations.map((a1) => ownRange(this.getRange(String(a1))))));
  }
  getRowHeight(rowPosition: number): number {
    return this._rows[rowPosition - 1]?.height ?? 21;
  }
  getSheetId(): number {
    return this._id;
  }
  getSheetName(): string {
    return this._name;
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): any[][] {
    const rows = numRows === -1 ? this._lastRow() - startRow + 1 : numRows;
    const columns = numColumns === -1 ? this._lastColumn() - startColumn + 1 : numColumns;
    return ownRange(this.getRange(startRow, startColumn, rows, columns)).getValues();
  }
  getTabColor(): string | null {
    return this._tabColor;
  }
  hideColumn(column: GoogleAppsScript.Spreadsheet.Range): void {
    const r = ownRange(column)._rect;
    this.hideColumns(r.column, r.numColumns);
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._columns[c - 1]!.hiddenByUser = true;
  }
  hideRow(row: GoogleAppsScript.Spreadsheet.Range): void {
    const r = ownRange(row)._rect;
    this.hideRows(r.row, r.numRows);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++) this._rowState(r, true).hiddenByUser = true;
  }
  hideSheet(): SheetApi {
    if (this._book._sheets.filter((s) => !s._hidden && s !== this).length === 0)
      throw new AppsScriptException("You can't hide all the sheets in a document.");
    this._hidden = true;
    return gas(this);
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChartDouble)) throw new AppsScriptException('Invalid argument: chart');
    chart._inserted();
    this._charts.push(chart);
  }
  insertColumnAfter(afterPosition: number): SheetApi {
    return this.#insert('columns', afterPosition + 1, 1);
  }
  insertColumnBefore(beforePosition: number): SheetApi {
    return this.#insert('columns', beforePosition, 1);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.#insert('columns', columnIndex, numColumns);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi {
    return this.#insert('columns', afterPosition + 1, howMany);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): SheetApi {
    return this.#insert('columns', beforePosition, howMany);
  }
  insertRowAfter(afterPosition: number): SheetApi {
    return this.#insert('rows', afterPosition + 1, 1);
  }
  insertRowBefore(beforePosition: number): SheetApi {
    return this.#insert('rows', beforePosition, 1);
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.#insert('rows', rowIndex, numRows);
  }
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi {
    return this.#insert('rows', afterPosition + 1, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): SheetApi {
    return this.#insert('rows', beforePosition, howMany);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this._columns[columnPosition - 1]?.hiddenByUser === true;
  }
  isRowHiddenByFilter(rowPosition: number): boolean {
    return this._rows[rowPosition - 1]?.hiddenByFilter === true;
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this._rows[rowPosition - 1]?.hiddenByUser === true;
  }
  isSheetHidden(): boolean {
    return this._hidden;
  }
  moveColumns(columnSpec: GoogleAppsScript.Spreadsheet.Range, destinationIndex: number): void {
    const r = ownRange(columnSpec)._rect;
    this._permute('columns', moveBlock(this._columns.length, r.column, r.numColumns, destinationIndex));
  }
  moveRows(rowSpec: GoogleAppsScript.Spreadsheet.Range, destinationIndex: number): void {
    const r = ownRange(rowSpec)._rect;
    this._permute('rows', moveBlock(this._rows.length, r.row, r.numRows, destinationIndex));
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return gas(new EmbeddedChartBuilderDouble(this));
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const existing = this._protections.find((p) => p._type === 'SHEET' && !p._anchor.gone);
    return gas(existing ?? this._protect(this.#whole(), 'SHEET'));
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChartDouble)) throw new AppsScriptException('Invalid argument: chart');
    this._charts = this._charts.filter((c) => c._state.id !== chart._state.id);
  }
  setActiveRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Range {
    const r = ownRange(range);
    this._book._select(r._sheet, r._rect);
    return gas(r);
  }
  setActiveSelection(range: GoogleAppsScript.Spreadsheet.Range | string): GoogleAppsScript.Spreadsheet.Range {
    return this.setActiveRange(typeof range === 'string' ? this.getRange(range) : range);
  }
  setColumnWidth(columnPosition: number, width: number): SheetApi {
    this._columns[columnPosition - 1]!.width = width;
    return gas(this);
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetApi {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.setColumnWidth(c, width);
    return gas(this);
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    if (!Array.isArray(rules) || !rules.every((r) => r instanceof ConditionalFormatRuleDouble))
      throw new AppsScriptException('Invalid argument: rules');
    for (const rule of this._conditionalRules) for (const a of rule._state.ranges) this._anchors.delete(a as Anchor);
    this._conditionalRules = (rules as unknown as ConditionalFormatRuleDouble[]).map(
      (rule) =>
        new ConditionalFormatRuleDouble({
          ...rule._state,
          format: { ...rule._state.format },
          ranges: rule._state.ranges.map((a) => a.sheet._anchor(a.rect)),
        }),
    );
  }
  setFrozenColumns(columns: number): void {
    if (columns < 0 || columns >= this._columns.length) throw new AppsScriptException("You can't freeze all visible columns on the sheet.");
    this._frozenColumns = columns;
  }
  setFrozenRows(rows: number): void {
    if (rows < 0 || rows >= this._rows.length) throw new AppsScriptException("You can't freeze all visible rows on the sheet.");
    this._frozenRows = rows;
  }
  setName(name: string): SheetApi {
    this._book._renameSheet(this, String(name));
    return gas(this);
  }
  setRowHeight(rowPosition: number, height: number): SheetApi {
    this._rowState(rowPosition, true).height = height;
    return gas(this);
  }
  setTabColor(color: string | null): SheetApi {
    this._tabColor = color;
    return gas(this);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) delete this._columns[c - 1]!.hiddenByUser;
  }
  showRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++) if (this._rows[r - 1]) delete this._rows[r - 1]!.hiddenByUser;
  }
  showSheet(): SheetApi {
    this._hidden = false;
    return gas(this);
  }
  /** Sorts the sheet by a column, below its frozen rows, moving whole rows. */
  sort(columnPosition: number, ascending = true): SheetApi {
    const first = this._frozenRows + 1;
    const last = Math.max(this._lastRow(), first);
    if (columnPosition < 1 || columnPosition > this._columns.length) throw new AppsScriptException('The column position is out of bounds.');
    this._sortRows({ row: first, column: 1, numRows: last - first + 1, numColumns: this._columns.length }, [
      { column: columnPosition, ascending },
    ]);
    return gas(this);
  }
  unhideColumn(column: GoogleAppsScript.Spreadsheet.Range): void {
    const r = ownRange(column)._rect;
    this.showColumns(r.column, r.numColumns);
  }
  unhideRow(row: GoogleAppsScript.Spreadsheet.Range): void {
    const r = ownRange(row)._rect;
    this.showRows(r.row, r.numRows);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChartDouble)) throw new AppsScriptException('Invalid argument: chart');
    const i = this._charts.findIndex((c) => c._state.id === chart._state.id);
    if (i < 0) throw new AppsScriptException('The chart is not on this sheet.');
    this._charts[i] = chart;
  }
}
describeDouble(SheetDouble, { type: 'Sheet', service: 'SpreadsheetApp' });

/** The order after moving `count` positions from `from` to before `destination` (in positions before the move). */
function moveBlock(size: number, from: number, count: number, destination: number): number[] {
  const all = Array.from({ length: size }, (_, i) => i + 1);
  const block = all.slice(from - 1, from - 1 + count);
  const rest = all.filter((i) => i < from || i >= from + count);
  const before = rest.filter((i) => i < destination).length;
  return [...rest.slice(0, before), ...block, ...rest.slice(before)];
}
