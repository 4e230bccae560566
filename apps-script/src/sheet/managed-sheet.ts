// Finding, creating and repairing a sheet the add-on manages. The sheet is found by developer
// metadata (renaming it changes nothing), each managed column by metadata on the column (people
// may move columns or insert their own between them), the header text being the fallback.
import { messagesFor, type Messages } from '../messages.ts';
import { columnLetter } from './cell-values.ts';
import { type RowWrite, type Table, type TableRow, writeRows } from './table-io.ts';
import { columnMetadataKey, numberFormats, sheetMetadataKey, type ColumnMap, type ColumnSpec, type TableSpec } from './table-spec.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type { ColumnMap };

export function findManagedSheet(spreadsheet: Spreadsheet, spec: { id: string }): Sheet | null {
  const found = spreadsheet.createDeveloperMetadataFinder().withKey(sheetMetadataKey).withValue(spec.id).find();
  for (const metadata of found) {
    const sheet = metadata.getLocation().getSheet();
    if (sheet) return sheet;
  }
  return null;
}

/** The header row as last located, with where each managed column was: one read instead of a metadata walk. */
type Layout = { header: string[]; columns: Record<string, number> };
const layoutProperty = (sheet: Sheet) => `clientbase.layout.${sheet.getSheetId()}`;
/** A document property holds at most 9 KB: a sheet with a very long header row is walked every time. */
const maxLayoutChars = 8000;

function headerRow(sheet: Sheet): string[] {
  const last = sheet.getLastColumn();
  return last === 0
    ? []
    : sheet
        .getRange(1, 1, 1, last)
        .getValues()[0]!
        .map((v) => String(v));
}

function rememberedLayout(sheet: Sheet, header: readonly string[]): Record<string, number> | null {
  const text = PropertiesService.getDocumentProperties().getProperty(layoutProperty(sheet));
  if (!text) return null;
  const layout = JSON.parse(text) as Layout;
  // Moving, inserting or deleting a column, or renaming a header, changes the row: then the metadata decides.
  return layout.header.length === header.length && layout.header.every((h, i) => h === header[i]) ? layout.columns : null;
}

function rememberLayout(sheet: Sheet, header: string[], columns: Record<string, number>): void {
  const text = JSON.stringify({ header, columns } satisfies Layout);
  if (text.length <= maxLayoutChars) PropertiesService.getDocumentProperties().setProperty(layoutProperty(sheet), text);
}

/** Where each managed column is now; keys not found are missing (deleted by someone). */
export function locateColumns<K extends string>(sheet: Sheet, spec: TableSpec<K>): { columns: Partial<ColumnMap<K>>; missing: K[] } {
  const header = headerRow(sheet);
  const remembered = rememberedLayout(sheet, header);
  if (remembered && spec.columns.every((c) => typeof remembered[c.key] === 'number'))
    return { columns: remembered as Partial<ColumnMap<K>>, missing: [] };
  const found = walkColumns(sheet, spec, header);
  if (found.missing.length === 0) rememberLayout(sheet, header, found.columns as Record<string, number>);
  return found;
}

/** The columns by their metadata, and by their header where the metadata was lost. */
function walkColumns<K extends string>(
  sheet: Sheet,
  spec: TableSpec<K>,
  headerNow: readonly string[],
): { columns: Partial<ColumnMap<K>>; missing: K[] } {
  const known = new Set<string>(spec.columns.map((c) => c.key));
  const columns: Partial<ColumnMap<K>> = {};
  for (const metadata of sheet.createDeveloperMetadataFinder().withKey(columnMetadataKey).find()) {
    const key = metadata.getValue();
    const column = metadata.getLocation().getColumn();
    if (key !== null && known.has(key) && column) columns[key as K] = column.getColumn();
  }
  let missing = spec.columns.filter((c) => columns[c.key] === undefined);
  if (missing.length > 0 && headerNow.length > 0) {
    // Metadata lost (a copied sheet, an old version): recognise the header in either language.
    const header = headerNow.map((v) => v.trim());
    const taken = new Set(Object.values(columns) as number[]);
    for (const c of missing) {
      const names = new Set([c.header(messagesFor('en')), c.header(messagesFor('ru'))]);
      const at = header.findIndex((h, i) => names.has(h) && !taken.has(i + 1));
      if (at >= 0) {
        columns[c.key] = at + 1;
        taken.add(at + 1);
        sheet.getRange(`${columnLetter(at + 1)}:${columnLetter(at + 1)}`).addDeveloperMetadata(columnMetadataKey, c.key);
      }
    }
    missing = spec.columns.filter((c) => columns[c.key] === undefined);
  }
  return { columns, missing: missing.map((c) => c.key) };
}

