import { a1Of, type Rect } from './a1-notation.ts';
import { AppsScriptException, enumName, gas, notImplemented, signatureMismatch } from './gas-types.ts';
import { DataValidationDouble } from './sheet-rules-double.ts';
import type { FormatKey, SheetDouble } from './sheet-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test doubles of Range and RangeList: a rectangle of a sheet double. Reads and writes go to the
// sheet's real grid; writes take Sheets' own checks (sizes, data validation, cell length) and
// messages.

type RangeApi = GoogleAppsScript.Spreadsheet.Range;

/** The bundle handed us a range: it must be one of ours. */
export function ownRange(range: unknown): RangeDouble {
  if (range instanceof RangeDouble) return range;
  throw new AppsScriptException('Invalid argument: range');
}

const formatDefaults: Record<FormatKey, unknown> = {
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  fontFamily: 'Arial',
  fontLine: 'none',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrap: false,
  wrapStrategy: 'OVERFLOW',
  numberFormat: '0.###############',
};

const namedColors: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  pink: '#ffc0cb',
  lime: '#00ff00',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};

/** A colour as Sheets reports it back: lower-case #rrggbb. */
export function normalizeColor(color: string): string {
  const c = String(color).trim().toLowerCase();
  if (namedColors[c]) return namedColors[c]!;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : c;
}

const normalizers: Partial<Record<FormatKey, (v: unknown) => unknown>> = {
  background: (v) => normalizeColor(String(v)),
  fontColor: (v) => normalizeColor(String(v)),
  fontWeight: (v) => (String(v) === 'bold' ? 'bold' : 'normal'),
  wrapStrategy: (v) => enumName(v, 'WrapStrategy'),
};

function checkShape(values: unknown, rect: Rect, method: string): asserts values is unknown[][] {
  if (!Array.isArray(values) || !values.every(Array.isArray)) throw signatureMismatch(`SpreadsheetApp.Range.${method}`, [values]);
  if (values.length !== rect.numRows) {
    throw new AppsScriptException(
      `The number of rows in the data does not match the number of rows in the range. ` +
        `The data has ${values.length} but the range has ${rect.numRows}.`,
    );
  }
  for (const row of values) {
    if (row.length !== rect.numColumns) {
      throw new AppsScriptException(
        `The number of columns in the data does not match the number of columns in the range. ` +
          `The data has ${row.length} but the range has ${rect.numColumns}.`,
      );
    }
  }
}

type SortSpec = { column: number; ascending: boolean };

