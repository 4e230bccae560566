// The values each record had when it was last loaded or saved, kept in a hidden sheet of their own
// (10,000 rows are far beyond what Properties or Cache may hold). They tell which fields of an
// edited row changed, so a save sends only those, and let a conflict be judged field by field.
// Read and rewritten whole: one getValues and one setValues, keyed by record id, never by row.
import { sheetMetadataKey, type LoadedRecord } from './table-spec.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type { LoadedRecord };

function findSheet(spreadsheet: Spreadsheet, id: string): GoogleAppsScript.Spreadsheet.Sheet | null {
  for (const metadata of spreadsheet.createDeveloperMetadataFinder().withKey(sheetMetadataKey).withValue(id).find()) {
    const sheet = metadata.getLocation().getSheet();
    if (sheet) return sheet;
  }
  return null;
}

const sheetId = (tableId: string) => `${tableId}:loaded`;

export function readLoadedValues<F extends string>(
  spreadsheet: Spreadsheet,
  tableId: string,
  fields: readonly F[],
): Map<string, LoadedRecord<F>> {
  const sheet = findSheet(spreadsheet, sheetId(tableId));
  const out = new Map<string, LoadedRecord<F>>();
  if (!sheet || sheet.getLastRow() < 2) return out;
  const [header, ...rows] = sheet
    .getRange(1, 1, sheet.getLastRow(), fields.length + 2)
    .getValues()
    .map((r) => r.map((v) => String(v ?? '')));
  // Columns by name, so a sheet written by an older version with other fields still reads.
  const at = (name: string) => header!.indexOf(name);
  const idAt = at('id');
  const versionAt = at('version');
  for (const row of rows) {
    const id = row[idAt] ?? '';
    if (id === '') continue;
    const values = {} as Record<F, string>;
    for (const f of fields) values[f] = at(f) >= 0 ? (row[at(f)] ?? '') : '';
    out.set(id, { id, version: Number(row[versionAt]) || 0, values });
  }
  return out;
}

export function writeLoadedValues<F extends string>(
  spreadsheet: Spreadsheet,
  tableId: string,
  fields: readonly F[],
  records: Iterable<LoadedRecord<F>>,
): void {
  let sheet = findSheet(spreadsheet, sheetId(tableId));
  const previousRows = sheet ? sheet.getLastRow() : 0;
  if (!sheet) {
    sheet = spreadsheet.insertSheet(`clientbase · ${tableId}`);
    sheet.addDeveloperMetadata(sheetMetadataKey, sheetId(tableId));
    sheet.getRange(1, 1, sheet.getMaxRows(), fields.length + 2).setNumberFormat('@');
    sheet.protect().setDescription('clientbase: loaded values').setWarningOnly(true);
    sheet.hideSheet();
  }
  const matrix: string[][] = [['id', 'version', ...fields]];
  for (const r of records) matrix.push([r.id, String(r.version), ...fields.map((f) => r.values[f])]);
  // Blank out what the previous, longer version left below.
  while (matrix.length < previousRows) matrix.push(new Array<string>(fields.length + 2).fill(''));
  const maxRows = sheet.getMaxRows();
  if (matrix.length > maxRows) {
    sheet.insertRowsAfter(maxRows, matrix.length - maxRows);
    sheet.getRange(maxRows + 1, 1, matrix.length - maxRows, fields.length + 2).setNumberFormat('@');
  }
  sheet.getRange(1, 1, matrix.length, fields.length + 2).setValues(matrix);
}
