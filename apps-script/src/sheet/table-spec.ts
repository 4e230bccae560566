// A sheet the add-on keeps in step with the base, described as data: which columns it manages,
// which people may edit, which the base fills in, and which hold the row's identity. The clients
// sheet is one; the admin's roster sheet is another of the same kind.
import type { Messages } from '../messages.ts';
import { moneyFormat } from '../money.ts';
import type { CellValue } from './cell-values.ts';

/** editable: saved back; derived: filled by the base, read-only; system: row identity, hidden. */
export type ColumnRole = 'editable' | 'derived' | 'system';
export type ColumnFormat = 'text' | 'day' | 'integer' | 'money' | 'choice';

export type ColumnSpec<K extends string> = {
  key: K;
  role: ColumnRole;
  format: ColumnFormat;
  header: (m: Messages) => string;
  /** The header's note: what the column means. */
  note?: (m: Messages) => string;
  /** For `choice`: the values offered (data validation), in the person's language. */
  choices?: (m: Messages) => string[];
  /** For an editable `day`: the days the rule allows, flagged as typed (a day that happened cannot be still to come). */
  days?: 'up-to-today' | 'from-today';
  width?: number;
};

export type TableSpec<K extends string> = {
  /** Developer metadata value that finds the sheet whatever it is called. */
  id: string;
  title: (m: Messages) => string;
  columns: ReadonlyArray<ColumnSpec<K>>;
  /** The system columns: the record's id, the version it was loaded at, the hash of its loaded values. */
  idKey: K;
  /** Tables saved per record carry the version each row was loaded at and a hash of its loaded values. */
  versionKey?: K;
  hashKey?: K;
};

export const numberFormats: Record<ColumnFormat, string> = {
  text: '@',
  choice: '@',
  day: 'yyyy-mm-dd',
  integer: '0',
  money: moneyFormat,
};

/** Developer metadata keys: one on the sheet (which table it is), one on each managed column. */
export const sheetMetadataKey = 'clientbase.sheet';
export const columnMetadataKey = 'clientbase.column';

/** Where each managed column is now (1-based). */
export type ColumnMap<K extends string> = Record<K, number>;

/** One sheet row: its number now (it changes when people sort) and its managed cells. */
export type TableRow<K extends string> = { row: number; cells: Record<K, CellValue> };

/** A write of some managed cells of one row; rows past the end are appended. */
export type RowWrite<K extends string> = { row: number; cells: Partial<Record<K, CellValue>> };

/** The values a record had when last loaded or saved, with that version (see loaded-values.ts). */
export type LoadedRecord<F extends string> = { id: string; version: number; values: Record<F, string> };
