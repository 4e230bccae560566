import { a1Of, columnNumber, intersects, parseA1, type Rect } from './a1-notation.ts';
import type { CellValue, SheetLocale } from './cell-values.ts';
import type { ChartRecord } from './chart-double.ts';
import {
  DeveloperMetadataDouble,
  DeveloperMetadataFinderDouble,
  DeveloperMetadataLocationType,
  DeveloperMetadataVisibility,
  type FinderScope,
  type MetadataLocation,
} from './developer-metadata-double.ts';
import { evaluateFormula, rewriteReferences, type Ref } from './formula-engine.ts';
import { AppsScriptException, EnumValueDouble, enumOf, gas, notImplemented, signatureMismatch } from './gas-types.ts';
import { ownRange, RangeListDouble } from './range-double.ts';
import { SheetDouble } from './sheet-double.ts';
import {
  BooleanCriteria,
  ConditionalFormatRuleBuilderDouble,
  DataValidationBuilderDouble,
  DataValidationCriteria,
  FilterCriteriaBuilderDouble,
  ProtectionType,
  RelativeDate,
  type Anchor,
  type DataValidationDouble,
} from './sheet-rules-double.ts';
import type { UiDouble } from './ui-double.ts';
import { describeDouble } from './vm-bridge.ts';

type S = typeof GoogleAppsScript.Spreadsheet;
export const WrapStrategy = enumOf<S['WrapStrategy']>('WrapStrategy', ['WRAP', 'OVERFLOW', 'CLIP']);
export const Dimension = enumOf<S['Dimension']>('Dimension', ['COLUMNS', 'ROWS']);
export const BorderStyle = enumOf<S['BorderStyle']>('BorderStyle', ['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE']);
export const Direction = enumOf<S['Direction']>('Direction', ['UP', 'DOWN', 'PREVIOUS', 'NEXT']);

const enums: Record<string, object> = {
  WrapStrategy,
  Dimension,
  BorderStyle,
  Direction,
  DataValidationCriteria,
  BooleanCriteria,
  RelativeDate,
  ProtectionType,
  DeveloperMetadataVisibility,
  DeveloperMetadataLocationType,
};

export type SpreadsheetOptions = {
  ui: UiDouble;
  locale?: string;
  timeZone?: string;
  name?: string;
  /** The signed-in user: the owner of protections the add-on sets. */
  owner: () => string;
  /** "Today" for TODAY() and relative dates; the real clock by default. */
  today?: () => Date;
};

/** A protection warning Sheets showed a person editing a warning-only protected range. */
export type ProtectionWarning = { sheet: string; a1: string; description: string };
/** A value a person typed that a warning (not rejecting) data validation flagged. */
export type ValidationWarning = { sheet: string; a1: string; value: CellValue };

/** What a test reads about one cell. */
export type CellRecord = {
  value: CellValue;
  display: string;
  formula: string;
  note: string;
  background: string;
  fontColor: string;
  fontWeight: string;
  numberFormat: string;
  validation: { criteria: string; values: unknown[]; allowInvalid: boolean } | null;
  protections: { description: string; warningOnly: boolean }[];
};

type SpreadsheetApi = GoogleAppsScript.Spreadsheet.Spreadsheet;
type SheetApi = GoogleAppsScript.Spreadsheet.Sheet;
type RangeApi = GoogleAppsScript.Spreadsheet.Range;

const hostOnly = new Set([
  'grid',
  'displayGrid',
  'formulas',
  'notes',
  'backgrounds',
  'cell',
  'charts',
  'sheet',
  'sheetNames',
  'columnMetadata',
  'effectiveBackground',
  'protectionWarnings',
  'validationWarnings',
  'userEdit',
  'userSetFormula',
  'userSort',
  'userInsertColumnAfter',
  'userInsertColumnBefore',
  'userInsertRowsAfter',
  'userInsertRowsBefore',
  'userDeleteRows',
  'userDeleteColumns',
  'userMoveColumn',
  'userFilter',
  'userRemoveFilter',
  'userSelect',
  'userHideColumn',
  'userRenameSheet',
  'userDeleteSheet',
  'userAddSheet',
  'activeSelection',
]);