export class RangeDouble
  implements
    Pick<
      RangeApi,
      | 'activate'
      | 'activateAsCurrentCell'
      | 'addDeveloperMetadata'
      | 'canEdit'
      | 'clear'
      | 'clearContent'
      | 'clearDataValidations'
      | 'clearFormat'
      | 'clearNote'
      | 'createDeveloperMetadataFinder'
      | 'createFilter'
      | 'getA1Notation'
      | 'getBackground'
      | 'getBackgrounds'
      | 'getCell'
      | 'getColumn'
      | 'getDataValidation'
      | 'getDataValidations'
      | 'getDeveloperMetadata'
      | 'getDisplayValue'
      | 'getDisplayValues'
      | 'getFilter'
      | 'getFontFamily'
      | 'getFontSize'
      | 'getFontStyle'
      | 'getFontWeight'
      | 'getFontWeights'
      | 'getFormula'
      | 'getFormulas'
      | 'getGridId'
      | 'getHeight'
      | 'getHorizontalAlignment'
      | 'getLastColumn'
      | 'getLastRow'
      | 'getNote'
      | 'getNotes'
      | 'getNumColumns'
      | 'getNumRows'
      | 'getNumberFormat'
      | 'getNumberFormats'
      | 'getRow'
      | 'getRowIndex'
      | 'getSheet'
      | 'getValue'
      | 'getValues'
      | 'getVerticalAlignment'
      | 'getWidth'
      | 'getWrap'
      | 'getWrapStrategy'
      | 'isBlank'
      | 'offset'
      | 'protect'
      | 'setBackground'
      | 'setBackgrounds'
      | 'setBorder'
      | 'setDataValidation'
      | 'setDataValidations'
      | 'setFontColor'
      | 'setFontColors'
      | 'setFontFamily'
      | 'setFontLine'
      | 'setFontSize'
      | 'setFontStyle'
      | 'setFontWeight'
      | 'setFontWeights'
      | 'setFormula'
      | 'setFormulas'
      | 'setHorizontalAlignment'
      | 'setNote'
      | 'setNotes'
      | 'setNumberFormat'
      | 'setNumberFormats'
      | 'setValue'
      | 'setValues'
      | 'setVerticalAlignment'
      | 'setWrap'
      | 'setWrapStrategy'
      | 'sort'
      | 'trimWhitespace'
    >
{
  readonly _sheet: SheetDouble;
  readonly _rect: Rect;
  constructor(sheet: SheetDouble, rect: Rect) {
    this._sheet = sheet;
    this._rect = rect;
  }

  toString(): string {
    return 'Range';
  }

  *_cells(): Generator<[number, number, number, number]> {
    const { row, column, numRows, numColumns } = this._rect;
    for (let i = 0; i < numRows; i++) for (let j = 0; j < numColumns; j++) yield [row + i, column + j, i, j];
  }

  #grid<T>(read: (row: number, column: number) => T): T[][] {
    const { row, column, numRows, numColumns } = this._rect;
    const out: T[][] = new Array(numRows);
    for (let i = 0; i < numRows; i++) {
      const line: T[] = new Array(numColumns);
      for (let j = 0; j < numColumns; j++) line[j] = read(row + i, column + j);
      out[i] = line;
    }
    return out;
  }

  #format(key: FormatKey): unknown[][] {
    return this.#grid((r, c) => (this._sheet._cell(r, c)?.[key] as unknown) ?? formatDefaults[key]);
  }

  #setFormats(key: FormatKey, values: unknown[][], method: string): RangeApi {
    checkShape(values, this._rect, method);
    const normalize = normalizers[key];
    for (const [r, c, i, j] of this._cells()) {
      const v = values[i]![j];
      const cell = this._sheet._cellForWrite(r, c) as Record<string, unknown>;
      if (v === null || v === undefined || v === '') delete cell[key];
      else cell[key] = normalize ? normalize(v) : v;
    }
    return gas(this);
  }

  #fill<T>(value: T): T[][] {
    return this.#grid(() => value);
  }

  // ------------------------------------------------------------ values and formulas

  getValues(): any[][] {
    return this.#grid((r, c) => {
      const v = this._sheet._value(r, c);
      return v instanceof Date ? new Date(v.getTime()) : v;
    });
  }
  getValue(): any {
    return this._sheet._value(this._rect.row, this._rect.column);
  }
  getDisplayValues(): string[][] {
    return this._displayValues();
  }
  _displayValues(): string[][] {
    return this.#grid((r, c) => this._sheet._display(r, c));
  }
  getDisplayValue(): string {
    return this._sheet._display(this._rect.row, this._rect.column);
  }
  setValues(values: any[][]): RangeApi {
    checkShape(values, this._rect, 'setValues');
    this._sheet._writeValues(this._rect, values, 'script');
    return gas(this);
  }
  setValue(value: any): RangeApi {
    if (Array.isArray(value)) throw signatureMismatch('SpreadsheetApp.Range.setValue', [value]);
    this._sheet._writeValues(this._rect, this.#fill(value), 'script');
    return gas(this);
  }
  getFormulas(): string[][] {
    return this.#grid((r, c) => this._sheet._cell(r, c)?.formula ?? '');
  }
  getFormula(): string {
    return this._sheet._cell(this._rect.row, this._rect.column)?.formula ?? '';
  }
  setFormulas(formulas: string[][]): RangeApi {
    checkShape(formulas, this._rect, 'setFormulas');
    this._sheet._writeValues(
      this._rect,
      formulas.map((row) => row.map((f) => (f === null || f === undefined ? '' : String(f)))),
      'script',
    );
    return gas(this);
  }
  setFormula(formula: string): RangeApi {
    this._sheet._writeValues(this._rect, this.#fill(String(formula)), 'script');
    return gas(this);
  }
  isBlank(): boolean {
    for (const [r, c] of this._cells()) if (this._sheet._value(r, c) !== '' || this._sheet._cell(r, c)?.formula) return false;
    return true;
  }
  trimWhitespace(): RangeApi {
    const trimmed = this.#grid((r, c) => {
      const cell = this._sheet._cell(r, c);
      const v = cell?.formula ?? this._sheet._value(r, c);
      return typeof v === 'string' && !cell?.formula ? v.trim().replace(/\s+/g, ' ') : v;
    });
    this._sheet._writeValues(this._rect, trimmed as unknown[][], 'script');
    return gas(this);
  }

  // ------------------------------------------------------------ notes

  getNotes(): string[][] {
    return this.#grid((r, c) => this._sheet._cell(r, c)?.note ?? '');
  }
  getNote(): string {
    return this._sheet._cell(this._rect.row, this._rect.column)?.note ?? '';
  }
  setNotes(notes: any[][]): RangeApi {
    checkShape(notes, this._rect, 'setNotes');
    for (const [r, c, i, j] of this._cells()) {
      const note = notes[i]![j];
      const cell = this._sheet._cellForWrite(r, c);
      if (note === null || note === undefined || note === '') delete cell.note;
      else cell.note = String(note);
    }
    return gas(this);
  }
  setNote(note: string | null): RangeApi {
    return this.setNotes(this.#fill(note));
  }
  clearNote(): RangeApi {
    return this.setNotes(this.#fill(null));
  }

  // ------------------------------------------------------------ formats

  getBackgrounds(): string[][] {
    return this.#format('background') as string[][];
  }
  getBackground(): string {
    return this.getBackgrounds()[0]![0]!;
  }
  setBackgrounds(color: string[][]): RangeApi {
    return this.#setFormats('background', color, 'setBackgrounds');
  }
  setBackground(color: string | null): RangeApi {
    return this.#setFormats('background', this.#fill(color), 'setBackground');
  }
  /** Deprecated in Apps Script but still working there: kept so an add-on using it is not refused. */
  getFontColors(): string[][] {
    return this.#format('fontColor') as string[][];
  }
  getFontColor(): string {
    return this.getFontColors()[0]![0]!;
  }
  setFontColors(colors: any[][]): RangeApi {
    return this.#setFormats('fontColor', colors, 'setFontColors');
  }
  setFontColor(color: string | null): RangeApi {
    return this.#setFormats('fontColor', this.#fill(color), 'setFontColor');
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return gas(this.#format('fontWeight'));
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return this.getFontWeights()[0]![0]!;
  }
  setFontWeights(fontWeights: any[][]): RangeApi {
    return this.#setFormats('fontWeight', fontWeights, 'setFontWeights');
  }
  setFontWeight(fontWeight: string | null): RangeApi {
    return this.#setFormats('fontWeight', this.#fill(fontWeight), 'setFontWeight');
  }
  getFontStyle(): GoogleAppsScript.Spreadsheet.FontStyle {
    return gas(this.#format('fontStyle')[0]![0]);
  }
  setFontStyle(fontStyle: string | null): RangeApi {
    return this.#setFormats('fontStyle', this.#fill(fontStyle), 'setFontStyle');
  }
  getFontSize(): number {
    return this.#format('fontSize')[0]![0] as number;
  }
  setFontSize(size: number): RangeApi {
    return this.#setFormats('fontSize', this.#fill(size), 'setFontSize');
  }
  getFontFamily(): string {
    return this.#format('fontFamily')[0]![0] as string;
  }
  setFontFamily(fontFamily: string | null): RangeApi {
    return this.#setFormats('fontFamily', this.#fill(fontFamily), 'setFontFamily');
  }
  setFontLine(fontLine: string | null): RangeApi {
    return this.#setFormats('fontLine', this.#fill(fontLine), 'setFontLine');
  }
  getHorizontalAlignment(): string {
    return this.#format('horizontalAlignment')[0]![0] as string;
  }
  setHorizontalAlignment(alignment: string | null): RangeApi {
    return this.#setFormats('horizontalAlignment', this.#fill(alignment), 'setHorizontalAlignment');
  }
  getVerticalAlignment(): string {
    return this.#format('verticalAlignment')[0]![0] as string;
  }
  setVerticalAlignment(alignment: string | null): RangeApi {
    return this.#setFormats('verticalAlignment', this.#fill(alignment), 'setVerticalAlignment');
  }
  getWrap(): boolean {
    return this.#format('wrap')[0]![0] as boolean;
  }
  setWrap(isWrapEnabled: boolean): RangeApi {
    return this.#setFormats('wrap', this.#fill(Boolean(isWrapEnabled)), 'setWrap');
  }
  getWrapStrategy(): GoogleAppsScript.Spreadsheet.WrapStrategy {
    return gas(this._sheet._book._enum('WrapStrategy', this.#format('wrapStrategy')[0]![0] as string));
  }
  setWrapStrategy(strategy: GoogleAppsScript.Spreadsheet.WrapStrategy): RangeApi {
    return this.#setFormats('wrapStrategy', this.#fill(strategy), 'setWrapStrategy');
  }
  getNumberFormats(): string[][] {
    return this.#format('numberFormat') as string[][];
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0]![0]!;
  }
  setNumberFormats(formats: any[][]): RangeApi {
    return this.#setFormats('numberFormat', formats, 'setNumberFormats');
  }
  setNumberFormat(numberFormat: string): RangeApi {
    return this.#setFormats('numberFormat', this.#fill(numberFormat), 'setNumberFormat');
  }
  /** Borders are recorded as set or not; their sides and styles are not modelled. */
  setBorder(top: boolean | null, ...rest: unknown[]): RangeApi {
    const any = [top, ...rest.slice(0, 5)].some((v) => v === true);
    for (const [r, c] of this._cells()) this._sheet._cellForWrite(r, c).border = any;
    return gas(this);
  }

  // ------------------------------------------------------------ validation

  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    return this.#grid((r, c) => gas(this._sheet._cell(r, c)?.validation ?? null));
  }
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    return this.getDataValidations()[0]![0]!;
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): RangeApi {
    return this.#setValidations(rules, false);
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): RangeApi {
    return this.#setValidations(this.#fill(rule), true);
  }
  /** `spread`: one rule for the range, its custom formula written for the top-left cell and moved to each other cell. */
  #setValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][], spread: boolean): RangeApi {
    checkShape(rules, this._rect, 'setDataValidations');
    for (const [r, c, i, j] of this._cells()) {
      const rule = rules[i]![j];
      if (rule !== null && rule !== undefined && !(rule instanceof DataValidationDouble))
        throw new AppsScriptException('Invalid argument: rule');
      const cell = this._sheet._cellForWrite(r, c);
      if (rule) cell.validation = spread ? rule._movedBy(i, j) : rule;
      else delete cell.validation;
    }
    return gas(this);
  }
  clearDataValidations(): RangeApi {
    return this.setDataValidation(null);
  }

  // ------------------------------------------------------------ clearing

  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): RangeApi {
    const o = options ?? {};
    const only = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    for (const [r, c] of this._cells()) {
      if (o.skipFilteredRows && this._sheet._rowState(r)?.hiddenByFilter) continue;
      const cell = this._sheet._cell(r, c);
      if (!cell) continue;
      if (!only || o.contentsOnly) this._sheet._clearContent(r, c);
      if (!only || o.formatOnly) for (const key of Object.keys(formatDefaults)) delete (cell as Record<string, unknown>)[key];
      if (o.validationsOnly) delete cell.validation;
      if (o.commentsOnly) delete cell.note;
    }
    return gas(this);
  }
  clearContent(): RangeApi {
    return this.clear({ contentsOnly: true });
  }
  clearFormat(): RangeApi {
    return this.clear({ formatOnly: true });
  }

  // ------------------------------------------------------------ geometry

  getA1Notation(): string {
    return a1Of(this._rect);
  }
  getRow(): number {
    return this._rect.row;
  }
  getRowIndex(): number {
    return this._rect.row;
  }
  getColumn(): number {
    return this._rect.column;
  }
  getNumRows(): number {
    return this._rect.numRows;
  }
  getNumColumns(): number {
    return this._rect.numColumns;
  }
  getHeight(): number {
    return this._rect.numRows;
  }
  getWidth(): number {
    return this._rect.numColumns;
  }
  getLastRow(): number {
    return this._rect.row + this._rect.numRows - 1;
  }
  getLastColumn(): number {
    return this._rect.column + this._rect.numColumns - 1;
  }
  getGridId(): number {
    return this._sheet._id;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return gas(this._sheet);
  }
  getCell(row: number, column: number): RangeApi {
    if (row < 1 || column < 1 || row > this._rect.numRows || column > this._rect.numColumns)
      throw new AppsScriptException('Cell reference out of range');
    return gas(this._sheet._range({ row: this._rect.row + row - 1, column: this._rect.column + column - 1, numRows: 1, numColumns: 1 }));
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeApi {
    return this._sheet.getRange(
      this._rect.row + rowOffset,
      this._rect.column + columnOffset,
      numRows ?? this._rect.numRows,
      numColumns ?? this._rect.numColumns,
    );
  }
  canEdit(): boolean {
    return true;
  }
  activate(): RangeApi {
    this._sheet._book._select(this._sheet, this._rect);
    return gas(this);
  }
  activateAsCurrentCell(): RangeApi {
    return this.activate();
  }

  // ------------------------------------------------------------ sheet features on the range

  sort(sortSpecObj: any): RangeApi {
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s: unknown): SortSpec => {
      if (typeof s === 'number') return { column: s, ascending: true };
      if (s && typeof s === 'object' && typeof (s as SortSpec).column === 'number')
        return { column: (s as SortSpec).column, ascending: (s as SortSpec).ascending !== false };
      throw new AppsScriptException(`Invalid argument: sortSpecObj`);
    });
    for (const s of specs) {
      if (s.column < this._rect.column || s.column >= this._rect.column + this._rect.numColumns) {
        throw new AppsScriptException(`The sort column ${s.column} is outside the range ${this.getA1Notation()}.`);
      }
    }
    this._sheet._sortRows(this._rect, specs);
    return gas(this);
  }
  createFilter(): GoogleAppsScript.Spreadsheet.Filter {
    return gas(this._sheet._createFilter(this._rect));
  }
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return gas(this._sheet._filter ?? null);
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    return gas(this._sheet._protect(this._rect, 'RANGE'));
  }
  addDeveloperMetadata(
    key: string,
    valueOrVisibility?: unknown,
    visibility?: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  ): RangeApi {
    const { row, column, numRows, numColumns } = this._rect;
    const wholeColumns = row === 1 && numRows === this._sheet._rows.length;
    const wholeRows = column === 1 && numColumns === this._sheet._columns.length;
    if (wholeRows && !wholeColumns) notImplemented('developer metadata on rows (whether it follows a sort is not documented)');
    if (!wholeColumns) {
      throw new AppsScriptException(
        'Adding developer metadata to arbitrary ranges is not currently supported. ' +
          'Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    if (numColumns !== 1) notImplemented('developer metadata on several columns at once');
    this._sheet._book._addMetadata(
      { kind: 'COLUMN', sheet: this._sheet, column: this._sheet._columns[column - 1]! },
      key,
      valueOrVisibility,
      visibility,
    );
    return gas(this);
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    const { row, column, numRows, numColumns } = this._rect;
    if (row !== 1 || numRows !== this._sheet._rows.length) return [];
    return gas(
      this._sheet._book._metadata.filter((m) => {
        const at = m._columnPosition();
        return m._location.kind === 'COLUMN' && m._location.sheet === this._sheet && at >= column && at < column + numColumns;
      }),
    );
  }
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return gas(
      this._sheet._book._finder({
        sheet: this._sheet,
        columns: { from: this._rect.column, to: this._rect.column + this._rect.numColumns - 1 },
      }),
    );
  }
}
describeDouble(RangeDouble, { type: 'Range', service: 'SpreadsheetApp' });