/**
 * What a person may type into a column, for cells from `firstRow` down: a dropdown of the choices,
 * a day (with the rule's limit: a day that happened is today or earlier), or nothing to check.
 * Warn rather than reject: a rejecting rule would also refuse the add-on's own writes of a value the
 * list does not hold (the sheet's language changed, a choice the base added later) or of the base's
 * day where the spreadsheet's time zone is already on another day; Save checks every value anyway.
 */
function validationFor<K extends string>(spec: ColumnSpec<K>, column: number, firstRow: number, m: Messages) {
  const choice = spec.format === 'choice' && spec.choices;
  if (!choice && (spec.format !== 'day' || spec.role !== 'editable')) return null;
  // A new rule warns (allows invalid data) unless told otherwise: one call less a column.
  const rule = SpreadsheetApp.newDataValidation();
  if (choice) return rule.requireValueInList(spec.choices!(m), true).setHelpText(m.validation.choice).build();
  // A formula for the first cell, moved by Sheets to each other one; TODAY() keeps the limit current without a reload.
  const cell = `${columnLetter(column)}${firstRow}`;
  if (spec.days === 'up-to-today') return rule.requireFormulaSatisfied(`=${cell}<=TODAY()`).setHelpText(m.validation.upToToday).build();
  if (spec.days === 'from-today') return rule.requireFormulaSatisfied(`=${cell}>=TODAY()`).setHelpText(m.validation.fromToday).build();
  return rule.requireDate().setHelpText(m.validation.day).build();
}

/**
 * The validations of every column over all the sheet's rows, for a sheet whose rules are out of
 * date (made by an older add-on, or in another language). A constant number of calls a validated column.
 */
export function applyValidations<K extends string>(table: Table<K>, m: Messages): void {
  const rows = Math.max(table.sheet.getMaxRows() - 1, 1);
  for (const spec of table.spec.columns) {
    const rule = validationFor(spec, table.columns[spec.key], 2, m);
    if (rule) table.sheet.getRange(2, table.columns[spec.key], rows, 1).setDataValidation(rule);
  }
}

/** Number format, validation and (for read-only columns) warning-only protection of some rows of a column. */
function setUpCells<K extends string>(
  sheet: Sheet,
  spec: ColumnSpec<K>,
  column: number,
  firstRow: number,
  rows: number,
  m: Messages,
): void {
  const body = sheet.getRange(firstRow, column, rows, 1);
  body.setNumberFormat(numberFormats[spec.format]);
  const rule = validationFor(spec, column, firstRow, m);
  if (rule) body.setDataValidation(rule);
  // Warning only: a hard protection would bind the add-on too, since it runs as the person.
  if (spec.role !== 'editable')
    body
      .protect()
      .setDescription(`clientbase: ${spec.header(m)}`)
      .setWarningOnly(true);
}

function headerNote<K extends string>(spec: ColumnSpec<K>, m: Messages): string {
  if (spec.role === 'system') return m.columnNotes.system;
  return spec.note?.(m) ?? (spec.role === 'derived' ? m.columnNotes.readOnly : '');
}

/** Metadata, cells, width and visibility of one managed column whose header is written. */
function setUpBody<K extends string>(sheet: Sheet, spec: ColumnSpec<K>, column: number, rows: number, m: Messages): void {
  const letter = columnLetter(column);
  sheet.getRange(`${letter}:${letter}`).addDeveloperMetadata(columnMetadataKey, spec.key);
  setUpCells(sheet, spec, column, 2, rows, m);
  if (spec.width) sheet.setColumnWidth(column, spec.width);
  if (spec.role === 'system') sheet.hideColumns(column);
}

/** Header, metadata, cells and visibility of one managed column. */
function setUpColumn<K extends string>(sheet: Sheet, spec: ColumnSpec<K>, column: number, m: Messages): void {
  const header = sheet.getRange(1, column);
  header.setValue(spec.header(m)).setFontWeight('bold');
  const note = headerNote(spec, m);
  if (note) header.setNote(note);
  setUpBody(sheet, spec, column, Math.max(sheet.getMaxRows() - 1, 1), m);
}

/**
 * Room for `lastRow` rows. New rows get the columns' formats, validation and protection (set per
 * column over the new block: a constant number of calls however many rows are added).
 */
export function ensureRows<K extends string>(sheet: Sheet, spec: TableSpec<K>, columns: ColumnMap<K>, lastRow: number, m: Messages): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow <= maxRows) return;
  sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  for (const c of spec.columns) setUpCells(sheet, c, columns[c.key], maxRows + 1, lastRow - maxRows, m);
}