/**
 * Test double of Apps Script's Spreadsheet (the active spreadsheet the add-on runs in), keeping a real
 * grid per sheet. Besides the Apps Script methods it offers test helpers, invisible to the bundle:
 * reading the grid (`grid`, `cell`, `formulas`, `charts`…) and acting as a person would in the Sheets
 * UI (`userEdit`, `userSort`, `userInsertColumnAfter`, `userSetFormula`, `userFilter`…). The helpers
 * are not counted as the add-on's calls.
 */
export class SpreadsheetDouble
  implements
    Pick<
      SpreadsheetApi,
      | 'addDeveloperMetadata'
      | 'createDeveloperMetadataFinder'
      | 'deleteSheet'
      | 'getActiveCell'
      | 'getActiveRange'
      | 'getActiveRangeList'
      | 'getActiveSheet'
      | 'getCurrentCell'
      | 'getDeveloperMetadata'
      | 'getId'
      | 'getName'
      | 'getNamedRanges'
      | 'getNumSheets'
      | 'getRange'
      | 'getRangeByName'
      | 'getRangeList'
      | 'getSheetById'
      | 'getSheetByName'
      | 'getSheets'
      | 'getSpreadsheetLocale'
      | 'getSpreadsheetTimeZone'
      | 'getUrl'
      | 'insertSheet'
      | 'removeNamedRange'
      | 'rename'
      | 'setActiveRange'
      | 'setActiveSheet'
      | 'setNamedRange'
      | 'setSpreadsheetLocale'
      | 'setSpreadsheetTimeZone'
      | 'toast'
    >
{
  _sheets: SheetDouble[] = [];
  _active!: SheetDouble;
  _metadata: DeveloperMetadataDouble[] = [];
  readonly _namedRanges = new Map<string, Anchor>();
  readonly _ui: UiDouble;
  _name: string;
  _where: SheetLocale;
  _collator: Intl.Collator;
  readonly #owner: () => string;
  readonly #today: () => Date;
  readonly #evaluating = new Set<string>();
  #nextSheetId = 0;
  #nextMetadataId = 1;
  readonly protectionWarnings: ProtectionWarning[] = [];
  readonly validationWarnings: ValidationWarning[] = [];

  constructor(options: SpreadsheetOptions) {
    this._ui = options.ui;
    this._name = options.name ?? 'Untitled spreadsheet';
    this._where = { locale: options.locale ?? 'en_US', timeZone: options.timeZone ?? 'Europe/Moscow' };
    this._collator = new Intl.Collator(this._where.locale.replace('_', '-'), { sensitivity: 'base', numeric: false });
    this.#owner = options.owner;
    this.#today = options.today ?? (() => new Date());
    this._active = this.#addSheet(this._where.locale.startsWith('ru') ? 'Лист1' : 'Sheet1', 0);
  }

  toString(): string {
    return 'Spreadsheet';
  }

  get _timeZone(): string {
    return this._where.timeZone;
  }
  get _owner(): string {
    return this.#owner();
  }
  _today(): Date {
    return this.#today();
  }
  _enum(enumName: string, name: string): EnumValueDouble {
    return (enums[enumName] as Record<string, EnumValueDouble>)[name]!;
  }

  #addSheet(name: string, index: number): SheetDouble {
    const sheet = new SheetDouble(this, this.#nextSheetId++, name);
    this._sheets.splice(index, 0, sheet);
    return sheet;
  }

  _sheetNamed(name: string): SheetDouble | undefined {
    const lower = name.toLowerCase();
    return this._sheets.find((s) => s._name.toLowerCase() === lower);
  }

  _evaluate(sheet: SheetDouble, row: number, column: number, formula: string): CellValue {
    const key = `${sheet._id}:${row}:${column}`;
    if (this.#evaluating.has(key)) return '#REF!';
    this.#evaluating.add(key);
    try {
      return evaluateFormula(formula, sheet._formulaScope());
    } finally {
      this.#evaluating.delete(key);
    }
  }

  /** Applies `map` to every reference of every formula: cells, custom-formula conditional formats and validations. */
  _rewriteFormulas(map: (ref: Ref, formulaSheet: SheetDouble) => Ref | null): void {
    const customFormula = (criterion: { type: string; values: unknown[] } | null, sheet: SheetDouble) => {
      if (criterion?.type === 'CUSTOM_FORMULA')
        criterion.values[0] = rewriteReferences(String(criterion.values[0]), (ref) => map(ref, sheet));
    };
    for (const sheet of this._sheets) {
      const validations = new Set<DataValidationDouble>();
      for (const state of sheet._rows) {
        if (!state) continue;
        for (const cell of state.cells) {
          if (cell?.formula) cell.formula = rewriteReferences(cell.formula, (ref) => map(ref, sheet));
          if (cell?.validation) validations.add(cell.validation);
        }
      }
      for (const v of validations) customFormula(v._state.criterion, sheet);
      for (const rule of sheet._conditionalRules) customFormula(rule._state.criterion, sheet);
    }
  }

  /** A formula moved by a sort from `oldRow` to `newRow`: its references to its own row follow it. */
  _followRow(formula: string, sheet: SheetDouble, oldRow: number, newRow: number): string {
    return rewriteReferences(formula, (ref) => {
      const target = ref.sheet === undefined ? sheet : this._sheetNamed(ref.sheet);
      if (target !== sheet || ref.start.rowAbsolute || ref.start.row !== oldRow) return ref;
      if (!ref.end) return { ...ref, start: { ...ref.start, row: newRow } };
      if (ref.end.row !== oldRow || ref.end.rowAbsolute) return ref;
      return { ...ref, start: { ...ref.start, row: newRow }, end: { ...ref.end, row: newRow } };
    });
  }

  _activateSheet(sheet: SheetDouble): void {
    this._active = sheet;
  }

  _select(sheet: SheetDouble, rect: Rect, list: Rect[] = []): void {
    this._active = sheet;
    sheet._selection = { ...rect };
    sheet._selectionList = list.map((r) => ({ ...r }));
  }

  _renameSheet(sheet: SheetDouble, name: string): void {
    if (name.trim() === '') throw new AppsScriptException('Invalid argument: sheetName');
    const clash = this._sheetNamed(name);
    if (clash && clash !== sheet)
      throw new AppsScriptException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const old = sheet._name;
    this._rewriteFormulas((ref) =>
      ref.sheet !== undefined && ref.sheet.toLowerCase() === old.toLowerCase() ? { ...ref, sheet: name } : ref,
    );
    sheet._name = name;
  }

  _addMetadata(location: MetadataLocation, key: string, valueOrVisibility: unknown, visibility: unknown): void {
    if (typeof key !== 'string' || key === '') throw new AppsScriptException('Invalid argument: key');
    const asVisibility = (v: unknown) => (v instanceof EnumValueDouble ? (v.name() as 'DOCUMENT' | 'PROJECT') : undefined);
    const value =
      valueOrVisibility instanceof EnumValueDouble || valueOrVisibility === undefined || valueOrVisibility === null
        ? null
        : String(valueOrVisibility);
    const vis = asVisibility(valueOrVisibility) ?? asVisibility(visibility) ?? 'DOCUMENT';
    this._metadata.push(new DeveloperMetadataDouble(this, this.#nextMetadataId++, key, value, vis, location));
  }

  _finder(scope: FinderScope): DeveloperMetadataFinderDouble {
    return new DeveloperMetadataFinderDouble(this, scope);
  }

  _warnIfProtected(sheet: SheetDouble, rect: Rect): void {
    for (const p of sheet._protections) {
      if (!p._warningOnly || p._anchor.gone || !intersects(p._anchor.rect, rect)) continue;
      let covered = false;
      for (let r = rect.row; r < rect.row + rect.numRows && !covered; r++)
        for (let c = rect.column; c < rect.column + rect.numColumns && !covered; c++) covered = p._covers(r, c);
      if (covered) this.protectionWarnings.push({ sheet: sheet._name, a1: a1Of(rect), description: p._description });
    }
  }

  #sheetOf(sheet: unknown): SheetDouble {
    if (sheet instanceof SheetDouble && this._sheets.includes(sheet)) return sheet;
    throw new AppsScriptException('Invalid argument: sheet');
  }

  // ------------------------------------------------------------ Apps Script's Spreadsheet

  addDeveloperMetadata(
    key: string,
    valueOrVisibility?: unknown,
    visibility?: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  ): SpreadsheetApi {
    this._addMetadata({ kind: 'SPREADSHEET' }, key, valueOrVisibility, visibility);
    return gas(this);
  }
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return gas(this._finder({}));
  }
  deleteSheet(sheet: SheetApi): void {
    const s = this.#sheetOf(sheet);
    if (this._sheets.length === 1) throw new AppsScriptException("You can't remove all the sheets in a document.");
    this._rewriteFormulas((ref) => (ref.sheet !== undefined && this._sheetNamed(ref.sheet) === s ? null : ref));
    this._sheets = this._sheets.filter((x) => x !== s);
    this._metadata = this._metadata.filter((m) => m._location.kind === 'SPREADSHEET' || m._location.sheet !== s);
    for (const [name, anchor] of this._namedRanges) if (anchor.sheet === s) this._namedRanges.delete(name);
    if (this._active === s) this._active = this._sheets[0]!;
  }
  getActiveCell(): RangeApi {
    return this._active.getActiveCell();
  }
  getActiveRange(): RangeApi | null {
    return this._active.getActiveRange();
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList | null {
    return this._active.getActiveRangeList();
  }
  getActiveSheet(): SheetApi {
    return gas(this._active);
  }
  getCurrentCell(): RangeApi | null {
    return this._active.getActiveCell();
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return gas(this._metadata.filter((m) => m._location.kind === 'SPREADSHEET'));
  }
  getId(): string {
    return 'spreadsheet-double-0000000000000000000000000000';
  }
  getName(): string {
    return this._name;
  }
  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return gas([...this._namedRanges].filter(([, a]) => !a.gone).map(([name]) => new NamedRangeDouble(this, name)));
  }
  getNumSheets(): number {
    return this._sheets.length;
  }
  getRange(a1Notation: string): RangeApi {
    const { sheetName } = parseA1(a1Notation, { maxRows: 1, maxColumns: 1 });
    const sheet = sheetName === undefined ? this._active : this._sheetNamed(sheetName);
    if (!sheet) throw new AppsScriptException('Range not found');
    const bare = a1Notation.slice(a1Notation.lastIndexOf('!') + 1);
    return sheet.getRange(bare);
  }
  getRangeByName(name: string): RangeApi | null {
    const anchor = this._namedRanges.get(name);
    return anchor && !anchor.gone ? gas(anchor.sheet._range(anchor.rect)) : null;
  }
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    if (!Array.isArray(a1Notations)) throw signatureMismatch('SpreadsheetApp.Spreadsheet.getRangeList', [a1Notations]);
    return gas(new RangeListDouble(a1Notations.map((a1) => ownRange(this.getRange(String(a1))))));
  }
  getSheetById(id: number): SheetApi | null {
    return gas(this._sheets.find((s) => s._id === id) ?? null);
  }
  getSheetByName(name: string): SheetApi | null {
    return gas(this._sheets.find((s) => s._name === name) ?? null);
  }
  getSheets(): SheetApi[] {
    return gas([...this._sheets]);
  }
  getSpreadsheetLocale(): string {
    return this._where.locale;
  }
  getSpreadsheetTimeZone(): string {
    return this._where.timeZone;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.getId()}/edit`;
  }
  insertSheet(...args: unknown[]): SheetApi {
    let name: string | undefined;
    let index: number | undefined;
    for (const a of args) {
      if (typeof a === 'string') name = a;
      else if (typeof a === 'number') index = a;
      else if (a && typeof a === 'object' && 'template' in a && (a as { template?: unknown }).template)
        notImplemented('Spreadsheet.insertSheet with a template');
    }
    if (name !== undefined && this._sheetNamed(name))
      throw new AppsScriptException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const base = this._where.locale.startsWith('ru') ? 'Лист' : 'Sheet';
    let n = this._sheets.length + 1;
    while (name === undefined && this._sheetNamed(`${base}${n}`)) n++;
    const at = index === undefined ? this._sheets.indexOf(this._active) + 1 : Math.max(0, Math.min(index, this._sheets.length));
    const sheet = this.#addSheet(name ?? `${base}${n}`, at);
    this._active = sheet;
    return gas(sheet);
  }
  removeNamedRange(name: string): void {
    if (!this._namedRanges.delete(name)) throw new AppsScriptException(`Named range ${name} not found.`);
  }
  rename(newName: string): void {
    this._name = String(newName);
  }
  setActiveRange(range: RangeApi): RangeApi {
    const r = ownRange(range);
    this._select(r._sheet, r._rect);
    return gas(r);
  }
  setActiveSheet(sheet: SheetApi): SheetApi {
    this._active = this.#sheetOf(sheet);
    return gas(this._active);
  }
  setNamedRange(name: string, range: RangeApi): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new AppsScriptException(`Invalid argument: name`);
    const r = ownRange(range);
    this._namedRanges.set(name, r._sheet._anchor(r._rect));
  }
  setSpreadsheetLocale(locale: string): void {
    this._where = { ...this._where, locale };
    this._collator = new Intl.Collator(locale.replace('_', '-'), { sensitivity: 'base' });
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this._where = { ...this._where, timeZone: timezone };
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this._ui._toast(String(msg), title === undefined ? '' : String(title), timeoutSeconds ?? 5);
  }

  // ------------------------------------------------------------ test helpers: reading

  /** A sheet for direct reading in a test (not counted as the add-on's calls). */
  sheet(name?: string): SheetApi {
    return gas(this.#named(name));
  }

  sheetNames(): string[] {
    return this._sheets.map((s) => s._name);
  }

  #named(name?: string): SheetDouble {
    if (name === undefined) return this._active;
    const sheet = this._sheets.find((s) => s._name === name);
    if (!sheet)
      throw new Error(
        `the spreadsheet double has no sheet named "${name}" (it has ${this.sheetNames()
          .map((n) => `"${n}"`)
          .join(', ')})`,
      );
    return sheet;
  }

  #dataRange(name?: string): { sheet: SheetDouble; rect: Rect } {
    const sheet = this.#named(name);
    return { sheet, rect: { row: 1, column: 1, numRows: Math.max(1, sheet._lastRow()), numColumns: Math.max(1, sheet._lastColumn()) } };
  }

  /** The values of a sheet's data range (A1 to the last row and column with content), as getValues() returns them. */
  grid(sheetName?: string): CellValue[][] {
    const { sheet, rect } = this.#dataRange(sheetName);
    return sheet._range(rect).getValues();
  }

  displayGrid(sheetName?: string): string[][] {
    const { sheet, rect } = this.#dataRange(sheetName);
    return sheet._range(rect).getDisplayValues();
  }

  formulas(sheetName?: string): string[][] {
    const { sheet, rect } = this.#dataRange(sheetName);
    return sheet._range(rect).getFormulas();
  }

  notes(sheetName?: string): string[][] {
    const { sheet, rect } = this.#dataRange(sheetName);
    return sheet._range(rect).getNotes();
  }

  backgrounds(sheetName?: string): string[][] {
    const { sheet, rect } = this.#dataRange(sheetName);
    return sheet._range(rect).getBackgrounds();
  }

  cell(sheetName: string, a1: string): CellRecord {
    const sheet = this.#named(sheetName);
    const { rect } = parseA1(a1, { maxRows: sheet._rows.length, maxColumns: sheet._columns.length });
    const range = sheet._range({ ...rect, numRows: 1, numColumns: 1 });
    const validation = sheet._cell(rect.row, rect.column)?.validation;
    return {
      value: sheet._value(rect.row, rect.column),
      display: range.getDisplayValue(),
      formula: range.getFormula(),
      note: range.getNote(),
      background: range.getBackground(),
      fontColor: range.getFontColor(),
      fontWeight: range.getFontWeight(),
      numberFormat: range.getNumberFormat(),
      validation: validation
        ? {
            criteria: validation._state.criterion.type,
            values: [...validation._state.criterion.values],
            allowInvalid: validation._state.allowInvalid,
          }
        : null,
      protections: sheet._protections
        .filter((p) => p._covers(rect.row, rect.column))
        .map((p) => ({ description: p._description, warningOnly: p._warningOnly })),
    };
  }

  /** The background a person sees: the first matching conditional format's, else the cell's own. */
  effectiveBackground(sheetName: string, a1: string): string {
    const sheet = this.#named(sheetName);
    const { rect } = parseA1(a1, { maxRows: sheet._rows.length, maxColumns: sheet._columns.length });
    for (const rule of sheet._conditionalRules) {
      const format = rule._formatAt(sheet, rect.row, rect.column);
      if (format?.background) return format.background;
    }
    return sheet._range(rect).getBackground();
  }

  charts(sheetName?: string): ChartRecord[] {
    return this.#named(sheetName)._charts.map((c) => c._record());
  }

  /** Column-level developer metadata of a sheet, with each column's current position. */
  columnMetadata(sheetName?: string): { key: string; value: string | null; column: number }[] {
    const sheet = this.#named(sheetName);
    return this._metadata
      .filter((m) => m._location.kind === 'COLUMN' && m._location.sheet === sheet)
      .map((m) => ({ key: m._key, value: m._value, column: m._columnPosition() }));
  }

  // ------------------------------------------------------------ test helpers: a person in the Sheets UI

  /** Types into a cell (or a block from its top-left): strings are read as Sheets reads typing. */
  userEdit(sheetName: string, a1: string, value: unknown): void {
    const sheet = this.#named(sheetName);
    const { rect } = parseA1(a1, { maxRows: sheet._rows.length, maxColumns: sheet._columns.length });
    const block = Array.isArray(value) && Array.isArray(value[0]) ? (value as unknown[][]) : [[value]];
    sheet._writeValues({ row: rect.row, column: rect.column, numRows: block.length, numColumns: block[0]!.length }, block, 'user');
  }

  /**
   * A person entering a formula. In a cell formatted as plain text Sheets would keep the text; the
   * person would set the format to Automatic first, so this helper does that.
   */
  userSetFormula(sheetName: string, a1: string, formula: string): void {
    const sheet = this.#named(sheetName);
    const { rect } = parseA1(a1, { maxRows: sheet._rows.length, maxColumns: sheet._columns.length });
    for (let r = rect.row; r < rect.row + rect.numRows; r++) {
      for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
        const cell = sheet._cell(r, c);
        if (cell?.numberFormat === '@') delete cell.numberFormat;
      }
    }
    this.userEdit(sheetName, a1, formula.startsWith('=') ? formula : `=${formula}`);
  }

  /** "Sort sheet A→Z" on a column (a number or letters); with a filter on, the filter's sort. */
  userSort(sheetName: string, column: number | string, ascending = true): void {
    const sheet = this.#named(sheetName);
    const position = typeof column === 'number' ? column : columnNumber(column);
    if (sheet._filter) sheet._filter.sort(position, ascending);
    else sheet.sort(position, ascending);
  }

  userInsertColumnAfter(sheetName: string, column: number | string, count = 1): void {
    this.#named(sheetName).insertColumnsAfter(typeof column === 'number' ? column : columnNumber(column), count);
  }

  userInsertColumnBefore(sheetName: string, column: number | string, count = 1): void {
    this.#named(sheetName).insertColumnsBefore(typeof column === 'number' ? column : columnNumber(column), count);
  }

  userInsertRowsAfter(sheetName: string, row: number, count = 1): void {
    this.#named(sheetName).insertRowsAfter(row, count);
  }

  userInsertRowsBefore(sheetName: string, row: number, count = 1): void {
    this.#named(sheetName).insertRowsBefore(row, count);
  }

  userDeleteRows(sheetName: string, row: number, count = 1): void {
    this.#named(sheetName).deleteRows(row, count);
  }

  userDeleteColumns(sheetName: string, column: number | string, count = 1): void {
    this.#named(sheetName).deleteColumns(typeof column === 'number' ? column : columnNumber(column), count);
  }

  /** Drags a column to before `destination` (positions counted before the move, as Sheet.moveColumns). */
  userMoveColumn(sheetName: string, column: number | string, destination: number | string): void {
    const sheet = this.#named(sheetName);
    const from = typeof column === 'number' ? column : columnNumber(column);
    const to = typeof destination === 'number' ? destination : columnNumber(destination);
    sheet.moveColumns(gas(sheet._range({ row: 1, column: from, numRows: sheet._rows.length, numColumns: 1 })), to);
  }

  /** Turns the filter on (over the data range) if needed and hides the rows showing these values in a column. */
  userFilter(sheetName: string, column: number | string, hiddenValues: string[]): void {
    const sheet = this.#named(sheetName);
    const filter = sheet._filter ?? sheet._createFilter(this.#dataRange(sheetName).rect);
    const criteria = new FilterCriteriaBuilderDouble().setHiddenValues(hiddenValues).build();
    filter.setColumnFilterCriteria(typeof column === 'number' ? column : columnNumber(column), criteria);
  }

  userRemoveFilter(sheetName: string): void {
    this.#named(sheetName)._filter?.remove();
  }

  /** Where the person's cursor is: the active sheet and its active range, as `Sheet!A1`. */
  activeSelection(): string {
    return `${this._active._name}!${a1Of(this._active._selection)}`;
  }

  /** Selects one range, or several (ctrl-click): the last one is the active range. */
  userSelect(sheetName: string, ...a1s: string[]): void {
    const sheet = this.#named(sheetName);
    const rects = a1s.map((a1) => parseA1(a1, { maxRows: sheet._rows.length, maxColumns: sheet._columns.length }).rect);
    if (rects.length === 0) throw new Error('userSelect needs at least one range');
    this._select(sheet, rects.at(-1)!, rects.length > 1 ? rects : []);
  }

  userHideColumn(sheetName: string, column: number | string): void {
    this.#named(sheetName).hideColumns(typeof column === 'number' ? column : columnNumber(column), 1);
  }

  userRenameSheet(sheetName: string, newName: string): void {
    this._renameSheet(this.#named(sheetName), newName);
  }

  userDeleteSheet(sheetName: string): void {
    this.deleteSheet(gas(this.#named(sheetName)));
  }

  userAddSheet(sheetName: string): void {
    const active = this._active;
    this.insertSheet(sheetName);
    this._active = active;
  }
}
describeDouble(SpreadsheetDouble, { type: 'Spreadsheet', service: 'SpreadsheetApp', hostOnly });

class NamedRangeDouble
  implements Pick<GoogleAppsScript.Spreadsheet.NamedRange, 'getName' | 'getRange' | 'remove' | 'setName' | 'setRange'>
{
  readonly #book: SpreadsheetDouble;
  #name: string;
  constructor(book: SpreadsheetDouble, name: string) {
    this.#book = book;
    this.#name = name;
  }
  getName(): string {
    return this.#name;
  }
  getRange(): RangeApi {
    return this.#book.getRangeByName(this.#name)!;
  }
  remove(): void {
    this.#book.removeNamedRange(this.#name);
  }
  setName(name: string): GoogleAppsScript.Spreadsheet.NamedRange {
    const anchor = this.#book._namedRanges.get(this.#name)!;
    this.#book._namedRanges.delete(this.#name);
    this.#book._namedRanges.set(name, anchor);
    this.#name = name;
    return gas(this);
  }
  setRange(range: RangeApi): GoogleAppsScript.Spreadsheet.NamedRange {
    this.#book.setNamedRange(this.#name, range);
    return gas(this);
  }
}
describeDouble(NamedRangeDouble, { type: 'NamedRange', service: 'SpreadsheetApp' });

type AppApi = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
const otherSpreadsheets = 'https://www.googleapis.com/auth/spreadsheets';

/** Test double of Apps Script's SpreadsheetApp: the active spreadsheet, its UI, builders and enums. */
export class SpreadsheetAppDouble
  implements
    Pick<
      AppApi,
      | 'BooleanCriteria'
      | 'BorderStyle'
      | 'DataValidationCriteria'
      | 'DeveloperMetadataLocationType'
      | 'DeveloperMetadataVisibility'
      | 'Dimension'
      | 'Direction'
      | 'ProtectionType'
      | 'RelativeDate'
      | 'WrapStrategy'
      | 'create'
      | 'flush'
      | 'getActive'
      | 'getActiveRange'
      | 'getActiveRangeList'
      | 'getActiveSheet'
      | 'getActiveSpreadsheet'
      | 'getCurrentCell'
      | 'getUi'
      | 'newConditionalFormatRule'
      | 'newDataValidation'
      | 'newFilterCriteria'
      | 'openById'
      | 'openByUrl'
      | 'setActiveRange'
      | 'setActiveSheet'
    >
{
  BooleanCriteria = BooleanCriteria;
  BorderStyle = BorderStyle;
  DataValidationCriteria = DataValidationCriteria;
  DeveloperMetadataLocationType = DeveloperMetadataLocationType;
  DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  Dimension = Dimension;
  Direction = Direction;
  ProtectionType = ProtectionType;
  RelativeDate = RelativeDate;
  WrapStrategy = WrapStrategy;
  readonly #book: SpreadsheetDouble;
  readonly #granted: (scope: string) => boolean;
  constructor(book: SpreadsheetDouble, granted: (scope: string) => boolean) {
    this.#book = book;
    this.#granted = granted;
  }
  #otherSpreadsheet(method: string): never {
    // `spreadsheets.currentonly` reaches the document the add-on runs in, nothing else.
    if (this.#granted(otherSpreadsheets)) notImplemented(`SpreadsheetApp.${method} (other spreadsheets)`);
    throw new AppsScriptException(
      `You do not have permission to call SpreadsheetApp.${method}. Required permissions: ${otherSpreadsheets}`,
    );
  }
  create(): SpreadsheetApi {
    return this.#otherSpreadsheet('create');
  }
  flush(): void {}
  getActive(): SpreadsheetApi {
    return gas(this.#book);
  }
  getActiveRange(): RangeApi {
    return this.#book._active.getActiveRange()!;
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList {
    return this.#book._active.getActiveRangeList()!;
  }
  getActiveSheet(): SheetApi {
    return gas(this.#book._active);
  }
  getActiveSpreadsheet(): SpreadsheetApi {
    return gas(this.#book);
  }
  getCurrentCell(): RangeApi {
    return this.#book._active.getActiveCell();
  }
  getUi(): GoogleAppsScript.Base.Ui {
    return gas(this.#book._ui);
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return gas(new ConditionalFormatRuleBuilderDouble());
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return gas(new DataValidationBuilderDouble());
  }
  newFilterCriteria(): GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder {
    return gas(new FilterCriteriaBuilderDouble());
  }
  openById(): SpreadsheetApi {
    return this.#otherSpreadsheet('openById');
  }
  openByUrl(): SpreadsheetApi {
    return this.#otherSpreadsheet('openByUrl');
  }
  setActiveRange(range: RangeApi): RangeApi {
    return this.#book.setActiveRange(range);
  }
  setActiveSheet(sheet: SheetApi): SheetApi {
    return this.#book.setActiveSheet(sheet);
  }
}
describeDouble(SpreadsheetAppDouble, { type: 'SpreadsheetApp', service: 'SpreadsheetApp' });
