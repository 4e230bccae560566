import { enumName, enumOf, gas, notImplemented, type EnumValueDouble } from './gas-types.ts';
import type { ColumnState, SheetDouble } from './sheet-double.ts';
import type { SpreadsheetDouble } from './spreadsheet-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test doubles of developer metadata on the spreadsheet, a sheet or a whole column. Column metadata is
// attached to the column itself, so it follows the column when columns are inserted, deleted or
// moved, as in Sheets. Row metadata is not modelled: whether it follows a sort is not documented.

type S = typeof GoogleAppsScript.Spreadsheet;
export const DeveloperMetadataVisibility = enumOf<S['DeveloperMetadataVisibility']>('DeveloperMetadataVisibility', ['DOCUMENT', 'PROJECT']);
export const DeveloperMetadataLocationType = enumOf<S['DeveloperMetadataLocationType']>('DeveloperMetadataLocationType', [
  'SPREADSHEET',
  'SHEET',
  'ROW',
  'COLUMN',
]);

export type MetadataLocation =
  | { kind: 'SPREADSHEET' }
  | { kind: 'SHEET'; sheet: SheetDouble }
  | { kind: 'COLUMN'; sheet: SheetDouble; column: ColumnState };

export class DeveloperMetadataDouble
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.DeveloperMetadata,
      'getId' | 'getKey' | 'getLocation' | 'getValue' | 'getVisibility' | 'remove' | 'setKey' | 'setValue' | 'setVisibility'
    >
{
  readonly _id: number;
  _key: string;
  _value: string | null;
  _visibility: 'DOCUMENT' | 'PROJECT';
  readonly _location: MetadataLocation;
  readonly _book: SpreadsheetDouble;
  constructor(
    book: SpreadsheetDouble,
    id: number,
    key: string,
    value: string | null,
    visibility: 'DOCUMENT' | 'PROJECT',
    location: MetadataLocation,
  ) {
    this._book = book;
    this._id = id;
    this._key = key;
    this._value = value;
    this._visibility = visibility;
    this._location = location;
  }
  getId(): number {
    return this._id;
  }
  getKey(): string {
    return this._key;
  }
  getLocation(): GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation {
    return gas(new DeveloperMetadataLocationDouble(this));
  }
  getValue(): string | null {
    return this._value;
  }
  getVisibility(): GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
    return gas((DeveloperMetadataVisibility as unknown as Record<string, EnumValueDouble>)[this._visibility]);
  }
  remove(): void {
    this._book._metadata = this._book._metadata.filter((m) => m !== this);
  }
  setKey(key: string): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    this._key = String(key);
    return gas(this);
  }
  setValue(value: string): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    this._value = value === null ? null : String(value);
    return gas(this);
  }
  setVisibility(visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    this._visibility = enumName(visibility, 'DeveloperMetadataVisibility') as 'DOCUMENT' | 'PROJECT';
    return gas(this);
  }
  /** The column's current position (1-based), or 0 once the column is deleted. */
  _columnPosition(): number {
    const loc = this._location;
    return loc.kind === 'COLUMN' ? loc.sheet._columns.indexOf(loc.column) + 1 : 0;
  }
}
describeDouble(DeveloperMetadataDouble, { type: 'DeveloperMetadata', service: 'SpreadsheetApp' });

export class DeveloperMetadataLocationDouble
  implements
    Pick<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation, 'getColumn' | 'getLocationType' | 'getRow' | 'getSheet' | 'getSpreadsheet'>
{
  readonly #metadata: DeveloperMetadataDouble;
  constructor(metadata: DeveloperMetadataDouble) {
    this.#metadata = metadata;
  }
  getColumn(): GoogleAppsScript.Spreadsheet.Range | null {
    const loc = this.#metadata._location;
    if (loc.kind !== 'COLUMN') return null;
    return gas(loc.sheet._range({ row: 1, column: this.#metadata._columnPosition(), numRows: loc.sheet._rows.length, numColumns: 1 }));
  }
  getLocationType(): GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType {
    return gas((DeveloperMetadataLocationType as unknown as Record<string, EnumValueDouble>)[this.#metadata._location.kind]);
  }
  getRow(): GoogleAppsScript.Spreadsheet.Range | null {
    return null;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet | null {
    const loc = this.#metadata._location;
    return loc.kind === 'SPREADSHEET' ? null : gas(loc.sheet);
  }
  getSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet | null {
    return this.#metadata._location.kind === 'SPREADSHEET' ? gas(this.#metadata._book) : null;
  }
}
describeDouble(DeveloperMetadataLocationDouble, { type: 'DeveloperMetadataLocation', service: 'SpreadsheetApp' });

/** Where a finder looks: the whole spreadsheet, one sheet (and its columns), or the columns of a range. */
export type FinderScope = { sheet?: SheetDouble; columns?: { from: number; to: number } };

type FinderApi = GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;
export class DeveloperMetadataFinderDouble
  implements
    Pick<FinderApi, 'find' | 'onIntersectingLocations' | 'withId' | 'withKey' | 'withLocationType' | 'withValue' | 'withVisibility'>
{
  readonly #book: SpreadsheetDouble;
  readonly #scope: FinderScope;
  readonly #filters: ((m: DeveloperMetadataDouble) => boolean)[] = [];
  #intersecting = false;
  constructor(book: SpreadsheetDouble, scope: FinderScope) {
    this.#book = book;
    this.#scope = scope;
  }
  find(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return gas(this.#book._metadata.filter((m) => this.#inScope(m) && this.#filters.every((f) => f(m))));
  }
  onIntersectingLocations(): FinderApi {
    this.#intersecting = true;
    return gas(this);
  }
  withId(id: number): FinderApi {
    this.#filters.push((m) => m._id === id);
    return gas(this);
  }
  withKey(key: string): FinderApi {
    this.#filters.push((m) => m._key === key);
    return gas(this);
  }
  withLocationType(locationType: GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType): FinderApi {
    const kind = enumName(locationType, 'DeveloperMetadataLocationType');
    if (kind === 'ROW') notImplemented('row-level developer metadata');
    this.#filters.push((m) => m._location.kind === kind);
    return gas(this);
  }
  withValue(value: string): FinderApi {
    this.#filters.push((m) => m._value === value);
    return gas(this);
  }
  withVisibility(visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): FinderApi {
    const v = enumName(visibility, 'DeveloperMetadataVisibility');
    this.#filters.push((m) => m._visibility === v);
    return gas(this);
  }
  #inScope(m: DeveloperMetadataDouble): boolean {
    const { sheet, columns } = this.#scope;
    const loc = m._location;
    if (!sheet) return true;
    if (loc.kind === 'SPREADSHEET') return false;
    if (loc.sheet !== sheet) return false;
    if (!columns) return true;
    if (loc.kind === 'SHEET') return this.#intersecting;
    const at = m._columnPosition();
    return at >= columns.from && at <= columns.to;
  }
}
describeDouble(DeveloperMetadataFinderDouble, { type: 'DeveloperMetadataFinder', service: 'SpreadsheetApp' });