type RangeListApi = GoogleAppsScript.Spreadsheet.RangeList;
/** Scattered ranges of one sheet, formatted in one call. */
export class RangeListDouble
  implements
    Pick<
      RangeListApi,
      | 'activate'
      | 'clear'
      | 'clearContent'
      | 'clearDataValidations'
      | 'clearFormat'
      | 'clearNote'
      | 'getRanges'
      | 'setBackground'
      | 'setBorder'
      | 'setFontColor'
      | 'setFontFamily'
      | 'setFontLine'
      | 'setFontSize'
      | 'setFontStyle'
      | 'setFontWeight'
      | 'setFormula'
      | 'setHorizontalAlignment'
      | 'setNote'
      | 'setNumberFormat'
      | 'setValue'
      | 'setVerticalAlignment'
      | 'setWrap'
      | 'setWrapStrategy'
      | 'trimWhitespace'
    >
{
  readonly _ranges: RangeDouble[];
  constructor(ranges: RangeDouble[]) {
    this._ranges = ranges;
  }
  #each(f: (r: RangeDouble) => unknown): RangeListApi {
    for (const r of this._ranges) f(r);
    return gas(this);
  }
  activate(): RangeListApi {
    return this.#each((r) => r.activate());
  }
  clear(options?: Parameters<RangeDouble['clear']>[0]): RangeListApi {
    return this.#each((r) => r.clear(options));
  }
  clearContent(): RangeListApi {
    return this.#each((r) => r.clearContent());
  }
  clearDataValidations(): RangeListApi {
    return this.#each((r) => r.clearDataValidations());
  }
  clearFormat(): RangeListApi {
    return this.#each((r) => r.clearFormat());
  }
  clearNote(): RangeListApi {
    return this.#each((r) => r.clearNote());
  }
  getRanges(): RangeApi[] {
    return gas([...this._ranges]);
  }
  setBackground(color: string | null): RangeListApi {
    return this.#each((r) => r.setBackground(color));
  }
  setBorder(top: boolean | null, ...rest: unknown[]): RangeListApi {
    return this.#each((r) => r.setBorder(top, ...rest));
  }
  setFontColor(color: string | null): RangeListApi {
    return this.#each((r) => r.setFontColor(color));
  }
  setFontFamily(fontFamily: string | null): RangeListApi {
    return this.#each((r) => r.setFontFamily(fontFamily));
  }
  setFontLine(fontLine: string | null): RangeListApi {
    return this.#each((r) => r.setFontLine(fontLine));
  }
  setFontSize(size: number): RangeListApi {
    return this.#each((r) => r.setFontSize(size));
  }
  setFontStyle(fontStyle: string | null): RangeListApi {
    return this.#each((r) => r.setFontStyle(fontStyle));
  }
  setFontWeight(fontWeight: string | null): RangeListApi {
    return this.#each((r) => r.setFontWeight(fontWeight));
  }
  setFormula(formula: string): RangeListApi {
    return this.#each((r) => r.setFormula(formula));
  }
  setHorizontalAlignment(alignment: string | null): RangeListApi {
    return this.#each((r) => r.setHorizontalAlignment(alignment));
  }
  setNote(note: string | null): RangeListApi {
    return this.#each((r) => r.setNote(note));
  }
  setNumberFormat(format: string): RangeListApi {
    return this.#each((r) => r.setNumberFormat(format));
  }
  setValue(value: any): RangeListApi {
    return this.#each((r) => r.setValue(value));
  }
  setVerticalAlignment(alignment: string | null): RangeListApi {
    return this.#each((r) => r.setVerticalAlignment(alignment));
  }
  setWrap(isWrapEnabled: boolean): RangeListApi {
    return this.#each((r) => r.setWrap(isWrapEnabled));
  }
  setWrapStrategy(strategy: GoogleAppsScript.Spreadsheet.WrapStrategy): RangeListApi {
    return this.#each((r) => r.setWrapStrategy(strategy));
  }
  trimWhitespace(): RangeListApi {
    return this.#each((r) => r.trimWhitespace());
  }
}
describeDouble(RangeListDouble, { type: 'RangeList', service: 'SpreadsheetApp' });