/** Writes rows that may lie below the sheet's last row: room first (with the columns' set-up), then the values. */
export function writeRowsMakingRoom<K extends string>(
  table: Table<K>,
  current: ReadonlyArray<TableRow<K>>,
  writes: ReadonlyArray<RowWrite<K>>,
  m: Messages,
): void {
  const lastRow = writes.reduce((last, w) => Math.max(last, w.row), 0);
  ensureRows(table.sheet, table.spec, table.columns, lastRow, m);
  writeRows(table, current, writes);
}

/** A new sheet laid out for the table; `decorate` adds what is particular to it (conditional formats). */
export function createManagedSheet<K extends string>(
  spreadsheet: Spreadsheet,
  spec: TableSpec<K>,
  m: Messages,
  rows: number,
  decorate?: (sheet: Sheet, columns: ColumnMap<K>) => void,
): { sheet: Sheet; columns: ColumnMap<K> } {
  let title = spec.title(m);
  for (let n = 2; spreadsheet.getSheetByName(title); n++) title = `${spec.title(m)} (${n})`;
  const sheet = spreadsheet.insertSheet(title);
  sheet.addDeveloperMetadata(sheetMetadataKey, spec.id);
  // Room for the rows about to be loaded first, so formats and validation cover them all at once.
  if (sheet.getMaxRows() < rows + 1) sheet.insertRowsAfter(sheet.getMaxRows(), rows + 1 - sheet.getMaxRows());
  if (sheet.getMaxColumns() < spec.columns.length)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), spec.columns.length - sheet.getMaxColumns());
  const columns = {} as ColumnMap<K>;
  // The whole header row at once: three calls, not three a column.
  const header = spec.columns.map((c) => c.header(m));
  sheet
    .getRange(1, 1, 1, spec.columns.length)
    .setValues([header])
    .setFontWeight('bold')
    .setNotes([spec.columns.map((c) => headerNote(c, m))]);
  const bodyRows = Math.max(sheet.getMaxRows() - 1, 1);
  spec.columns.forEach((c, i) => {
    columns[c.key] = i + 1;
    setUpBody(sheet, c, i + 1, bodyRows, m);
  });
  rememberLayout(sheet, header, columns);
  sheet.setFrozenRows(1);
  decorate?.(sheet, columns);
  return { sheet, columns };
}

/** Puts back managed columns someone deleted, after the last managed column. */
export function restoreColumns<K extends string>(
  sheet: Sheet,
  spec: TableSpec<K>,
  located: Partial<ColumnMap<K>>,
  missing: K[],
  m: Messages,
): ColumnMap<K> {
  const columns = { ...located } as ColumnMap<K>;
  for (const key of missing) {
    const after = Math.max(0, ...(Object.values(columns) as number[]).filter((n) => typeof n === 'number'));
    sheet.insertColumnAfter(after === 0 ? 1 : after);
    // Columns to the right of the new one moved by one.
    for (const k of Object.keys(columns) as K[]) if (columns[k] > after) columns[k]++;
    columns[key] = after + 1;
    setUpColumn(sheet, spec.columns.find((c) => c.key === key)!, after + 1, m);
  }
  return columns;
}

export type OpenedTable<K extends string> =
  | { status: 'open'; sheet: Sheet; spec: TableSpec<K>; columns: ColumnMap<K> }
  | { status: 'absent' }
  | { status: 'broken'; missing: K[] };

/**
 * A managed table as it is now. With `repair` (a load or refresh), a missing sheet is created with
 * room for `rows` records and deleted columns are put back; otherwise (a save) the caller learns
 * the sheet is absent or which columns are missing, and tells the person.
 */
export function openManagedTable<K extends string>(
  spreadsheet: Spreadsheet,
  spec: TableSpec<K>,
  m: Messages,
  options: { repair: boolean; rows?: number; decorate?: (sheet: Sheet, columns: ColumnMap<K>) => void },
): OpenedTable<K> {
  const existing = findManagedSheet(spreadsheet, spec);
  if (!existing) {
    if (!options.repair) return { status: 'absent' };
    return { status: 'open', spec, ...createManagedSheet(spreadsheet, spec, m, options.rows ?? 0, options.decorate) };
  }
  const { columns, missing } = locateColumns(existing, spec);
  if (missing.length === 0) return { status: 'open', sheet: existing, spec, columns: columns as ColumnMap<K> };
  if (!options.repair) return { status: 'broken', missing };
  return { status: 'open', sheet: existing, spec, columns: restoreColumns(existing, spec, columns, missing, m) };
}
